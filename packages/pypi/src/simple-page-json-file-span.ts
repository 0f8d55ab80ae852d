import { linkUrl } from './link-url.ts';
import type { ResolvedLink } from './plain-http-url.ts';
import { itemCuts, itemsEnd, memberValueStart, scalarEnd, spaceEnd, stringEnd, stringValue, valueEnd } from './json-text-scan.ts';

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
  /** Metadata members to cut, flat (`start, end, ...`): they carry no SHA-256. */
  readonly metadataCuts: readonly number[];
}

/** Keys read from a file object, each a bit (a key met twice makes the file unusual). */
const KEYS: readonly (readonly [string, number])[] = [
  ['filename', 1], ['url', 2], ['hashes', 4], ['requires-python', 8], ['yanked', 16], ['core-metadata', 32],
  ['data-dist-info-metadata', 64], ['dist-info-metadata', 128], ['gpg-sig', 256], ['size', 512], ['upload-time', 1024], ['provenance', 2048],
];
/** The keys by length and first character (which tell them apart), so that a key is found without being copied out of the text. */
const KEY_SLOTS: (readonly [string, number] | undefined)[] = [];
const slot = (length: number, first: number) => (length < 32 && first < 128 ? length * 128 + first : -1);
for (const entry of KEYS) KEY_SLOTS[slot(entry[0].length, entry[0].charCodeAt(0))] = entry;
const OPTIONAL_STRING = 8 | 1024 | 2048;
const METADATA = 32 | 64;
const PLAIN_SHA256 = '{"sha256":"';
const NO_CUTS: readonly number[] = [];
// Scratch space reused from file to file: member spans, and per metadata member its verdict then its index.
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
  let filename: string | undefined;
  let url = null as ResolvedLink | null;
  let [urlStart, urlEnd] = [-1, -1];
  starts.length = ends.length = metadata.length = 0;
  let pos = spaceEnd(text, start + 1);
  let end = text.charCodeAt(pos) === 0x7d ? pos + 1 : -1;
  while (end < 0) {
    const keyStart = pos;
    const keyEnd = stringEnd(text, keyStart);
    const colon = spaceEnd(text, keyEnd);
    if (keyEnd < 0 || text.charCodeAt(colon) !== 0x3a) return undefined;
    const valueStart = spaceEnd(text, colon + 1);
    const bit = keyBit(text, keyStart, keyEnd);
    if ((seen & bit) !== 0 || bit === 128 || bit < 0) return undefined;
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
        [urlStart, urlEnd] = [valueStart, memberEnd];
      }
    } else if ((bit & OPTIONAL_STRING) !== 0) memberEnd = c === 0x22 ? stringEnd(text, valueStart) : nullEnd(text, valueStart);
    else if (bit === 16) memberEnd = c === 0x22 ? stringEnd(text, valueStart) : booleanEnd(text, valueStart);
    else if (bit === 256) memberEnd = c === 0x6e ? nullEnd(text, valueStart) : booleanEnd(text, valueStart);
    else if (bit === 512) memberEnd = c === 0x6e ? nullEnd(text, valueStart) : sizeEnd(text, valueStart);
    else if (bit === 4) memberEnd = c === 0x6e ? nullEnd(text, valueStart) : hashesEnd(text, valueStart);
    else if ((bit & METADATA) !== 0 && c !== 0x6e) {
      memberEnd = metadataEnd(text, valueStart);
      metadata.push(starts.length);
    } else memberEnd = valueEnd(text, valueStart);
    if (memberEnd < 0) return undefined;
    starts.push(keyStart);
    ends.push(memberEnd);
    pos = spaceEnd(text, memberEnd);
    const next = text.charCodeAt(pos);
    if (next === 0x7d) end = pos + 1;
    else if (next !== 0x2c) return undefined;
    else pos = spaceEnd(text, pos + 1);
  }
  if (filename === undefined || url === null) return undefined;
  const metadataCuts = metadata.length === 0 ? NO_CUTS : metadataCutsOf();
  return metadataCuts === undefined ? undefined : { start, end, filename, url, urlStart, urlEnd, metadataCuts };
}

/** The bit of the key at `[start, end)` (quotes included): 0 for a key not read, -1 for one written with escapes. */
function keyBit(text: string, start: number, end: number): number {
  const entry = KEY_SLOTS[slot(end - start - 2, text.charCodeAt(start + 1))];
  if (entry !== undefined && text.startsWith(entry[0], start + 1)) return entry[1];
  for (let pos = start + 1; pos < end; pos++) if (text.charCodeAt(pos) === 0x5c) return -1;
  return 0;
}

/** The metadata members to cut: all when none carries a SHA-256, none when all do; undefined when they disagree. */
function metadataCutsOf(): readonly number[] | undefined {
  const verifiable = metadata.filter((_, i) => i % 2 === 0);
  if (verifiable.every((flag) => flag === 1)) return NO_CUTS;
  if (verifiable.some((flag) => flag === 1)) return undefined;
  const cut = new Set(metadata.filter((_, i) => i % 2 === 1));
  return itemCuts(starts, ends, (i) => cut.has(i));
}

/** The end of a metadata value (a flag, or hashes that must be strings), noting whether it carries a SHA-256. */
function metadataEnd(text: string, start: number): number {
  if (text.charCodeAt(start) !== 0x7b) {
    metadata.push(0);
    return booleanEnd(text, start);
  }
  if (text.startsWith(PLAIN_SHA256, start)) {
    // `{"sha256":"..."}`, read without a parse: it carries a SHA-256 when the string is not empty.
    const digestEnd = stringEnd(text, start + PLAIN_SHA256.length - 1);
    if (digestEnd > 0 && text.charCodeAt(digestEnd) === 0x7d) {
      metadata.push(digestEnd - start > PLAIN_SHA256.length + 1 ? 1 : 0);
      return digestEnd + 1;
    }
  }
  const end = hashesEnd(text, start);
  if (end < 0) return -1;
  const hashes = Object.entries(JSON.parse(text.slice(start, end)) as Record<string, string>);
  metadata.push(Object.fromEntries(hashes.map(([name, digest]) => [name.toLowerCase(), digest])).sha256 ? 1 : 0);
  return end;
}

/** The end of an object whose values are all strings, or -1. */
function hashesEnd(text: string, start: number): number {
  return itemsEnd(text, start, (keyStart) => {
    const valueStart = memberValueStart(text, keyStart);
    return valueStart < 0 ? -1 : stringEnd(text, valueStart);
  });
}

function nullEnd(text: string, start: number): number {
  return text.startsWith('null', start) ? start + 4 : -1;
}

function booleanEnd(text: string, start: number): number {
  return text.startsWith('true', start) ? start + 4 : text.startsWith('false', start) ? start + 5 : -1;
}

/** The end of a non-negative safe integer (as JSON.parse reads it: `1.0` and `1e3` are integers), or -1. */
function sizeEnd(text: string, start: number): number {
  const end = text.charCodeAt(start) === 0x22 ? -1 : scalarEnd(text, start);
  if (end < 0) return -1;
  const size = Number(text.slice(start, end));
  return Number.isSafeInteger(size) && size >= 0 ? end : -1;
}
