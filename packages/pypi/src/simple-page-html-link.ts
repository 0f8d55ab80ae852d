import { decodeHtmlEntities } from './simple-page-html-entities.ts';
import { linkUrl } from './link-url.ts';
import type { ResolvedLink } from './plain-http-url.ts';
import { isSpace, type StartTagSpan, type TagAttribute } from './simple-page-html-tag.ts';
import { lastSegment } from './simple-page-html.ts';

/** One file link of a PEP 503 page's text: where it is, what it names, and what serving it changes. */
export interface HtmlFileSpan {
  /** Where the `<a` starts, and where its cut ends (past `</a>`, a `<br>` and white space after it). */
  readonly start: number;
  readonly cutEnd: number;
  readonly filename: string;
  /** The link resolved against the page, without its fragment; `fragment` is that (`#sha256=...` or ''). */
  readonly url: ResolvedLink;
  readonly fragment: string;
  /**
   * What of the `href` value a new URL replaces: with `hrefInQuotes`, the text between its
   * double quotes up to the fragment written there, which stays (the new URL goes in escaped);
   * else the whole value, quotes included (`"`, the new URL and the fragment, escaped, and `"` go in).
   */
  readonly hrefStart: number;
  readonly hrefEnd: number;
  readonly hrefInQuotes: boolean;
  /** With `hrefInQuotes`: where `url.pathname` is written as it is, just before the fragment, in characters escaping leaves alone; else -1. */
  readonly urlPathStart: number;
  /** Metadata attributes to cut, flat (`start, end, ...`): they carry no SHA-256. */
  readonly metadataCuts: readonly number[];
}

const NO_CUTS: readonly number[] = [];
const SHA256_FRAGMENT = /^#?[Ss][Hh][Aa]256=[0-9A-Fa-f]+$/;
// What `escapeHtmlAttribute` changes, but for `"`, which a double-quoted value cannot hold.
const ESCAPED = /[&<>']/;

/**
 * Reads the link whose start tag is `tag`, adding its file to `files`: where reading goes on
 * (past the `<br>` and white space after a file's link, which hold no tag to read), or -1.
 */
export function readFileLink(html: string, start: number, tag: StartTagSpan, pageUrl: string, files: HtmlFileSpan[]): number {
  const close = html.indexOf('<', tag.end);
  // `</a` not followed by a tag name's character.
  if (close === -1 || html.charCodeAt(close + 1) !== 0x2f || (html.charCodeAt(close + 2) | 0x20) !== 0x61 || isNameCharacter(html.charCodeAt(close + 3))) return -1;
  const closeEnd = html.indexOf('>', close) + 1;
  if (closeEnd === 0) return -1;
  const attributes = tag.attributes;
  let href: TagAttribute | undefined;
  let [verifiable, unverifiable] = [0, 0];
  let metadata: string | undefined;
  let sha256 = false;
  for (let i = 0; i < attributes.length; i++) {
    const attribute = attributes[i] as TagAttribute;
    const name = attribute.name;
    for (let j = 0; j < i; j++) if ((attributes[j] as TagAttribute).name === name) return -1;
    if (name === 'href') href = attribute;
    else if (isMetadataAttribute(name)) {
      // Both metadata attributes usually carry the same value: it is read once.
      if (attribute.value !== metadata) {
        metadata = attribute.value;
        sha256 = isSha256Fragment(decodeHtmlEntities(metadata).trim());
      }
      if (sha256) verifiable++;
      else unverifiable++;
    }
  }
  if (href === undefined) return closeEnd;
  const { url, fragment } = linkUrl(decodeHtmlEntities(href.value).trim(), pageUrl);
  if (href.value === '' || url === null) return -1;
  const text = decodeHtmlEntities(html.slice(tag.end, close)).trim();
  const segment = lastSegment(url.pathname);
  const filename = segment === undefined || segment === text ? text : segment;
  // Metadata attributes are all cut when none carries a SHA-256, none when all do; a link where they disagree is left to the parse.
  if (filename === '' || filename !== text || (verifiable > 0 && unverifiable > 0)) return -1;
  const metadataCuts = unverifiable === 0 ? NO_CUTS : metadataCutsOf(attributes);
  const cutEnd = afterLink(html, closeEnd);
  // The fragment written in double quotes as the URL serialises it, which escaping leaves as it is, can stay in place.
  const fragmentStart = href.end - 1 - fragment.length;
  const hrefInQuotes = html.charCodeAt(href.valueStart) === 0x22 && fragmentStart > href.valueStart && html.slice(fragmentStart, href.end - 1) === fragment && !ESCAPED.test(fragment);
  const hrefStart = hrefInQuotes ? href.valueStart + 1 : href.valueStart;
  const hrefEnd = hrefInQuotes ? fragmentStart : href.end;
  const pathStart = hrefEnd - url.pathname.length;
  const urlPathStart = hrefInQuotes && pathStart >= hrefStart && html.slice(pathStart, hrefEnd) === url.pathname && !ESCAPED.test(url.pathname) ? pathStart : -1;
  files.push({ start, cutEnd, filename, url, fragment, hrefStart, hrefEnd, hrefInQuotes, urlPathStart, metadataCuts });
  return cutEnd;
}

function isMetadataAttribute(name: string): boolean {
  return name === 'data-core-metadata' || name === 'data-dist-info-metadata';
}

function metadataCutsOf(attributes: readonly TagAttribute[]): readonly number[] {
  const cuts: number[] = [];
  for (const attribute of attributes) if (isMetadataAttribute(attribute.name)) cuts.push(attribute.separatorStart, attribute.end);
  return cuts;
}

/** What `parseHashFragment` reads as a SHA-256: `#?sha256=` (any case) then 1 to 256 hex digits (counted apart, which is quicker). */
function isSha256Fragment(value: string): boolean {
  const digits = value.length - (value.charCodeAt(0) === 0x23 ? 8 : 7);
  return digits <= 256 && SHA256_FRAGMENT.test(value);
}

/** Past `(?:<br\s*\/?>)?\s*` at `position`. */
function afterLink(html: string, position: number): number {
  if (html.startsWith('<br', position)) {
    let end = position + 3;
    while (isSpace(html.charCodeAt(end))) end++;
    if (html.charCodeAt(end) === 0x2f) end++;
    if (html.charCodeAt(end) === 0x3e) position = end + 1;
  }
  while (isSpace(html.charCodeAt(position))) position++;
  return position;
}

function isNameCharacter(c: number): boolean {
  return ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d;
}
