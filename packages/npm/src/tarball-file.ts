import { printable } from '@palisade/core';
import { decodePathSegment } from '@palisade/http';

const MAX_FILE_LENGTH = 512;
// A file name with no escapes, no dot-only name, and only characters a path may carry as they are.
const PLAIN_FILE = /^(?!\.)[A-Za-z0-9\-._~!$&'()*+,;=:@]+\.tgz$/;

/**
 * Why a decoded tarball file name is refused, or undefined when it is usable: it must end
 * in `.tgz` after at least one character, hold no `/`, and be at most 512 characters.
 */
export function tarballFileProblem(file: string): string | undefined {
  if (file.length > MAX_FILE_LENGTH) return `tarball file name is longer than ${MAX_FILE_LENGTH} characters`;
  if (file.includes('/')) return `tarball file name "${printable(file)}" has a "/"`;
  // A lone surrogate cannot be percent-encoded back into a URL.
  if (!file.isWellFormed()) return `tarball file name "${printable(file)}" is not well-formed Unicode`;
  if (file.length <= '.tgz'.length || !file.endsWith('.tgz')) {
    return `tarball file name "${printable(file)}" does not end in ".tgz"`;
  }
  return undefined;
}

/**
 * The file name a packument's `dist.tarball` URL ends with (`name-1.0.0.tgz` from
 * `https://registry.npmjs.org/@scope/name/-/name-1.0.0.tgz`), percent-decoded, or undefined
 * when the URL is missing or its last segment is not a file name a request path could carry
 * (the same checks `parseNpmRequest` applies), so every name given out can be asked for.
 */
export function tarballFileName(url: unknown): string | undefined {
  if (typeof url !== 'string' || url.length > 4096) return undefined;
  const end = firstIndex(firstIndex(url.length, url.indexOf('?')), url.indexOf('#'));
  const segment = url.slice(url.lastIndexOf('/', end - 1) + 1, end);
  // The common case, checked in one pass: nothing to decode, nothing to refuse.
  if (PLAIN_FILE.test(segment) && segment.length <= MAX_FILE_LENGTH) return segment;
  const decoded = decodePathSegment(segment, { encodedSlash: 'parts' });
  if (!decoded.ok || tarballFileProblem(decoded.value) !== undefined) return undefined;
  return decoded.value;
}

function firstIndex(index: number, other: number): number {
  return other >= 0 && other < index ? other : index;
}
