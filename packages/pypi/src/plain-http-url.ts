/** The parts of a resolved link the page filters read: what `URL` gives for them. */
export interface ResolvedLink {
  /** `https:`, `http:`, ... */
  readonly protocol: string;
  /** `host` or `host:port` (a port only when it is not the scheme's default), lower case. */
  readonly host: string;
  /** The path, percent-encoded, starting with `/`. */
  readonly pathname: string;
}

// An absolute http(s) URL written plainly: a domain of ASCII letters, digits and `-` in
// non-empty labels whose last label starts with a letter (so that `URL` does not read it as
// an IPv4 address), an optional port without a leading zero, and a path of characters `URL`
// keeps as written (RFC 3986 pchar and `%`): no credentials, `\`, query or fragment.
const PLAIN = /^https?:\/\/(?:[A-Za-z0-9-]+\.)*[A-Za-z][A-Za-z0-9-]*(?::[1-9][0-9]{0,4})?(?:\/[A-Za-z0-9\-._~!$&'()*+,;=:@%]*)+$/;
/** A segment starting with `.`, or `%2e` anywhere: what may be a dot segment (`URL` resolves those) is left to `URL`. */
const DOT_SEGMENT = /\/\.|%2[eE]/;

/**
 * The protocol, host and path of an absolute `http://` or `https://` link written plainly,
 * read by position exactly as `new URL(link)` would give them; undefined for any other link
 * (relative, with credentials, a query, an IP address, an internationalised host, a default
 * port or one written with a leading zero, a path with what may be a dot segment or characters `URL`
 * would escape), which the caller parses with `URL`.
 */
export function plainHttpUrl(link: string): ResolvedLink | undefined {
  if (!PLAIN.test(link) || DOT_SEGMENT.test(link)) return undefined;
  const secure = link.charCodeAt(4) === 0x73;
  const hostStart = secure ? 8 : 7;
  const pathStart = link.indexOf('/', hostStart);
  const host = link.slice(hostStart, pathStart).toLowerCase();
  const colon = host.indexOf(':');
  if (colon >= 0) {
    const port = Number(host.slice(colon + 1));
    if (port > 65535 || port === (secure ? 443 : 80)) return undefined;
  }
  if (host.includes('xn--')) return undefined;
  return { protocol: secure ? 'https:' : 'http:', host, pathname: link.slice(pathStart) };
}
