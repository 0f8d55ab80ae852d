import type { GitObjectReader, GitTreeEntry } from './git-objects.ts';
import { reportArea } from './report-path.ts';

/** A report file in a git tree: its repository path and blob id. */
export interface ReportBlob {
  readonly path: string;
  readonly oid: string;
}

/** Report files that differ between two commits. */
export interface ReportTreeDiff {
  readonly added: ReportBlob[];
  readonly changed: ReportBlob[];
  /** Removed files with their blob ids in the old commit. */
  readonly removed: ReportBlob[];
}

/** One side of a diff: a commit and the store its objects are read from. */
export interface TreeDiffSide {
  readonly reader: GitObjectReader;
  readonly commit: string;
}

const AREAS = ['malicious', 'withdrawn'] as const;

async function child(reader: GitObjectReader, tree: string | undefined, name: string): Promise<string | undefined> {
  if (tree === undefined) return undefined;
  const entry = (await reader.tree(tree)).find((candidate) => candidate.path === name);
  return entry?.type === 'tree' ? entry.oid : undefined;
}

function byName(entries: readonly GitTreeEntry[]): Map<string, GitTreeEntry> {
  return new Map(entries.map((entry) => [entry.path, entry]));
}

/**
 * Compares two trees, descending only into subtrees whose ids differ: a subtree with the
 * same id on both sides holds the same files and is never read. A missing side counts as
 * an empty tree, so a whole side can be listed. Only report files (`*.json`) are yielded.
 */
async function diffTrees(old: GitObjectReader, oldTree: string | undefined, now: GitObjectReader, newTree: string | undefined, path: string, out: ReportTreeDiff): Promise<void> {
  if (oldTree === newTree) return;
  const before = byName(oldTree === undefined ? [] : await old.tree(oldTree));
  const after = byName(newTree === undefined ? [] : await now.tree(newTree));
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(name);
    const is = after.get(name);
    if (was?.oid === is?.oid && was?.type === is?.type) continue;
    const childPath = `${path}/${name}`;
    const wasTree = was?.type === 'tree' ? was.oid : undefined;
    const isTree = is?.type === 'tree' ? is.oid : undefined;
    if (wasTree !== undefined || isTree !== undefined) await diffTrees(old, wasTree, now, isTree, childPath, out);
    if (reportArea(childPath) === undefined) continue;
    const wasBlob = was?.type === 'blob' ? was.oid : undefined;
    const isBlob = is?.type === 'blob' ? is.oid : undefined;
    if (wasBlob !== undefined && isBlob !== undefined) out.changed.push({ path: childPath, oid: isBlob });
    else if (wasBlob !== undefined) out.removed.push({ path: childPath, oid: wasBlob });
    else if (isBlob !== undefined) out.added.push({ path: childPath, oid: isBlob });
  }
}

/**
 * The report files under `osv/malicious/` and `osv/withdrawn/` that differ between two
 * commits. Without an old side, every report file of the new commit is "added" (a full
 * listing). Rejects with `NotFoundError` when an object of either commit is not in its store.
 */
export async function diffReportTrees(old: TreeDiffSide | undefined, now: TreeDiffSide): Promise<ReportTreeDiff> {
  const out: ReportTreeDiff = { added: [], changed: [], removed: [] };
  const oldReader = old?.reader ?? now.reader;
  const oldOsv = old === undefined ? undefined : await child(oldReader, await oldReader.commitTree(old.commit), 'osv');
  const newOsv = await child(now.reader, await now.reader.commitTree(now.commit), 'osv');
  if (oldOsv === newOsv) return out;
  for (const area of AREAS) {
    const oldArea = await child(oldReader, oldOsv, area);
    const newArea = await child(now.reader, newOsv, area);
    await diffTrees(oldReader, oldArea, now.reader, newArea, `osv/${area}`, out);
  }
  return out;
}
