import { stat } from 'node:fs/promises';

/** What tells one version of a file from another: inode, size and modification time; `missing` when there is none. */
export async function fileSignature(file: string): Promise<string> {
  try {
    const info = await stat(file, { bigint: true });
    return `${info.ino}:${info.size}:${info.mtimeNs}`;
  } catch (error) {
    return `missing (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`;
  }
}

/** A running poll: `check` runs one now (after one under way); `close` stops it once one under way has finished. */
export interface FilePoll {
  check(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Runs `checkOnce` every `intervalMs` (the next timed from the end of the last, never two at
 * once) until closed; a check that throws is told to `failed` and the poll goes on.
 */
export function pollFile(checkOnce: () => Promise<void>, intervalMs: number, failed: (error: unknown) => void): FilePoll {
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const check = (): Promise<void> => {
    running = running.then(() => (closed ? undefined : checkOnce())).catch(failed);
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
