import { loadSnapshot } from '@palisade/malicious-db';
import type { DatabaseInUse } from './database-in-use.ts';
import { errorText } from './error-text.ts';
import { fileSignature, pollFile } from './file-poll.ts';

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
  let seen = options.seen;
  async function checkOnce(): Promise<void> {
    options.database.refreshStaleness();
    const signature = await fileSignature(options.file);
    if (signature === seen || signature.startsWith('missing')) return;
    const loaded = await loadSnapshot(options.file);
    // Only a file that loaded (or failed) is marked seen: its signature may have moved on meanwhile, which the next check sees.
    seen = signature;
    if (!loaded.ok) return void options.log('database-reload-failed', { file: options.file, problem: loaded.error, kept: 'the database in use stays in force' });
    if (options.database.isCurrent(loaded.value.header)) return;
    await options.database.replace(loaded.value);
  }
  return pollFile(checkOnce, options.intervalMs ?? 5000, (error) => options.log('database-watch-failed', { file: options.file, error: errorText(error) }));
}
