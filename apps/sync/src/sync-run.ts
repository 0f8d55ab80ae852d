import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Result } from '@palisade/core';
import { readSnapshotHeader, snapshotFileIn, syncFromDirectory, syncFromGit, syncFromOsvZip, type SyncProgress, type SyncResult } from '@palisade/malicious-db';
import type { HttpClient } from 'isomorphic-git';
import type { SyncOptions } from './sync-options.ts';

export interface SyncDependencies {
  /** One line per event, for a person to follow (progress) and for the record (summary). */
  readonly log: (event: string, fields: Record<string, unknown>) => void;
  /** isomorphic-git's HTTP client (`isomorphic-git/http/node`), for git sources. */
  readonly http: HttpClient;
  readonly now?: () => Date;
  /** Progress lines are at most this often (default 2 s); the last of a phase always shows. */
  readonly progressEveryMs?: number;
}

/** A progress listener that logs at most every `everyMs`, and always when the phase changes. */
function throttledProgress(log: SyncDependencies['log'], everyMs: number): (progress: SyncProgress) => void {
  let last = 0;
  let phase = '';
  return (progress) => {
    const at = Date.now();
    if (progress.phase === phase && at - last < everyMs) return;
    last = at;
    phase = progress.phase;
    log('sync-progress', { phase: progress.phase, message: progress.message, ...(progress.done !== undefined && { done: progress.done }), ...(progress.total !== undefined && { total: progress.total }) });
  };
}

/**
 * One sync into the snapshot under the data folder, from the configured source. A git
 * sync starts from the commit the current snapshot reflects, when it came from the same
 * repository; otherwise it builds the index from every report (and says why).
 */
export async function runSync(options: SyncOptions, dependencies: SyncDependencies): Promise<Result<SyncResult>> {
  const snapshotFile = snapshotFileIn(options.dataDir);
  await mkdir(join(options.dataDir, 'database'), { recursive: true });
  const onProgress = throttledProgress(dependencies.log, dependencies.progressEveryMs ?? 2000);
  const common = { snapshotFile, onProgress, ...(dependencies.now && { now: dependencies.now }) };
  const source = options.source;
  if (source.kind === 'folder') return syncFromDirectory({ ...common, root: source.path });
  if (source.kind === 'zip') return syncFromOsvZip({ ...common, zipPath: source.path });
  const header = await readSnapshotHeader(snapshotFile);
  const commit = header.ok && header.value.source.location === source.url ? header.value.source.commit : undefined;
  return syncFromGit({ ...common, url: source.url, dir: join(options.dataDir, 'database', 'git'), http: dependencies.http, ...(commit && { previous: { commit, snapshotFile } }) });
}

/** The one line a run ends with. */
export function summaryOf(result: SyncResult): Record<string, unknown> {
  return {
    ...(result.commit && { commit: result.commit.slice(0, 12) }),
    added: result.added,
    changed: result.changed,
    withdrawn: result.withdrawn,
    reports: result.snapshot.reports,
    fullRebuild: result.fullRebuild,
    ...(result.rebuildReason && { rebuildReason: result.rebuildReason }),
    seconds: Math.round(result.durationMs / 100) / 10,
  };
}
