import { linkUrl } from './link-url.ts';
import type { ResolvedLink } from './plain-http-url.ts';
import { booleanEnd, hashesEnd, metadataEnd, metadataVerifiable, nullEnd, sizeEnd } from './json-file-values.ts';
import { itemCuts, plainStringEnd, spaceEnd, stringEnd, stringValue, valueEnd } from './json-text-scan.ts';

/** One file object of a PEP 691 page's text: where it is, what it names, and what serving it changes. */
export interface JsonFileSpan {
  readonly start: number;
  readonly end: number;
  readonly filename: string;
  /** `url`, resolved against the page, without its fragment. */
  readonly url: ResolvedLink;
  /** Where the `url` string is (quotes included). */
  readonly urlStart: number;
  readonly urlEnd: number;
  /** Where `url.pathname` is written, as it is, at the end of the `url` string; -1 when it is not (escapes, a fragment, a query). */
  readonly urlPathStart: number;
  /** Metadata members to cut, flat (`start, end, ...`): they carry no SHA-256. */
  readonly metadataCuts: readonly number[];
}

/** Keys read from a file object, each a bit (a key met twice makes the file unusual). */
const KEYS: readonly (readonly [string, number])[] = [
  ['filename', 1], ['url', 2], ['hashes', 4], ['requires-python', 8], ['yanked', 16], ['core-metadata', 32],
  ['data-dist-info-metadata', 64], ['dist-info-metadata', 128], ['gpg-sig', 256], ['size', 512], ['upload-time', 1024], ['provenance', 2048],
];
/** The keys by length and first character (which tell them apart), so that a key is found without being copied out of the text. */
const KEY_SLOTS: (readonly [string, number] | undefined)[] = new Array(32 * 128).fill(undefined);
const slot = (length: number, first: number) => (length < 32 && first < 128 ? length * 128 + first : -1);
for (const entry of KEYS) KEY_SLOTS[slot(entry[0].length, entry[0].charCodeAt(0))] = entry;
const OPTIONAL_STRING = 8 | 1024 | 2048;
const METADATA = 32 | 64;
const NO_CUTS: readonly number[] = [];
// Scratch space reused from file to file: member spans, and the indexes of metadata members.
const starts: number[] = [];
const ends: number[] = [];
const metadata: number[] = [];

/**
 * Reads the file object at `start` as `parseSimpleJson` would, checking the type of every key
 * it knows; undefined where that parse would refuse it and where the text is unusual (a key
 * written with escapes or repeated, `dist-info-metadata`, metadata keys that disagree on
 * carrying a SHA-256).
 */
export function jsonFileSpan(text: string, start: number, pageUrl: string): JsonFileSpan | undefined {
  if (text.charCodeAt(start) !== 0x7b) return undefined;
  let seen = 0;
  let members = 0;
  let filename = '';
  let url: ResolvedLink | null = null;
  let urlStart = -1;
  let urlEnd = -1;
  let urlPathStart = -1;
  let metadataMembers = 0;
  let pos = spaceEnd(text, start + 1);
  let end = text.charCodeAt(pos) === 0x7d ? pos + 1 : -1;
  while (end < 0) {
    const keyStart = pos;
    // A key with an escape or a control character is unusual (it may be one read here), so it fails.
    const keyEnd = plainStringEnd(text, keyStart);
    if (keyEnd < 0) return undefined;
    let valueStart = text.charCodeAt(keyEnd) === 0x3a ? keyEnd + 1 : spaceEnd(text, keyEnd) + 1;
    if (text.charCodeAt(valueStart - 1) !== 0x3a) return undefined;
    valueStart = spaceEnd(text, valueStart);
    const bit = keyBit(text, keyStart, keyEnd);
    if ((seen & bit) !== 0 || bit === 128) return undefined;
    seen |= bit;
    const c = text.charCodeAt(valueStart);
    let memberEnd: number;
    if (bit === 1 || bit === 2) {
      memberEnd = stringEnd(text, valueStart);
      if (memberEnd < 0 || memberEnd - valueStart === 2) return undefined;
      const value = stringValue(text, valueStart, memberEnd);
      if (bit === 1) filename = value;
      else {
        url = linkUrl(value, pageUrl).url;
        urlStart = valueStart;
        urlEnd = memberEnd;
        // The string as written is the value (no escape) and ends with the path.
        const pathLength = url === null ? 0 : url.pathname.length;
        if (pathLength > 0 && memberEnd - valueStart - 2 === value.length && value.slice(value.length - pathLength) === url?.pathname) urlPathStart = memberEnd - 1 - pathLength;
      }
    } else if ((bit & OPTIONAL_STRING) !== 0) memberEnd = c === 0x22 ? stringEnd(text, valueStart) : nullEnd(text, valueStart);
    else if (bit === 16) memberEnd = c === 0x22 ? stringEnd(text, valueStart) : booleanEnd(text, valueStart);
    else if (bit === 256) memberEnd = c === 0x6e ? nullEnd(text, valueStart) : booleanEnd(text, valueStart);
    else if (bit === 512) memberEnd = c === 0x6e ? nullEnd(text, valueStart) : sizeEnd(text, valueStart);
    else if (bit === 4) memberEnd = c === 0x6e ? nullEnd(text, valueStart) : hashesEnd(text, valueStart);
    else if ((bit & METADATA) !== 0 && c !== 0x6e) {
      memberEnd = metadataEnd(text, valueStart);
      metadata[metadataMembers++] = members;
      metadata[metadataMembers++] = valueStart;
    } else memberEnd = valueEnd(text, valueStart);
    if (memberEnd < 0) return undefined;
    starts[members] = keyStart;
    ends[members] = memberEnd;
    members++;
    pos = memberEnd;
    let next = text.charCodeAt(pos);
    if (next === 0x20 || next === 0x0a || next === 0x0d || next === 0x09) next = text.charCodeAt((pos = spaceEnd(text, pos)));
    if (next === 0x7d) end = pos + 1;
    else if (next !== 0x2c) return undefined;
    else pos = spaceEnd(text, pos + 1);
  }
  if (filename === '' || url === null) return undefined;
  const metadataCuts = metadataMembers === 0 ? NO_CUTS : metadataCutsOf(text, members, metadataMembers / 2);
  return metadataCuts === undefined ? undefined : { start, end, filename, url, urlStart, urlEnd, urlPathStart, metadataCuts };
}

/** The bit of the key at `[start, end)` (quotes included, written without escapes): 0 for a key not read. */
function keyBit(text: string, start: number, end: number): number {
  const entry = KEY_SLOTS[slot(end - start - 2, text.charCodeAt(start + 1))];
  if (entry === undefined) return 0;
  // Compared by hand: cheaper than `startsWith` for names this short.
  const name = entry[0];
  for (let i = 1; i < name.length; i++) if (text.charCodeAt(start + 1 + i) !== name.charCodeAt(i)) return 0;
  return entry[1];
}

/** The metadata members to cut: all when none carries a SHA-256, none when all do; undefined when they disagree. */
function metadataCutsOf(text: string, members: number, count: number): readonly number[] | undefined {
  let verifiable = 0;
  for (let i = 0; i < 2 * count; i += 2) {
    const member = metadata[i] as number;
    if (metadataVerifiable(text, metadata[i + 1] as number, ends[member] as number)) verifiable++;
  }
  if (verifiable === count) return NO_CUTS;
  if (verifiable > 0) return undefined;
  starts.length = ends.length = members;
  // At most two metadata members (each key once): the first, then the second when there is one.
  return itemCuts(starts, ends, (i) => i === metadata[0] || (count === 2 && i === metadata[2]));
}
