import { failure, success, type Result } from '@palisade/core';
import { saveFullBuild, type SaveBuildOptions } from './full-build-result.ts';
import { readReportDirectory } from './read-report-directory.ts';
import type { SyncResult } from './sync-result.ts';

/** A folder laid out like the OpenSSF malicious-packages repository, and where to save. */
export interface DirectorySyncOptions extends SaveBuildOptions {
  readonly root: string;
}

/**
 * Builds a snapshot from a folder in the repository's layout (no git needed), saved
 * atomically. A folder without `osv/malicious` fails and leaves the previous snapshot.
 */
export async function syncFromDirectory(options: DirectorySyncOptions): Promise<Result<SyncResult>> {
  const started = performance.now();
  const onProgress = options.onProgress;
  const read = await readReportDirectory(options.root, {
    ...(onProgress ? { onProgress: (done: number) => onProgress({ phase: 'read', message: 'indexing reports', done }) } : {}),
  }).catch((error: unknown) => failure(`cannot read ${options.root}: ${(error as Error).message}`));
  if (!read.ok) return read;
  try {
    return success(await saveFullBuild(read.value, options.root, started, options));
  } catch (error) {
    return failure(`cannot save ${options.snapshotFile}: ${(error as Error).message}`);
  }
}
