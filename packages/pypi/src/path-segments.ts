import { failure, printable, success, type Result } from '@palisade/core';

/** Longer request paths are refused: no project name, version and file name together come near. */
export const MAX_PATH_LENGTH = 2048;

const MALFORMED_ESCAPE = /%(?![0-9A-Fa-f]{2})/;
const ENCODED_ESCAPE = /%[0-9A-Fa-f]{2}/;
// Every Unicode control character: C0 (NUL included), DEL and C1.
const CONTROL_CHARACTER = /\p{Cc}/u;

/**
 * Splits a raw, still percent-encoded request path into decoded segments, refusing what no
 * client sends and what could mean something else further along: a path not starting with
 * `/`, a query or fragment, empty segments, malformed or double percent-encoding, control
 * characters (raw or encoded), backslashes, `/` inside a segment (`%2F`), and `.` or `..`
 * segments (raw or encoded). One trailing `/` is allowed and reported.
 */
export function decodePathSegments(path: string): Result<{ segments: string[]; trailingSlash: boolean }> {
  if (path.length > MAX_PATH_LENGTH) return failure(`request path is longer than ${MAX_PATH_LENGTH} characters`);
  if (!path.startsWith('/')) return failure(`request path "${printable(path)}" does not start with "/"`);
  if (/[?#]/.test(path)) return failure(`request path "${printable(path)}" has a query or fragment`);
  if (MALFORMED_ESCAPE.test(path)) return failure(`request path "${printable(path)}" has malformed percent-encoding`);
  const trailingSlash = path !== '/' && path.endsWith('/');
  const body = path.slice(1, trailingSlash ? -1 : undefined);
  const segments: string[] = [];
  for (const raw of path === '/' ? [] : body.split('/')) {
    const decoded = decodePathSegment(raw);
    if (!decoded.ok) return decoded;
    segments.push(decoded.value);
  }
  return success({ segments, trailingSlash });
}

function decodePathSegment(raw: string): Result<string> {
  if (raw === '') return failure('request path has an empty segment');
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return failure(`request path segment "${printable(raw)}" is not valid percent-encoded UTF-8`);
  }
  if (CONTROL_CHARACTER.test(decoded)) return failure(`request path segment "${printable(raw)}" has control characters`);
  if (decoded.includes('\\')) return failure(`request path segment "${printable(raw)}" has a backslash`);
  if (decoded.includes('/')) return failure(`request path segment "${printable(raw)}" has an encoded "/"`);
  if (ENCODED_ESCAPE.test(decoded)) return failure(`request path segment "${printable(raw)}" is percent-encoded twice`);
  if (decoded === '.' || decoded === '..') return failure(`request path segment "${printable(raw)}" is "." or ".."`);
  return success(decoded);
}
