import { rm } from 'node:fs/promises';
import { failure, success, type Result } from '@palisade/core';
import type { HttpClient, ProgressCallback } from 'isomorphic-git';
import { applyReportChanges } from './apply-report-changes.ts';
import { gitErrorMessage, gitObjectReader, isMissingObject } from './git-objects.ts';
import { indexWholeTree, readReportBlobs } from './git-report-files.ts';
import { cloneStore, fetchStore, isStoreOf, removeUnindexedPacks, replaceStore, storeBytes } from './git-store.ts';
import { diffReportTrees, type TreeDiffSide } from './git-tree-diff.ts';
import { loadSnapshot, saveSnapshot, type LoadedSnapshot } from './snapshot-file.ts';
import type { SyncPhase, SyncProgressListener, SyncResult } from './sync-result.ts';

/** Where and how to sync from a git repository laid out like OpenSSF malicious-packages. */
export interface GitSyncOptions {
  readonly url: string;
  /** Folder (under the data dir) for the shallow clone; `<dir>.next` is used while re-cloning. */
  readonly dir: string;
  /** Where the new snapshot is written (atomically). */
  readonly snapshotFile: string;
  /** The last good snapshot and the commit it reflects; without it, the index is built from every report. */
  readonly previous?: { readonly commit: string; readonly snapshotFile: string };
  /** isomorphic-git's HTTP client (`isomorphic-git/http/node`). */
  readonly http: HttpClient;
  readonly onProgress?: SyncProgressListener;
  /** The clone is made anew once its object store is larger than this; default 1 GiB. */
  readonly maxStoreBytes?: number;
  readonly now?: () => Date;
}

export const DEFAULT_MAX_STORE_BYTES = 1024 ** 3;

/** The previous snapshot, or why it cannot be the base of an incremental update. */
async function loadPrevious(previous: GitSyncOptions['previous']): Promise<Result<LoadedSnapshot & { commit: string }>> {
  if (previous === undefined) return failure('no previous snapshot');
  const loaded = await loadSnapshot(previous.snapshotFile);
  if (!loaded.ok) return failure(`the previous snapshot is unusable (${loaded.error})`);
  if (loaded.value.header.source.commit !== previous.commit) return failure(`the previous snapshot does not reflect commit ${previous.commit}`);
  return success({ ...loaded.value, commit: previous.commit });
}

function gitProgress(phase: SyncPhase, listener: SyncProgressListener): ProgressCallback {
  return (event) => listener({ phase, message: event.phase, done: event.loaded, ...(event.total ? { total: event.total } : {}) });
}

async function runGitSync(options: GitSyncOptions, next: string): Promise<SyncResult> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => {});
  const previous = await loadPrevious(options.previous);
  const hasStore = await isStoreOf(options.dir, options.url);
  const recloned = hasStore && (await storeBytes(options.dir)) > (options.maxStoreBytes ?? DEFAULT_MAX_STORE_BYTES);
  const fresh = !hasStore || recloned;
  const phase: SyncPhase = fresh ? 'clone' : 'fetch';
  progress({ phase, message: `${fresh ? 'cloning' : 'fetching'} ${options.url}${recloned ? ' (the clone outgrew its bound)' : ''}` });
  const remote = { url: options.url, http: options.http, onProgress: gitProgress(phase, progress) };
  const commit = fresh ? await cloneStore(next, remote) : await fetchStore(options.dir, remote);
  const now: TreeDiffSide = { reader: gitObjectReader(fresh ? next : options.dir), commit };
  // One reader per store: two over the same store would each hold its pack and index in memory.
  const oldReader = !hasStore ? undefined : fresh ? gitObjectReader(options.dir) : now.reader;

  let rebuildReason = previous.ok ? undefined : previous.error;
  let diff;
  if (previous.ok && oldReader === undefined) rebuildReason = 'there is no local clone holding the previous commit';
  else if (previous.ok && oldReader !== undefined) {
    progress({ phase: 'diff', message: `comparing ${previous.value.commit.slice(0, 12)} with ${commit.slice(0, 12)}` });
    diff = await diffReportTrees({ reader: oldReader, commit: previous.value.commit }, now).catch((error: unknown) => {
      if (isMissingObject(error)) return undefined;
      throw error;
    });
    if (diff === undefined) rebuildReason = `the previous commit ${previous.value.commit} is not in the clone (shallow history)`;
  }

  let counts: { added: number; changed: number; withdrawn: number };
  let built;
  if (previous.ok && diff !== undefined && oldReader !== undefined) {
    const written = await readReportBlobs(now.reader, [...diff.added, ...diff.changed], progress);
    const removed = await readReportBlobs(oldReader, diff.removed, progress);
    oldReader.release();
    now.reader.release();
    const applied = applyReportChanges(previous.value.index, { written, removed });
    if (!applied.ok) throw new Error(applied.error);
    const before = previous.value.header.excluded;
    counts = applied.value;
    built = { index: previous.value.index, problems: applied.value.problems, excluded: { ...before, withdrawn: before.withdrawn + applied.value.withdrawn } };
  } else {
    built = await indexWholeTree(now, progress);
    now.reader.release();
    oldReader?.release();
    counts = { added: built.index.size, changed: 0, withdrawn: 0 };
  }
  progress({ phase: 'save', message: `saving ${built.index.size} reports` });
  const builtAt = options.now?.() ?? new Date();
  const snapshot = await saveSnapshot(options.snapshotFile, built.index, { source: { location: options.url, commit }, builtAt, excluded: built.excluded });
  if (fresh) await replaceStore(next, options.dir);
  return {
    commit,
    added: counts.added,
    changed: counts.changed,
    withdrawn: counts.withdrawn,
    fullRebuild: rebuildReason !== undefined,
    ...(rebuildReason !== undefined ? { rebuildReason } : {}),
    recloned,
    storeBytes: await storeBytes(options.dir),
    problems: built.problems,
    durationMs: Math.round(performance.now() - started),
    snapshot,
  };
}

/**
 * Brings a snapshot up to date with a git repository laid out like OpenSSF
 * malicious-packages: a shallow clone on first run, then a depth-1 fetch of what the newest commit changed, a diff of the
 * previous commit's report trees against the new commit's (reading only subtrees whose ids
 * differ), and the changed reports applied to the previous snapshot's index. The index is
 * rebuilt from every report when there is no usable previous state, and the result says
 * why. A failure (unreachable remote, corrupt pack, unreadable report) leaves the previous
 * snapshot as it was.
 */
export async function syncFromGit(options: GitSyncOptions): Promise<Result<SyncResult>> {
  const next = `${options.dir}.next`;
  try {
    return success(await runGitSync(options, next));
  } catch (error) {
    await removeUnindexedPacks(options.dir);
    return failure(`sync from ${options.url} failed: ${gitErrorMessage(error)}`);
  } finally {
    await rm(next, { recursive: true, force: true });
  }
}
