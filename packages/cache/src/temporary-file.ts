import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Writes a file so that readers see it whole or not at all: the content goes to a new
 * file in `tmpDir` (same file system), is flushed to disk, and only then renamed to
 * `target`, replacing any file there in one step. When `write` fails, nothing is left.
 * `write` may decline (return `keep: false`): the temporary file is removed, `target` untouched.
 * When `target`'s folder was removed while the content was written (its package purged),
 * the folder is made again and the file put there.
 */
export async function writeAtomically<T>(
  tmpDir: string,
  target: (result: T) => string,
  write: (handle: FileHandle) => Promise<{ readonly keep: boolean; readonly result: T }>,
): Promise<{ readonly kept: boolean; readonly result: T }> {
  const temporary = join(tmpDir, `${randomUUID()}.part`);
  const handle = await open(temporary, 'wx', 0o644);
  let outcome: { readonly keep: boolean; readonly result: T };
  try {
    outcome = await write(handle);
    if (outcome.keep) await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  if (!outcome.keep) {
    await rm(temporary, { force: true });
    return { kept: false, result: outcome.result };
  }
  const path = target(outcome.result);
  try {
    await rename(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(dirname(path), { recursive: true });
    await rename(temporary, path).catch(async (again: unknown) => {
      await rm(temporary, { force: true });
      throw again;
    });
  }
  return { kept: true, result: outcome.result };
}

/** Flushes a folder's entries (a rename in it) to disk; some file systems refuse, which is harmless. */
export async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } catch {
    // The rename stays atomic; only its durability across a power cut is weaker there.
  } finally {
    await handle.close();
  }
}

