import { failure, success } from '@palisade/core';
import type { Result } from '@palisade/core';

/** Hash names in the order a page's single HTML fragment prefers them (pypi.org uses sha256). */
const PREFERRED_HASHES = ['sha256', 'sha512', 'sha384', 'sha224', 'sha1', 'md5'];

/**
 * Accepts a Simple API version of major version 1 (`1.0` ... `1.4`): PEP 629 and 691 ask
 * clients to refuse a major version they do not know.
 */
export function checkApiVersion(version: string): Result<string> {
  if (/^1(\.\d{1,9})?$/.test(version)) return success(version);
  return failure(`the project page uses Simple API version ${JSON.stringify(version.slice(0, 20))}, only 1.x is understood`);
}

/** `url` resolved against `base` when a base is given (kept as written otherwise), fragment removed. */
export function resolveFileUrl(url: string, base: string | undefined): Result<string> {
  if (base === undefined) return success(url);
  let resolved: URL;
  try {
    resolved = new URL(url, base);
  } catch {
    return failure('is not a URL');
  }
  resolved.hash = '';
  return success(resolved.href);
}

/** The hash that a PEP 503 link fragment carries: `sha256=<hex>` becomes `{ sha256: '<hex>' }`. */
export function parseHashFragment(fragment: string): Record<string, string> {
  const match = /^#?([A-Za-z0-9_-]{1,32})=([0-9A-Fa-f]{1,256})$/.exec(fragment);
  if (match === null) return {};
  return Object.fromEntries([[match[1]!.toLowerCase(), match[2]!.toLowerCase()]]);
}

/** The one hash an HTML attribute or fragment can carry, as `name=hex`, preferring sha256. */
export function preferredHash(hashes: Readonly<Record<string, string>>): string | undefined {
  const names = Object.keys(hashes);
  const name = PREFERRED_HASHES.find((candidate) => Object.hasOwn(hashes, candidate)) ?? names[0];
  return name === undefined ? undefined : `${name}=${hashes[name]}`;
}
