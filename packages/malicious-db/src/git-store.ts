import * as fs from 'node:fs';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as git from 'isomorphic-git';
import type { HttpClient, ProgressCallback } from 'isomorphic-git';

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

/** How an incremental fetch went: the commit fetched, and whether only the new objects came (else the newest commit's whole tree did). */
export interface FetchedStore {
  readonly commit: string;
  readonly incremental: boolean;
}

/**
 * Fetches the newest commit of the branch the store tracks and returns it. The fetch asks
 * for the commits since the one the store holds without deepening the shallow clone, so
 * only objects the store lacks come (the reports the new commits touched). Should that
 * transfer pass `maxBytes` (the history was rewritten, or the store is far behind), it is
 * stopped and the newest commit is fetched whole at depth 1 instead, as a clone would.
 */
export async function fetchStore(dir: string, remote: GitRemote, maxBytes: number): Promise<FetchedStore> {
  const branch = await git.currentBranch({ fs, dir });
  if (branch === undefined) throw new Error(`${dir} is on no branch`);
  const fetch = async (http: HttpClient, depth?: number): Promise<string> => {
    const fetched = await git.fetch({
      fs,
      http,
      dir,
      url: remote.url,
      ref: branch,
      singleBranch: true,
      tags: false,
      ...(depth !== undefined ? { depth } : {}),
      ...(remote.onProgress ? { onProgress: remote.onProgress } : {}),
    });
    if (fetched.fetchHead === null) throw new Error(`the remote has no branch ${branch}`);
    return fetched.fetchHead;
  };
  try {
    return { commit: await fetch(boundedHttp(remote.http, maxBytes)), incremental: true };
  } catch (error) {
    if (!(error instanceof TransferTooLarge)) throw error;
    await removeUnindexedPacks(dir);
    return { commit: await fetch(remote.http, 1), incremental: false };
  }
}

/** Thrown into a fetch whose response passed its bound. */
class TransferTooLarge extends Error {}

/** `http` with the pack it is sent (the body of the `git-upload-pack` answer) cut off by an error once it passes `maxBytes`. */
function boundedHttp(http: HttpClient, maxBytes: number): HttpClient {
  return {
    async request(request) {
      const response = await http.request(request);
      const isPack = request.method === 'POST' && request.url.endsWith('/git-upload-pack');
      return response.body === undefined || !isPack ? response : { ...response, body: bounded(response.body, maxBytes) };
    },
  };
}

async function* bounded(body: AsyncIterableIterator<Uint8Array>, maxBytes: number): AsyncIterableIterator<Uint8Array> {
  let received = 0;
  for await (const chunk of body) {
    received += chunk.byteLength;
    if (received > maxBytes) throw new TransferTooLarge(`the fetch passed ${maxBytes} bytes`);
    yield chunk;
  }
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
