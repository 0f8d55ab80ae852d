import { plainHttpUrl, type ResolvedLink } from './plain-http-url.ts';

// Fragments written with only these characters serialise as written (the URL standard's
// fragment percent-encode set: C0 controls, space, `"`, `<`, `>` and backquote).
const PLAIN_FRAGMENT = /^#[\x21\x23-\x3b\x3d\x3f-\x5f\x61-\x7e]*$/;

/** A link resolved against `base`: the URL without its fragment (null when it is not a URL), and the fragment as a URL serialises it. */
export interface LinkUrl {
  readonly url: ResolvedLink | null;
  /** `#sha256=...` as `URL#hash` gives it, '' when the link has none. */
  readonly fragment: string;
}

/**
 * `new URL(link, base)` with its hash taken off, parsed once: the fragment (which always
 * starts at the first `#`) is cut from the text before the parse, and kept as written when
 * it needs no escaping (else read from a second parse). A plain absolute http(s) link is
 * read by position (`plainHttpUrl`), without `URL`.
 */
export function linkUrl(link: string, base: string): LinkUrl {
  const hashAt = link.indexOf('#');
  if (hashAt < 0) return { url: resolved(link, base), fragment: '' };
  const url = resolved(link.slice(0, hashAt), base);
  const written = link.slice(hashAt);
  if (url === null || written === '#') return { url, fragment: '' };
  return { url, fragment: PLAIN_FRAGMENT.test(written) ? written : (URL.parse(link, base)?.hash ?? '') };
}

function resolved(link: string, base: string): ResolvedLink | null {
  return plainHttpUrl(link) ?? URL.parse(link, base);
}
