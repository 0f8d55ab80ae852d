import * as fs from 'node:fs';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as git from 'isomorphic-git';
import type { HttpClient, ProgressCallback } from 'isomorphic-git';
import { thinPackHttp } from './thin-pack-http.ts';

/** How to reach the remote repository. */
export interface GitRemote {
  readonly url: string;
  /** isomorphic-git's HTTP client (`isomorphic-git/http/node`). */
  readonly http: HttpClient;
  readonly onProgress?: ProgressCallback;
}

/**
 * Clones the remote's default branch into `dir` as a shallow store: one commit, no tags,
 * no working files (reports are read from the object store). Returns the commit.
 */
export async function cloneStore(dir: string, remote: GitRemote): Promise<string> {
  await rm(dir, { recursive: true, force: true });
  await git.clone({
    fs,
    http: remote.http,
    dir,
    url: remote.url,
    singleBranch: true,
    depth: 1,
    noTags: true,
    noCheckout: true,
    ...(remote.onProgress ? { onProgress: remote.onProgress } : {}),
  });
  return git.resolveRef({ fs, dir, ref: 'HEAD' });
}

/**
 * Fetches the newest commit of the branch the store tracks (depth 1) and returns it. The
 * fetch asks for a thin pack (`thinPackHttp`), so only what the new commit changed comes:
 * the objects the store holds are neither sent again nor needed whole as delta bases.
 */
export async function fetchStore(dir: string, remote: GitRemote): Promise<string> {
  const branch = await git.currentBranch({ fs, dir });
  if (branch === undefined) throw new Error(`${dir} is on no branch`);
  const fetched = await git.fetch({
    fs,
    http: thinPackHttp(remote.http),
    dir,
    url: remote.url,
    ref: branch,
    singleBranch: true,
    depth: 1,
    tags: false,
    ...(remote.onProgress ? { onProgress: remote.onProgress } : {}),
  });
  if (fetched.fetchHead === null) throw new Error(`the remote has no branch ${branch}`);
  return fetched.fetchHead;
}

/** Whether `dir` holds a store cloned from `url` (a store of another URL is not reused). */
export async function isStoreOf(dir: string, url: string): Promise<boolean> {
  try {
    const origin: unknown = await git.getConfig({ fs, dir, path: 'remote.origin.url' });
    await git.resolveRef({ fs, dir, ref: 'HEAD' });
    return origin === url;
  } catch {
    return false;
  }
}

/** Bytes held by the store's `.git/objects`. */
export async function storeBytes(dir: string): Promise<number> {
  let total = 0;
  const pending = [join(dir, '.git', 'objects')];
  while (pending.length > 0) {
    const folder = pending.pop() as string;
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isFile()) total += (await stat(path)).size;
    }
  }
  return total;
}

/** Puts the store at `from` in place of the one at `to`. */
export async function replaceStore(from: string, to: string): Promise<void> {
  await rm(to, { recursive: true, force: true });
  await rename(from, to);
}

/**
 * Deletes pack files that have no index beside them: isomorphic-git writes a fetched pack
 * before indexing it and leaves it behind when indexing fails (a damaged download).
 */
export async function removeUnindexedPacks(dir: string): Promise<void> {
  const folder = join(dir, '.git', 'objects', 'pack');
  const names = new Set(await readdir(folder).catch(() => []));
  for (const name of names) {
    if (name.endsWith('.pack') && !names.has(`${name.slice(0, -'.pack'.length)}.idx`)) await rm(join(folder, name), { force: true });
  }
}
