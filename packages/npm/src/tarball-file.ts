import { printable } from '@palisade/core';
import { decodePathSegment } from './request-segments.ts';

const MAX_FILE_LENGTH = 512;

/**
 * Why a decoded tarball file name is refused, or undefined when it is usable: it must end
 * in `.tgz` after at least one character, hold no `/`, and be at most 512 characters.
 */
export function tarballFileProblem(file: string): string | undefined {
  if (file.length > MAX_FILE_LENGTH) return `tarball file name is longer than ${MAX_FILE_LENGTH} characters`;
  if (file.includes('/')) return `tarball file name "${printable(file)}" has a "/"`;
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
  const end = url.search(/[?#]/);
  const path = end < 0 ? url : url.slice(0, end);
  const decoded = decodePathSegment(path.slice(path.lastIndexOf('/') + 1));
  if (!decoded.ok || tarballFileProblem(decoded.value) !== undefined) return undefined;
  return decoded.value;
}
