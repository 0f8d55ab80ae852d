import { failure, success, type Result } from '@palisade/core';
import { decodeHtmlEntities, escapeHtmlAttribute } from './simple-page-html-entities.ts';
import { linkUrl } from './link-url.ts';
import type { ResolvedLink } from './plain-http-url.ts';
import { startTagAt, type StartTagSpan } from './simple-page-html-tag.ts';
import { lastSegment } from './simple-page-html.ts';
import type { PageDecisions } from './simple-page-text-decisions.ts';
import { checkApiVersion } from './simple-page-values.ts';
import { TextEdits } from './text-edits.ts';

/** One file link of a PEP 503 page's text: where it is, what it names, and what serving it changes. */
export interface HtmlFileSpan {
  /** Where the `<a` starts, and where its cut ends (past `</a>`, a `<br>` and white space after it). */
  readonly start: number;
  readonly cutEnd: number;
  readonly filename: string;
  /** The link resolved against the page, without its fragment; `fragment` is that (`#sha256=...` or ''). */
  readonly url: ResolvedLink;
  readonly fragment: string;
  /** Where the `href` value is, quotes included. */
  readonly hrefStart: number;
  readonly hrefEnd: number;
  /** Metadata attributes to cut, flat (`start, end, ...`): they carry no SHA-256. */
  readonly metadataCuts: readonly number[];
}

const unusual = failure('the page is not one the text filter reads');
// What `parseHashFragment` reads as a SHA-256 (`#?sha256=` then 1 to 256 hex digits; the count checked apart, which is quicker).
const SHA256_FRAGMENT = /^#?sha256=[0-9A-Fa-f]+$/i;
const AFTER_LINK = /(?:<br\s*\/?>)?\s*/y;
const NO_CUTS: readonly number[] = [];
const METADATA_ATTRIBUTES = new Set(['data-core-metadata', 'data-dist-info-metadata']);
// Elements whose content `htmlTokens` skips, and `<base>`, which changes what links resolve against.
const REFUSED_ELEMENTS = new Set(['script', 'style', 'textarea', 'base']);

/**
 * The file links of a PEP 503 page, read as `parseSimpleHtml` reads them: the page must be
 * one that parse accepts (Simple API 1.x, a project named), and one whose meaning a text
 * edit keeps exactly: every link written `<a ...>name</a>`, its `href` given once and
 * resolving, its text the file's name; no `<base>`, `<script>`, `<style>` or `<textarea>`.
 */
export function htmlPageLayout(html: string, pageUrl: string): Result<HtmlFileSpan[]> {
  const page = URL.parse(pageUrl);
  if (page === null || lastSegment(page.pathname.replace(/\/+$/, '')) === undefined) return unusual;
  const files: HtmlFileSpan[] = [];
  let apiVersion = '1.0';
  let position = 0;
  while (position < html.length) {
    const open = html.indexOf('<', position);
    if (open === -1) break;
    const next = html.charCodeAt(open + 1);
    if (html.startsWith('<!--', open)) {
      const close = html.indexOf('-->', open + 4);
      position = close === -1 ? html.length : close + 3;
    } else if (next === 0x21 || next === 0x3f || next === 0x2f) {
      const close = html.indexOf('>', open);
      position = close === -1 ? html.length : close + 1;
    } else if ((next | 0x20) >= 0x61 && (next | 0x20) <= 0x7a) {
      const tag = startTagAt(html, open + 1);
      if (tag === undefined || REFUSED_ELEMENTS.has(tag.name)) return unusual;
      if (tag.name === 'meta' && attribute(tag, 'name')?.toLowerCase() === 'pypi:repository-version') {
        apiVersion = decodeHtmlEntities(attribute(tag, 'content') ?? '').trim();
      }
      position = tag.name === 'a' ? link(html, open, tag, page, files) : tag.end;
      if (position < 0) return unusual;
    } else position = open + 1;
  }
  const version = checkApiVersion(apiVersion);
  return version.ok ? success(files) : version;
}

/** Reads the link whose start tag is `tag`, adding its file to `files`: where reading goes on, or -1. */
function link(html: string, start: number, tag: StartTagSpan, page: URL, files: HtmlFileSpan[]): number {
  const close = html.indexOf('<', tag.end);
  if (close === -1 || !/^<\/[aA](?![A-Za-z0-9-])/.test(html.slice(close, close + 4))) return -1;
  const closeEnd = html.indexOf('>', close) + 1;
  if (closeEnd === 0) return -1;
  const attributes = tag.attributes;
  for (let i = 1; i < attributes.length; i++) for (let j = 0; j < i; j++) if (attributes[i]?.name === attributes[j]?.name) return -1;
  const href = attributes.find((attribute) => attribute.name === 'href');
  if (href === undefined) return closeEnd;
  const { url, fragment } = linkUrl(decodeHtmlEntities(href.value).trim(), page.href);
  if (href.value === '' || url === null) return -1;
  const text = decodeHtmlEntities(html.slice(tag.end, close)).trim();
  const segment = lastSegment(url.pathname);
  const filename = segment === undefined || segment === text ? text : segment;
  if (filename === '' || filename !== text) return -1;
  const metadataCuts = metadataCutsOf(tag);
  if (metadataCuts === undefined) return -1;
  AFTER_LINK.lastIndex = closeEnd;
  AFTER_LINK.test(html);
  files.push({ start, cutEnd: AFTER_LINK.lastIndex, filename, url, fragment, hrefStart: href.valueStart, hrefEnd: href.end, metadataCuts });
  return closeEnd;
}

/** The metadata attributes to cut: all when none carries a SHA-256, none when all do; undefined when they disagree. */
function metadataCutsOf(tag: StartTagSpan): readonly number[] | undefined {
  let [verifiable, unverifiable] = [0, 0];
  for (const attribute of tag.attributes) {
    if (!METADATA_ATTRIBUTES.has(attribute.name)) continue;
    if (isSha256Fragment(decodeHtmlEntities(attribute.value).trim())) verifiable++;
    else unverifiable++;
  }
  if (unverifiable === 0) return NO_CUTS;
  if (verifiable > 0) return undefined;
  const cuts: number[] = [];
  for (const attribute of tag.attributes) if (METADATA_ATTRIBUTES.has(attribute.name)) cuts.push(attribute.separatorStart, attribute.end);
  return cuts;
}

function isSha256Fragment(value: string): boolean {
  const digits = value.length - (value.charCodeAt(0) === 0x23 ? 8 : 7);
  return digits <= 256 && SHA256_FRAGMENT.test(value);
}

function attribute(tag: StartTagSpan, name: string): string | undefined {
  return tag.attributes.find((attribute) => attribute.name === name)?.value;
}

/** The page's text (in UTF-8) with the decisions made: links cut, kept links pointed at Palisade, unverifiable metadata cut. */
export function editHtmlPage(html: string, files: readonly HtmlFileSpan[], decisions: PageDecisions): Buffer | undefined {
  const edits = new TextEdits(html);
  for (let i = 0; i < files.length; i++) {
    const file = files[i] as HtmlFileSpan;
    const url = decisions.fileUrls[i];
    if (url === undefined) {
      edits.replace(file.start, file.cutEnd);
      continue;
    }
    // The href replaced and the metadata attributes cut, in text order.
    const cuts = file.metadataCuts;
    let hrefDone = false;
    for (let cut = 0; cut <= cuts.length; cut += 2) {
      const cutStart = cuts[cut] ?? Number.MAX_SAFE_INTEGER;
      if (!hrefDone && file.hrefStart < cutStart) {
        edits.replace(file.hrefStart, file.hrefEnd, `"${escapeHtmlAttribute(url + file.fragment)}"`);
        hrefDone = true;
      }
      if (cut < cuts.length) edits.replace(cutStart, cuts[cut + 1] ?? -1);
    }
  }
  return edits.bytes();
}
