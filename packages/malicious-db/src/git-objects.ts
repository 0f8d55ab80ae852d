import * as fs from 'node:fs';
import * as git from 'isomorphic-git';

/** One entry of a git tree object. */
export interface GitTreeEntry {
  readonly path: string;
  readonly oid: string;
  readonly type: 'blob' | 'tree' | 'commit';
}

/** Reads objects from one local repository's object store; a missing object rejects with `NotFoundError`. */
export interface GitObjectReader {
  /** The root tree of a commit. */
  commitTree(commit: string): Promise<string>;
  tree(oid: string): Promise<readonly GitTreeEntry[]>;
  blob(oid: string): Promise<Uint8Array>;
  /** Lets go of the pack indexes and packs read so far (a large store's are hundreds of MB); reading again reloads them. */
  release(): void;
}

/**
 * An object reader over the repository in `dir`. Pack indexes are cached across calls,
 * which is what keeps reading thousands of objects from a large pack fast.
 */
export function gitObjectReader(dir: string): GitObjectReader {
  let cache = {};
  return {
    release: () => void (cache = {}),
    commitTree: async (commit) => (await git.readCommit({ fs, dir, oid: commit, cache })).commit.tree,
    tree: async (oid) => (await git.readTree({ fs, dir, oid, cache })).tree,
    blob: async (oid) => (await git.readBlob({ fs, dir, oid, cache })).blob,
  };
}

/** Whether an error from isomorphic-git means an object is not in the store. */
export function isMissingObject(error: unknown): boolean {
  return error instanceof git.Errors.NotFoundError || (error as { code?: unknown } | null)?.code === 'NotFoundError';
}

/** A one-line account of an error, with the detail isomorphic-git keeps in `data.message`. */
export function gitErrorMessage(error: unknown): string {
  const detail = (error as { data?: { message?: unknown } } | null)?.data?.message;
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n', 1)[0] ?? message;
  return typeof detail === 'string' && !firstLine.includes(detail) ? `${firstLine.replace(/\.$/, '')}: ${detail}` : firstLine;
}
