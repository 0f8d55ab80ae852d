import { stat } from 'node:fs/promises';
import { loadSnapshot } from '@palisade/malicious-db';
import type { DatabaseInUse } from './database-in-use.ts';

/** What tells one version of the snapshot file from another: inode, size and modification time; `missing` when there is none. */
export async function snapshotSignature(file: string): Promise<string> {
  try {
    const info = await stat(file, { bigint: true });
    return `${info.ino}:${info.size}:${info.mtimeNs}`;
  } catch (error) {
    return `missing (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`;
  }
}

export interface DatabaseWatchOptions {
  /** The snapshot file a sync writes (atomically, by renaming a finished file over it). */
  readonly file: string;
  /** Milliseconds between checks (default 5000). */
  readonly intervalMs?: number;
  readonly database: DatabaseInUse;
  readonly log: (event: string, fields: Record<string, unknown>) => void;
  /** The signature of the file as it was when the database in use was read from it (default: none seen yet). */
  readonly seen?: string;
}

/** A running watch of the snapshot file. */
export interface DatabaseWatch {
  /** Checks now (and waits for a check under way first): staleness, then the file. */
  check(): Promise<void>;
  /** Stops watching; resolves once a check under way has finished. */
  close(): Promise<void>;
}

/**
 * Watches the saved database snapshot by polling its signature (one `stat` per interval,
 * the next check timed from the end of the last one). When the file changes, the new
 * snapshot is loaded and put in use in place of the current database; one that cannot be
 * loaded leaves the current one in force, is logged once, and is tried again only when
 * the file changes again. Every check also re-examines the database's age.
 */
export function watchDatabase(options: DatabaseWatchOptions): DatabaseWatch {
  const intervalMs = options.intervalMs ?? 5000;
  let seen = options.seen;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  async function checkOnce(): Promise<void> {
    options.database.refreshStaleness();
    const signature = await snapshotSignature(options.file);
    if (signature === seen || signature.startsWith('missing')) return;
    const loaded = await loadSnapshot(options.file);
    // Only a file that loaded (or failed) is marked seen: its signature may have moved on meanwhile, which the next check sees.
    seen = signature;
    if (!loaded.ok) return void options.log('database-reload-failed', { file: options.file, problem: loaded.error, kept: 'the database in use stays in force' });
    if (options.database.isCurrent(loaded.value.header)) return;
    await options.database.replace(loaded.value);
  }

  const check = (): Promise<void> => {
    running = running.then(() => (closed ? undefined : checkOnce())).catch((error: unknown) => {
      options.log('database-watch-failed', { file: options.file, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    });
    return running;
  };

  const schedule = () => {
    if (closed) return;
    timer = setTimeout(() => void check().then(schedule), intervalMs);
    timer.unref();
  };
  schedule();

  return {
    check,
    async close() {
      closed = true;
      clearTimeout(timer);
      await running;
    },
  };
}
