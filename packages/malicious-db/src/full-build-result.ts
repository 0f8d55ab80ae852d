import type { DirectoryIndex } from './report-collector.ts';
import { saveSnapshot } from './snapshot-file.ts';
import type { SyncProgressListener, SyncResult } from './sync-result.ts';

/** Where a full build is saved and when. */
export interface SaveBuildOptions {
  readonly snapshotFile: string;
  readonly onProgress?: SyncProgressListener;
  readonly now?: () => Date;
}

/** Saves an index built from every report of a source without commits (a folder, an archive) as a sync result. */
export async function saveFullBuild(built: DirectoryIndex, location: string, started: number, options: SaveBuildOptions): Promise<SyncResult> {
  options.onProgress?.({ phase: 'save', message: `saving ${built.index.size} reports` });
  const builtAt = options.now?.() ?? new Date();
  const snapshot = await saveSnapshot(options.snapshotFile, built.index, { source: { location }, builtAt, excluded: built.excluded });
  return {
    added: built.index.size,
    changed: 0,
    withdrawn: 0,
    fullRebuild: true,
    rebuildReason: 'the source has no commits to compare',
    problems: built.problems,
    durationMs: Math.round(performance.now() - started),
    snapshot,
  };
}
