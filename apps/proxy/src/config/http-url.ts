import { describeValue, failure, success, type Result } from '@palisade/core';

// Whitespace and control characters would be dropped silently by the URL parser.
const UNSAFE = /[\u0000-\u0020\u007f-\u00a0\u2028\u2029]/;

/**
 * An absolute `http:` or `https:` URL, normalised to end with exactly one `/` so that
 * paths can be appended to it. A path prefix is kept (`https://host/npm/`). Queries and
 * fragments are refused: appending a path after them would not do what was meant.
 * User credentials are kept in the URL; `fetch` refuses such URLs, so whoever sends
 * requests to it must move them into an `Authorization` header, and must not log the URL.
 */
export function parseHttpUrl(value: unknown): Result<string> {
  const refuse = (why: string) => failure(`${describeValue(value)} is not a usable URL: ${why}`);
  if (typeof value !== 'string') return refuse('expected an absolute http(s) URL');
  if (UNSAFE.test(value)) return refuse('it contains whitespace or control characters');
  if (value.includes('#')) return refuse('it has a fragment (#...)');
  if (value.includes('?')) return refuse('it has a query (?...)');
  const url = URL.parse(value);
  if (url === null) return refuse('expected an absolute http(s) URL');
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return refuse(`the scheme must be http or https, not ${url.protocol.slice(0, -1)}`);
  if (url.hostname === '') return refuse('it has no host');
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/`;
  return success(url.href);
}

/**
 * A list of origins (`scheme://host[:port]/`): a JSON array of URLs, or URLs separated by
 * commas. A path after the host is refused: an origin says where files may come from,
 * not where below it.
 */
export function parseOriginList(value: unknown): Result<string[]> {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',').map((item) => item.trim()).filter((item) => item !== '') : undefined;
  if (items === undefined) return failure(`${describeValue(value)} is not a list of origins: expected URLs separated by commas, or a JSON array of them`);
  const origins: string[] = [];
  for (const item of items) {
    const parsed = parseHttpUrl(item);
    if (!parsed.ok) return parsed;
    const url = new URL(parsed.value);
    if (url.pathname !== '/' || url.username !== '' || url.password !== '') return failure(`${describeValue(item)} is not an origin: give only scheme, host and port`);
    origins.push(url.href);
  }
  return success(origins);
}
