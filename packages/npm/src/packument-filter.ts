import { failure, success, type Result } from '@palisade/core';
import { repointDistTags, type DistTagChange } from './dist-tags.ts';
import { isJsonObject, type JsonObject } from './json-object.ts';
import { tarballFileName } from './tarball-file.ts';

export type { DistTagChange } from './dist-tags.ts';

/** What decides the filtering: the policy for each version, and where tarballs are served. */
export interface PackumentFilterOptions {
  /** Called once per version in the document. */
  isDenied(version: string): boolean;
  /** The proxy's URL for a tarball file name (decoded: the caller percent-encodes it). */
  tarballUrl(file: string): string;
}

/** A packument with denied versions removed and tarball URLs pointing at the proxy. */
export interface FilteredPackument {
  readonly document: Record<string, unknown>;
  /** The versions removed, in document order. */
  readonly removed: string[];
  /** The dist-tags changed: re-pointed (`latest`) or dropped. */
  readonly distTags: DistTagChange[];
  /** How many versions are left; 0 when every version was denied. */
  readonly remaining: number;
  /**
   * Versions left listed whose `dist.tarball` was missing or did not end in a usable file
   * name: their manifest is served exactly as published (nothing to rewrite to), and
   * `findTarballVersion` will not map any file to them.
   */
  readonly keptTarballUrls: string[];
}

/**
 * Removes denied versions from a packument (full or abbreviated) and points every remaining
 * tarball at the proxy. Denied versions leave `versions` and `time`; dist-tags naming them
 * are re-pointed or dropped (see `repointDistTags`). When nothing is denied, `time` and
 * `dist-tags` are the input's own. `dist.integrity` and `dist.shasum` stay as published.
 * The input is never mutated: only the objects that change are copied, shallowly, so a
 * 20 MB document costs little more than its parse. Fails on a document whose top level,
 * `versions` or `dist-tags` is not an object.
 */
export function filterPackument(doc: unknown, options: PackumentFilterOptions): Result<FilteredPackument> {
  if (!isJsonObject(doc)) return failure('package document is not a JSON object');
  const versions = doc['versions'];
  if (!isJsonObject(versions)) return failure('package document has no "versions" object');
  const distTags = doc['dist-tags'];
  if (distTags !== undefined && !isJsonObject(distTags)) return failure('package document "dist-tags" is not an object');

  const removed: string[] = [];
  const keptTarballUrls: string[] = [];
  const kept: [string, unknown][] = [];
  for (const [version, manifest] of Object.entries(versions)) {
    if (options.isDenied(version)) {
      removed.push(version);
      continue;
    }
    const rewritten = withProxyTarball(manifest, options.tarballUrl);
    if (rewritten === manifest) keptTarballUrls.push(version);
    kept.push([version, rewritten]);
  }

  const document: JsonObject = { ...doc, versions: Object.fromEntries(kept) };
  const changes: DistTagChange[] = [];
  if (removed.length > 0) {
    const gone = new Set(removed);
    if (distTags !== undefined) {
      const repointed = repointDistTags(distTags, gone, kept.map(([version]) => version));
      document['dist-tags'] = repointed.tags;
      changes.push(...repointed.changes);
    }
    const time = doc['time'];
    if (isJsonObject(time)) document['time'] = Object.fromEntries(Object.entries(time).filter(([key]) => !gone.has(key)));
  }
  return success({ document, removed, distTags: changes, remaining: kept.length, keptTarballUrls });
}

/** A manifest copied with `dist.tarball` at the proxy, or the manifest itself when it has no usable tarball URL. */
function withProxyTarball(manifest: unknown, tarballUrl: (file: string) => string): unknown {
  if (!isJsonObject(manifest)) return manifest;
  const dist = manifest['dist'];
  if (!isJsonObject(dist)) return manifest;
  const file = tarballFileName(dist['tarball']);
  if (file === undefined) return manifest;
  return { ...manifest, dist: { ...dist, tarball: tarballUrl(file) } };
}
