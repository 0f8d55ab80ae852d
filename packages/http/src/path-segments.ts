import { failure, printable, success, type Result } from '@palisade/core';

/** Longer request paths are refused: no package name, version and file name together come near. */
export const MAX_PATH_LENGTH = 2048;

const MALFORMED_ESCAPE = /%(?![0-9A-Fa-f]{2})/;
const ENCODED_ESCAPE = /%[0-9A-Fa-f]{2}/;
// Every Unicode control character: C0 (NUL included), DEL and C1.
const CONTROL_CHARACTER = /\p{Cc}/u;

export interface SegmentOptions {
  /**
   * What an encoded `/` (`%2F`) in a segment means: `refuse` it, or keep it as `parts`
   * of one segment (npm's `@scope%2fname`), each part then checked like a segment.
   */
  readonly encodedSlash: 'refuse' | 'parts';
}

/** A raw request path split into decoded segments, and whether it ended in one `/`. */
export interface DecodedPath {
  readonly segments: string[];
  readonly trailingSlash: boolean;
}

/**
 * Splits a raw, still percent-encoded request path into decoded segments, refusing what no
 * client sends and what could mean something else further along: a path not starting with
 * `/`, a query or fragment, empty segments, malformed or double percent-encoding, control
 * characters (raw or encoded), backslashes, and `.` or `..` segments (raw or encoded). One
 * trailing `/` is allowed and reported.
 */
export function decodePathSegments(path: string, options: SegmentOptions): Result<DecodedPath> {
  if (path.length > MAX_PATH_LENGTH) return failure(`request path is longer than ${MAX_PATH_LENGTH} characters`);
  if (!path.startsWith('/')) return failure(`request path "${printable(path)}" does not start with "/"`);
  if (/[?#]/.test(path)) return failure(`request path "${printable(path)}" has a query or fragment`);
  if (MALFORMED_ESCAPE.test(path)) return failure(`request path "${printable(path)}" has malformed percent-encoding`);
  const trailingSlash = path !== '/' && path.endsWith('/');
  const body = path.slice(1, trailingSlash ? -1 : undefined);
  const segments: string[] = [];
  for (const raw of path === '/' ? [] : body.split('/')) {
    const decoded = decodePathSegment(raw, options);
    if (!decoded.ok) return decoded;
    segments.push(decoded.value);
  }
  return success({ segments, trailingSlash });
}

/** One percent-encoded path segment decoded, or why it is refused (see `decodePathSegments`). */
export function decodePathSegment(raw: string, options: SegmentOptions): Result<string> {
  if (raw === '') return failure('request path has an empty segment');
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return failure(`request path segment "${printable(raw)}" is not valid percent-encoded UTF-8`);
  }
  if (CONTROL_CHARACTER.test(decoded)) return failure(`request path segment "${printable(raw)}" has control characters`);
  if (decoded.includes('\\')) return failure(`request path segment "${printable(raw)}" has a backslash`);
  if (ENCODED_ESCAPE.test(decoded)) return failure(`request path segment "${printable(raw)}" is percent-encoded twice`);
  if (options.encodedSlash === 'refuse' && decoded.includes('/')) return failure(`request path segment "${printable(raw)}" has an encoded "/"`);
  if (decoded.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    return failure(`request path segment "${printable(raw)}" has an empty, "." or ".." part`);
  }
  return success(decoded);
}
