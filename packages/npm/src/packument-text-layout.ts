import { isUtf8 } from 'node:buffer';
import { failure, success, type Result } from '@palisade/core';
import { JsonScanner } from './json-spans.ts';
import { isJsonObject, type JsonObject } from './json-object.ts';

const OPEN_BRACE = 0x7b;
// Keys JSON.parse would move to the front of an object (array indexes): their order differs from the text's.
const ARRAY_INDEX = /^(?:0|[1-9][0-9]{0,9})$/;

/** One member of an object in the text: its key (unescaped), from its key's quote to its value's end (byte offsets). */
export interface MemberSpan {
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

/** A member of `versions`, with where its `dist.tarball` value is (start -1 when it has none). */
export interface VersionSpan extends MemberSpan {
  readonly tarballStart: number;
  readonly tarballEnd: number;
}

/** Where the parts of a packument's JSON text (UTF-8) that filtering changes are. */
export interface PackumentLayout {
  /** Where the `versions` object starts, and its members in document order. */
  readonly versions: { readonly start: number; readonly members: VersionSpan[] };
  /** The `dist-tags` object's span and its value, when the document has one. */
  readonly distTags: { readonly start: number; readonly end: number; readonly tags: JsonObject } | undefined;
  /** Where the `time` object starts and its members, when `time` is an object. */
  readonly time: { readonly start: number; readonly members: MemberSpan[] } | undefined;
}

/**
 * The layout of a packument's JSON text, read in one pass without building the document;
 * the whole text is checked to be valid JSON in UTF-8. Fails where `filterPackument` would
 * (a top level, `versions` or `dist-tags` that is not an object) and on documents whose
 * meaning a text edit could not keep exactly: a repeated `versions`, `dist-tags` or `time`
 * key, a repeated version, or a version named like an array index (`"1"`), which JSON.parse
 * moves to the front.
 */
export function packumentLayout(json: Uint8Array): Result<PackumentLayout> {
  if (!isUtf8(json)) return failure('package document is not UTF-8');
  const scanner = new JsonScanner(json);
  const bytes = scanner.bytes;
  let problem = 'package document is not valid JSON';
  const refuse = (why: string) => ((problem = why), -1);
  const seen = new Set<string>();
  let versions: PackumentLayout['versions'] | null | undefined; // null: present, not an object
  let time: PackumentLayout['time'] | null | undefined;
  let distTags: PackumentLayout['distTags'] | null | undefined;

  /** A version's span, with its `dist.tarball` (of repeated keys, the last, as JSON.parse reads them). */
  const versionMember = (keyStart: number, keyEnd: number, valueStart: number): number => {
    const key = scanner.stringValue(keyStart, keyEnd);
    if (key === undefined) return -1;
    if (seen.has(key)) return refuse(`package document repeats version "${key}"`);
    if (ARRAY_INDEX.test(key)) return refuse(`package document has a version named like an array index ("${key}")`);
    seen.add(key);
    const [dist, tarball] = [[-1, -1], [-1, -1]];
    const end =
      bytes[valueStart] !== OPEN_BRACE
        ? scanner.value(valueStart)
        : scanner.lastMember(valueStart, 'dist', dist, (distStart) =>
            bytes[distStart] === OPEN_BRACE ? scanner.lastMember(distStart, 'tarball', tarball) : ((tarball[0] = -1), scanner.value(distStart)),
          );
    versions?.members.push({ key, start: keyStart, end, tarballStart: tarball[0] ?? -1, tarballEnd: tarball[1] ?? -1 });
    return end;
  };
  const timeMember = (keyStart: number, keyEnd: number, valueStart: number): number => {
    const key = scanner.stringValue(keyStart, keyEnd);
    const end = key === undefined ? -1 : scanner.value(valueStart);
    if (key !== undefined) time?.members.push({ key, start: keyStart, end });
    return end;
  };

  const topMember = (keyStart: number, keyEnd: number, valueStart: number): number => {
    const key = scanner.stringValue(keyStart, keyEnd);
    const isObject = bytes[valueStart] === OPEN_BRACE;
    if (key === 'versions' || key === 'time' || key === 'dist-tags') {
      if ((key === 'versions' ? versions : key === 'time' ? time : distTags) !== undefined) return refuse(`package document repeats "${key}"`);
    }
    if (key === 'versions') {
      versions = isObject ? { start: valueStart, members: [] } : null;
      return isObject ? scanner.members(valueStart, versionMember) : scanner.value(valueStart);
    }
    if (key === 'time') {
      time = isObject ? { start: valueStart, members: [] } : null;
      return isObject ? scanner.members(valueStart, timeMember) : scanner.value(valueStart);
    }
    const end = scanner.value(valueStart);
    if (key === 'dist-tags' && end >= 0) {
      const tags = isObject ? parseObject(bytes.toString('utf8', valueStart, end)) : undefined;
      distTags = tags ? { start: valueStart, end, tags } : null;
    }
    return end;
  };

  const start = scanner.space(0);
  if (bytes[start] !== OPEN_BRACE) return failure('package document is not a JSON object');
  const end = scanner.members(start, topMember);
  if (end < 0 || scanner.space(end) !== bytes.length) return failure(problem);
  if (!versions) return failure('package document has no "versions" object');
  if (distTags === null) return failure('package document "dist-tags" is not an object');
  return success({ versions, distTags, time: time ?? undefined });
}

function parseObject(json: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(json);
    return isJsonObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
