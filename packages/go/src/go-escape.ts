import { escapeModuleVersion, success, type Result } from '@palisade/core';

// What RFC 3986 allows unencoded in a path segment (pchar), `/` aside.
const PATH_SEGMENT_CHAR = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]$/;

/**
 * The case-encoded form of a version, with the characters a URL path cannot hold as they are
 * (` `, `#`, `%`, `[`, `]`, `^`, `{`, `}`) percent-encoded. Canonical versions
 * (`v1.2.3-pre+incompatible`) come out case-encoded only. Queries such as branch names, which
 * `.info` accepts, may need the percent-encoding.
 */
export function upstreamVersion(version: string): Result<string> {
  const escaped = escapeModuleVersion(version);
  if (!escaped.ok) return escaped;
  let safe = '';
  for (const char of escaped.value) safe += PATH_SEGMENT_CHAR.test(char) ? char : encodeURIComponent(char);
  return success(safe);
}
