/** The parts of a resolved link the page filters read: what `URL` gives for them. */
export interface ResolvedLink {
  /** `https:`, `http:`, ... */
  readonly protocol: string;
  /** `host` or `host:port` (a port only when it is not the scheme's default), lower case. */
  readonly host: string;
  /** The path, percent-encoded, starting with `/`. */
  readonly pathname: string;
}

// An absolute http(s) URL written plainly: an origin of a domain of ASCII letters, digits
// and `-` in non-empty labels whose last label starts with a letter (so that `URL` does not
// read it as an IPv4 address) and an optional port without a leading zero, then a path of
// characters `URL` keeps as written (RFC 3986 pchar, `%` and `/`): no credentials, `\`,
// query or fragment.
const PLAIN_ORIGIN = /^https?:\/\/(?:[A-Za-z0-9-]+\.)*[A-Za-z][A-Za-z0-9-]*(?::[1-9][0-9]{0,4})?$/;
const PLAIN_PATH = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;
const ENCODED_DOT = /%2[eE]/;

/** The protocol and host of a plain origin (`https://host[:port]`), or undefined when it is not one. */
function plainOrigin(origin: string): Omit<ResolvedLink, 'pathname'> | undefined {
  if (!PLAIN_ORIGIN.test(origin)) return undefined;
  const secure = origin.charCodeAt(4) === 0x73;
  const host = origin.slice(secure ? 8 : 7).toLowerCase();
  const colon = host.indexOf(':');
  if (colon >= 0) {
    const port = Number(host.slice(colon + 1));
    if (port > 65535 || port === (secure ? 443 : 80)) return undefined;
  }
  if (host.includes('xn--')) return undefined;
  return { protocol: secure ? 'https:' : 'http:', host };
}

// The links of one page nearly all share an origin: the last one read is remembered.
let lastOrigin: string | undefined;
let lastParts: Omit<ResolvedLink, 'pathname'> | undefined;

/**
 * The protocol, host and path of an absolute `http://` or `https://` link written plainly,
 * read by position exactly as `new URL(link)` would give them; undefined for any other link
 * (relative, with credentials, a query, an IP address, an internationalised host, a default
 * port or one written with a leading zero, a path with what may be a dot segment (a segment
 * starting with `.`, or `%2e` anywhere) or characters `URL` would escape), which the caller
 * parses with `URL`.
 */
export function plainHttpUrl(link: string): ResolvedLink | undefined {
  const pathStart = link.indexOf('/', link.charCodeAt(4) === 0x73 ? 8 : 7);
  if (pathStart < 0) return undefined;
  const origin = link.slice(0, pathStart);
  if (origin !== lastOrigin) [lastOrigin, lastParts] = [origin, plainOrigin(origin)];
  const parts = lastParts;
  if (parts === undefined) return undefined;
  const pathname = link.slice(pathStart);
  if (!PLAIN_PATH.test(pathname) || pathname.includes('/.') || (pathname.includes('%2') && ENCODED_DOT.test(pathname))) return undefined;
  return { protocol: parts.protocol, host: parts.host, pathname };
}
