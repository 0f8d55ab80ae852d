import { failure, success, type Result } from '@palisade/core';
import { editHtmlPage, htmlPageLayout } from './simple-page-html-text.ts';
import { editJsonPage, jsonPageLayout } from './simple-page-json-text.ts';
import { pageDecisions, type SimplePageTextOptions } from './simple-page-text-decisions.ts';

export type { SimplePageTextOptions } from './simple-page-text-decisions.ts';
export type { ResolvedLink } from './plain-http-url.ts';

/** A page's text filtered in place, and what filtering did to it. */
export interface FilteredSimplePageText {
  /** The page in the form it came in, in UTF-8, changed only where files, versions or metadata links went or links were re-pointed. */
  readonly body: Buffer;
  /** Denied versions taken out of the files or the `versions` list, each once, in page order (files first). */
  readonly removed: readonly string[];
  /** Files kept because no version could be read from their names. */
  readonly unparsed: readonly string[];
  /** Distinct versions left, counted over `versions` and the files the policy let through. */
  readonly remaining: number;
  /** Files let through by the policy but dropped: their URL is not http(s) on an allowed host. */
  readonly dropped: readonly string[];
}

/**
 * What `filterSimplePage`, `rewriteFileUrls` and `withVerifiableMetadata` do to a page,
 * done on its text (PEP 691 JSON or PEP 503 HTML) without parsing or rendering the whole
 * document: the files of denied versions are cut out (JSON: their objects and the versions
 * in `versions`; HTML: the link and the `<br>` and white space after it), each kept file's
 * URL replaced by `fileUrl`'s (HTML keeps the hash fragment), files on hosts not allowed cut,
 * and metadata keys or attributes that carry no SHA-256 cut; every other character stays.
 * The result, parsed, is what that pipeline serves, with the same lists. The page is checked
 * first, and the policy asked only then: a failure (a page `parseSimpleJson` or
 * `parseSimpleHtml` would refuse, or one unusual enough that only a parse reads it right)
 * means the caller should take the parse-based path, which reports what is wrong.
 */
export function filterSimplePageText(text: string, form: 'json' | 'html', options: SimplePageTextOptions): Result<FilteredSimplePageText> {
  if (form === 'json') {
    const layout = jsonPageLayout(text, options.pageUrl);
    if (!layout.ok) return layout;
    const decisions = pageDecisions(layout.value.files, layout.value.versions, options);
    return filtered(editJsonPage(text, layout.value, decisions), decisions);
  }
  const files = htmlPageLayout(text, options.pageUrl);
  if (!files.ok) return files;
  const decisions = pageDecisions(files.value, [], options);
  return filtered(editHtmlPage(text, files.value, decisions), decisions);
}

function filtered(body: Buffer | undefined, decisions: ReturnType<typeof pageDecisions>): Result<FilteredSimplePageText> {
  if (body === undefined) return failure('the page could not be edited in place');
  const { removed, unparsed, remaining, dropped } = decisions;
  return success({ body, removed, unparsed, remaining, dropped });
}
