// Where the values of a PEP 691 file object end, each checked to have the type
// `parseSimpleJson` requires: -1 where it does not (or the text is not JSON). The shapes
// pypi.org writes (compact, a lone SHA-256) are read without a regular expression or a parse.
import { itemsEnd, memberValueStart, scalarEnd, stringEnd } from './json-text-scan.ts';

const PLAIN_SHA256 = '{"sha256":"';

/** The end of `null` at `start`, or -1. */
export function nullEnd(text: string, start: number): number {
  return text.startsWith('null', start) ? start + 4 : -1;
}

/** The end of `true` or `false` at `start`, or -1. */
export function booleanEnd(text: string, start: number): number {
  return text.startsWith('true', start) ? start + 4 : text.startsWith('false', start) ? start + 5 : -1;
}

/** The end of a non-negative safe integer (as JSON.parse reads it: `1.0` and `1e3` are integers), or -1. */
export function sizeEnd(text: string, start: number): number {
  let pos = start;
  while (pos - start < 16) {
    const c = text.charCodeAt(pos);
    if (c < 0x30 || c > 0x39) break;
    pos++;
  }
  // Up to 15 digits, without a leading zero, fraction or exponent: safe, read as written.
  const next = text.charCodeAt(pos);
  const digits = pos - start;
  const plain = digits > 0 && digits < 16 && next !== 0x2e && next !== 0x65 && next !== 0x45;
  if (plain && (digits === 1 || text.charCodeAt(start) !== 0x30)) return pos;
  const end = text.charCodeAt(start) === 0x22 ? -1 : scalarEnd(text, start);
  if (end < 0) return -1;
  const size = Number(text.slice(start, end));
  return Number.isSafeInteger(size) && size >= 0 ? end : -1;
}

/** The end of an object whose values are all strings, or -1. */
export function hashesEnd(text: string, start: number): number {
  if (text.charCodeAt(start) !== 0x7b) return -1;
  if (text.startsWith(PLAIN_SHA256, start)) {
    const digestEnd = stringEnd(text, start + PLAIN_SHA256.length - 1);
    if (digestEnd > 0 && text.charCodeAt(digestEnd) === 0x7d) return digestEnd + 1;
  }
  return itemsEnd(text, start, (keyStart) => {
    const valueStart = memberValueStart(text, keyStart);
    return valueStart < 0 ? -1 : stringEnd(text, valueStart);
  });
}

/** The end of a metadata value (`true`, `false`, or hashes that must be strings), or -1. */
export function metadataEnd(text: string, start: number): number {
  return text.charCodeAt(start) === 0x7b ? hashesEnd(text, start) : booleanEnd(text, start);
}

/** Whether the metadata value at `[start, end)` (checked by `metadataEnd`) carries a SHA-256, as `withVerifiableMetadata` reads it. */
export function metadataVerifiable(text: string, start: number, end: number): boolean {
  if (text.charCodeAt(start) !== 0x7b) return false;
  const digestStart = start + PLAIN_SHA256.length;
  // `{"sha256":"..."}` with no quote inside the digest: verifiable when the digest is not empty.
  if (text.startsWith(PLAIN_SHA256, start) && text.indexOf('"', digestStart) === end - 2) return end - 2 > digestStart;
  const hashes = Object.entries(JSON.parse(text.slice(start, end)) as Record<string, string>);
  return Boolean(Object.fromEntries(hashes.map(([name, digest]) => [name.toLowerCase(), digest])).sha256);
}
