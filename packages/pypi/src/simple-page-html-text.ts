import { failure, success, type Result } from '@palisade/core';
import { decodeHtmlEntities, escapeHtmlAttribute } from './simple-page-html-entities.ts';
import { readFileLink, type HtmlFileSpan } from './simple-page-html-link.ts';
import { startTagAt, type StartTagSpan } from './simple-page-html-tag.ts';
import { lastSegment } from './simple-page-html.ts';
import type { PageDecisions } from './simple-page-text-decisions.ts';
import { checkApiVersion } from './simple-page-values.ts';
import { TextEdits } from './text-edits.ts';

export type { HtmlFileSpan } from './simple-page-html-link.ts';

const unusual = failure('the page is not one the text filter reads');

/**
 * The file links of a PEP 503 page, read as `parseSimpleHtml` reads them: the page must be
 * one that parse accepts (Simple API 1.x, a project named), and one whose meaning a text
 * edit keeps exactly: every link written `<a ...>name</a>`, its `href` given once and
 * resolving, its text the file's name; no `<base>`, `<script>`, `<style>` or `<textarea>`.
 */
export function htmlPageLayout(html: string, pageUrl: string): Result<HtmlFileSpan[]> {
  const page = URL.parse(pageUrl);
  if (page === null || lastSegment(page.pathname.replace(/\/+$/, '')) === undefined) return unusual;
  const base = page.href;
  const files: HtmlFileSpan[] = [];
  let apiVersion = '1.0';
  let position = 0;
  while (position < html.length) {
    const open = html.indexOf('<', position);
    if (open === -1) break;
    const next = html.charCodeAt(open + 1);
    if (next === 0x21 && html.startsWith('<!--', open)) {
      const close = html.indexOf('-->', open + 4);
      position = close === -1 ? html.length : close + 3;
    } else if (next === 0x21 || next === 0x3f || next === 0x2f) {
      const close = html.indexOf('>', open);
      position = close === -1 ? html.length : close + 1;
    } else if ((next | 0x20) >= 0x61 && (next | 0x20) <= 0x7a) {
      const tag = startTagAt(html, open + 1);
      if (tag === undefined || isRefused(tag.name)) return unusual;
      if (tag.name === 'meta' && attribute(tag, 'name')?.toLowerCase() === 'pypi:repository-version') {
        apiVersion = decodeHtmlEntities(attribute(tag, 'content') ?? '').trim();
      }
      position = tag.name === 'a' ? readFileLink(html, open, tag, base, files) : tag.end;
      if (position < 0) return unusual;
    } else position = open + 1;
  }
  const version = checkApiVersion(apiVersion);
  return version.ok ? success(files) : version;
}

/** Elements whose content `htmlTokens` skips, and `<base>`, which changes what links resolve against. */
function isRefused(name: string): boolean {
  return name === 'script' || name === 'style' || name === 'textarea' || name === 'base';
}

function attribute(tag: StartTagSpan, name: string): string | undefined {
  return tag.attributes.find((attribute) => attribute.name === name)?.value;
}

/** The page's text (in UTF-8) with the decisions made: links cut, kept links pointed at Palisade, unverifiable metadata cut. */
export function editHtmlPage(html: string, files: readonly HtmlFileSpan[], decisions: PageDecisions): Buffer | undefined {
  const edits = new TextEdits(html);
  // Where a link keeps its path, only the part before it is replaced: each prefix escaped once.
  const escapedPrefixes = new Map<string, string>();
  const escapedPrefix = (prefix: string): string => {
    let escaped = escapedPrefixes.get(prefix);
    if (escaped === undefined) escapedPrefixes.set(prefix, (escaped = escapeHtmlAttribute(prefix)));
    return escaped;
  };
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
        if (decisions.keepsPath[i] === true) edits.replace(file.hrefStart, file.urlPathStart, escapedPrefix(url));
        else edits.replace(file.hrefStart, file.hrefEnd, file.hrefInQuotes ? escapeHtmlAttribute(url) : `"${escapeHtmlAttribute(url + file.fragment)}"`);
        hrefDone = true;
      }
      if (cut < cuts.length) edits.replace(cutStart, cuts[cut + 1] ?? -1);
    }
  }
  return edits.bytes();
}
