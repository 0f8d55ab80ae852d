import { failure, success, type Result } from '@palisade/core';
import { repointDistTags, type DistTagChange } from './dist-tags.ts';
import { ByteEdits } from './byte-edits.ts';
import { jsonStringAt } from './json-tokens.ts';
import type { PackumentFilterOptions } from './packument-filter.ts';
import { packumentLayout, type MemberSpan, type PackumentLayout, type VersionSpan } from './packument-text-layout.ts';
import { tarballFileName } from './tarball-file.ts';

/** A packument's JSON text with denied versions removed and tarball URLs pointing at the proxy. */
export interface FilteredPackumentText {
  /** The filtered document in UTF-8: the input with only the changed parts rewritten. */
  readonly json: Buffer;
  /** The versions removed, in document order. */
  readonly removed: string[];
  /** The dist-tags changed: re-pointed (`latest`) or dropped. */
  readonly distTags: DistTagChange[];
  /** How many versions are left; 0 when every version was denied. */
  readonly remaining: number;
  /** Versions left listed as published, having no usable `dist.tarball` (as in `FilteredPackument`). */
  readonly keptTarballUrls: string[];
}

/**
 * `filterPackument` on the JSON text itself (UTF-8 bytes), for large documents: the text is
 * scanned once, and checked to be JSON, but never decoded, parsed or serialised whole.
 * Denied versions and their `time` entries are cut out, the remaining versions'
 * `dist.tarball` strings replaced, and `dist-tags`, when a removal changes it, re-written;
 * every other byte is the input's. The result, parsed, equals `filterPackument`'s document,
 * with the same removed versions, dist-tag changes and kept tarball URLs; `isDenied` is asked
 * once per version, in order, and only once the whole text has been read. Fails, before
 * asking anything, where `filterPackument` would and on the rare documents only a parse
 * reads right (see `packumentLayout`): the caller then parses the text for `filterPackument`.
 */
export function filterPackumentText(json: Uint8Array, options: PackumentFilterOptions): Result<FilteredPackumentText> {
  const read = packumentLayout(json);
  if (!read.ok) return read;
  const layout = read.value;
  const versions = layout.versions.members;
  const denied = versions.map((version) => options.isDenied(version.key));
  const removed = versions.filter((_, i) => denied[i]).map((version) => version.key);
  const kept = versions.filter((_, i) => !denied[i]).map((version) => version.key);
  const gone = new Set(removed);
  const keptTarballUrls: string[] = [];
  const distTags = removed.length > 0 && layout.distTags ? repointDistTags(layout.distTags.tags, gone, kept) : undefined;

  const edits = new ByteEdits(json);
  const bytes = Buffer.from(json.buffer, json.byteOffset, json.byteLength);
  for (const region of regionsInOrder(layout)) {
    if (region === 'versions') {
      cutMembers(edits, versions, (_, i) => denied[i] === true, (version) => rewriteTarball(bytes, edits, version, options, keptTarballUrls));
    } else if (region === 'time' && layout.time && removed.length > 0) {
      cutMembers(edits, layout.time.members, (member) => gone.has(member.key));
    } else if (region === 'dist-tags' && layout.distTags && distTags && distTags.changes.length > 0) {
      edits.replace(layout.distTags.start, layout.distTags.end, Buffer.from(JSON.stringify(distTags.tags)));
    }
  }
  const filtered = edits.result();
  if (filtered === undefined) return failure('package document could not be edited in place');
  return success({ json: filtered, removed, distTags: distTags?.changes ?? [], remaining: kept.length, keptTarballUrls });
}

type Region = 'versions' | 'time' | 'dist-tags';

/** The regions that may change, in the order they appear in the text (edits are made in that order). */
function regionsInOrder(layout: PackumentLayout): Region[] {
  const regions: [Region, number][] = [['versions', layout.versions.start]];
  if (layout.time) regions.push(['time', layout.time.start]);
  if (layout.distTags) regions.push(['dist-tags', layout.distTags.start]);
  return regions.sort((a, b) => a[1] - b[1]).map(([region]) => region);
}

/**
 * Cuts the members `isCut` names out of an object, each with one separating comma: a member
 * after a kept one goes with the separator before it; a member before any kept one with the
 * separator after it. `keep` is called for the members kept, in order, to edit inside them.
 */
function cutMembers<M extends MemberSpan>(edits: ByteEdits, members: readonly M[], isCut: (member: M, i: number) => boolean, keep?: (member: M) => void): void {
  let keptBefore = false;
  for (const [i, member] of members.entries()) {
    if (!isCut(member, i)) {
      keptBefore = true;
      keep?.(member);
    } else if (keptBefore) edits.replace(members[i - 1]?.end ?? member.start, member.end);
    else edits.replace(member.start, members[i + 1]?.start ?? member.end);
  }
}

/** Points a kept version's `dist.tarball` at the proxy, or notes that it has no usable tarball URL. */
function rewriteTarball(bytes: Buffer, edits: ByteEdits, version: VersionSpan, options: PackumentFilterOptions, keptTarballUrls: string[]): void {
  const { tarballStart: start, tarballEnd: end } = version;
  const url = start >= 0 ? jsonStringAt(bytes, start, end) : undefined;
  const file = tarballFileName(url);
  if (file === undefined) keptTarballUrls.push(version.key);
  else edits.replace(start, end, Buffer.from(JSON.stringify(options.tarballUrl(file))));
}
