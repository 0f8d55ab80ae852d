import type { ReportFile } from './apply-report-changes.ts';
import type { GitObjectReader } from './git-objects.ts';
import { diffReportTrees, type ReportBlob, type TreeDiffSide } from './git-tree-diff.ts';
import { ReportCollector, type DirectoryIndex } from './report-collector.ts';
import { reportArea } from './report-path.ts';
import type { SyncProgressListener } from './sync-result.ts';

const PROGRESS_EVERY = 1000;

/** Reads report blobs as text, telling `onProgress` every thousand files. */
export async function readReportBlobs(reader: GitObjectReader, blobs: readonly ReportBlob[], onProgress: SyncProgressListener): Promise<ReportFile[]> {
  const files: ReportFile[] = [];
  for (const { path, oid } of blobs) {
    files.push({ path, text: Buffer.from(await reader.blob(oid)).toString('utf8') });
    if (files.length % PROGRESS_EVERY === 0) onProgress({ phase: 'read', message: 'reading changed reports', done: files.length, total: blobs.length });
  }
  return files;
}

/**
 * Builds an index from every report of a commit, reading each blob once. Rejects when the
 * commit has no report under `osv/malicious/` (not a malicious-packages repository).
 */
export async function indexWholeTree(now: TreeDiffSide, onProgress: SyncProgressListener): Promise<DirectoryIndex> {
  onProgress({ phase: 'diff', message: 'listing every report of the commit' });
  const { added } = await diffReportTrees(undefined, now);
  if (!added.some((blob) => reportArea(blob.path) === 'malicious')) throw new Error('the repository has no reports under osv/malicious/');
  const collector = new ReportCollector();
  for (const { path, oid } of added) {
    collector.add(path, Buffer.from(await now.reader.blob(oid)).toString('utf8'));
    if (collector.files % PROGRESS_EVERY === 0) onProgress({ phase: 'read', message: 'indexing reports', done: collector.files, total: added.length });
  }
  onProgress({ phase: 'read', message: 'indexing reports', done: collector.files, total: added.length });
  return collector.finish();
}
