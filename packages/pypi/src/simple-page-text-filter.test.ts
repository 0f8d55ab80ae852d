import type { Result } from '@palisade/core';
import { describe, expect, it } from 'vitest';
import { parseDistributionFile } from './distribution-file.ts';
import type { SimplePage } from './simple-page.ts';
import { filterSimplePage } from './simple-page-filter.ts';
import { renderSimpleHtml } from './simple-page-html-render.ts';
import { parseSimpleHtml } from './simple-page-html.ts';
import { renderSimpleJson } from './simple-page-json-render.ts';
import { parseSimpleJson } from './simple-page-json.ts';
import { withVerifiableMetadata } from './simple-page-metadata.ts';
import { filterSimplePageText, type FilteredSimplePageText, type ResolvedLink } from './simple-page-text-filter.ts';
import { rewriteFileUrls } from './simple-page-urls.ts';
import { ALLOWED_HOSTS, PAGE_URL, PROJECT, random, randomHtmlPage, randomJsonPage, type GeneratedPage } from './testing/random-simple-page.ts';

type Form = 'json' | 'html';
const fileUrl = (url: ResolvedLink) => `https://proxy.test/pypi/files/${PROJECT}/${url.host}${url.pathname}`;
const parse = (form: Form, text: string): Result<SimplePage> => (form === 'json' ? parseSimpleJson(text, PAGE_URL) : parseSimpleHtml(text, PAGE_URL));

/** Options denying `denied`, recording what the policy was asked. */
function options(denied: ReadonlySet<string>) {
  const asked: string[] = [];
  const isDenied = (version: string) => (asked.push(version), denied.has(version));
  return { asked, options: { project: PROJECT, pageUrl: PAGE_URL, isDenied, allowedHosts: ALLOWED_HOSTS, fileUrl } };
}

/** The parse-based pipeline: parse, filterSimplePage (versions by parseDistributionFile), rewriteFileUrls, withVerifiableMetadata, render. */
function parsePipeline(form: Form, text: string, denied: ReadonlySet<string>) {
  const parsed = parse(form, text);
  if (!parsed.ok) return undefined;
  const { asked, options: policy } = options(denied);
  const versionOf = (filename: string) => {
    const file = parseDistributionFile(filename, PROJECT);
    return file.ok ? file.value.version : undefined;
  };
  const filtered = filterSimplePage(parsed.value, { versionOf, isDenied: policy.isDenied });
  const rewritten = rewriteFileUrls(filtered.page, policy);
  const served = withVerifiableMetadata(rewritten.page);
  const rendered = form === 'json' ? renderSimpleJson(served) : renderSimpleHtml(served);
  return { asked, rendered, removed: filtered.removed, unparsed: filtered.unparsed, remaining: filtered.remaining, dropped: rewritten.dropped };
}

/** The page filtered, its body read back as text. */
function filtered(form: Form, text: string, ...denied: string[]): FilteredSimplePageText & { text: string } {
  const result = filterSimplePageText(text, form, options(new Set(denied)).options);
  if (!result.ok) throw new Error(result.error);
  return { ...result.value, text: result.value.body.toString('utf8') };
}

describe('filterSimplePageText: JSON', () => {
  const page = (files: string) => `{"meta":{"api-version":"1.1"},"name":"demo-pkg","files":[${files}],"versions":["1.0","2.0"]}`;
  const file = (version: string, extra = '') => `{"filename":"demo_pkg-${version}.tar.gz","url":"https://files.test/p/demo_pkg-${version}.tar.gz","hashes":{"sha256":"ab"}${extra}}`;

  it('cuts denied files and versions, re-points the rest, and leaves every other character', () => {
    const result = filtered('json', page(`${file('1.0')},\n ${file('2.0')}`), '1.0');
    expect(result.text).toBe(page(file('2.0')).replace('https://files.test/p/', 'https://proxy.test/pypi/files/demo-pkg/files.test/p/').replace('"1.0",', ''));
    expect(result).toMatchObject({ removed: ['1.0'], unparsed: [], remaining: 1, dropped: [] });
  });

  it('serves a page written with characters beyond ASCII in UTF-8', () => {
    const text = page(`${file('1.0', ',"yanked":"brôken ✓"')},${file('2.0')}`).replace('"demo-pkg"', '"demo-pkg","x":"😀"');
    const result = filtered('json', text, '2.0');
    expect(result.text).toBe(page(file('1.0', ',"yanked":"brôken ✓"')).replace('"demo-pkg"', '"demo-pkg","x":"😀"').replace('https://files.test/p/', 'https://proxy.test/pypi/files/demo-pkg/files.test/p/').replace(',"2.0"', ''));
    expect(result.body).toEqual(Buffer.from(result.text, 'utf8'));
  });

  it('cuts metadata keys without a SHA-256 and keeps those with one', () => {
    const text = page([file('1.0', ',"core-metadata":true,"data-dist-info-metadata":true'), file('2.0', ',"core-metadata":{"sha256":"cd"}')].join(','));
    const result = filtered('json', text);
    expect(result.text).not.toContain('true');
    expect(result.text).toContain('"core-metadata":{"sha256":"cd"}');
  });

  it('declines a page it cannot edit exactly, and refuses a malformed one', () => {
    const declined = [page(`${file('1.0')},${file('1.0')}`).replace('"files"', '"files":[],"files"'), page(file('1.0', ',"dist-info-metadata":true')), page('1')];
    for (const text of [...declined, '{"meta":', page(file('1.0')).replace('1.1', '2.0')]) {
      expect(filterSimplePageText(text, 'json', options(new Set()).options).ok).toBe(false);
    }
  });
});

describe('filterSimplePageText: HTML', () => {
  const anchor = (version: string, extra = '') => `<a href="https://files.test/p/demo_pkg-${version}.tar.gz#sha256=ab"${extra}>demo_pkg-${version}.tar.gz</a><br/>\n    `;
  const page = (anchors: string) => `<html><body>\n    ${anchors}</body></html>`;

  it('cuts denied links with the line break after them, and keeps the hash fragment of the rest', () => {
    const result = filtered('html', page(anchor('1.0') + anchor('2.0')), '1.0');
    expect(result.text).toBe(page(anchor('2.0').replace('https://files.test/p/', 'https://proxy.test/pypi/files/demo-pkg/files.test/p/')));
    expect(result).toMatchObject({ removed: ['1.0'], remaining: 1 });
  });

  it('cuts metadata attributes without a SHA-256', () => {
    const result = filtered('html', page(anchor('1.0', ' data-core-metadata="true" data-dist-info-metadata="true"')));
    expect(result.text).not.toContain('metadata');
  });

  it('declines pages with a <base>, a script, or a link whose text is not its file', () => {
    for (const extra of ['<base href="https://x.test/">', '<script>x</script>', '<a href="https://files.test/p/demo_pkg-1.0.zip">other</a>']) {
      expect(filterSimplePageText(page(anchor('1.0') + extra), 'html', options(new Set()).options).ok).toBe(false);
    }
  });
});

describe('filterSimplePageText agrees with the parse-based pipeline', () => {
  for (const form of ['json', 'html'] as const) {
    it(`on 3,000 generated ${form} pages`, { timeout: 120_000 }, () => {
      const next = random(form === 'json' ? 691 : 503);
      let [edited, declined] = [0, 0];
      for (let round = 0; round < 3_000; round++) {
        const generated: GeneratedPage = form === 'json' ? randomJsonPage(next) : randomHtmlPage(next);
        const expected = parsePipeline(form, generated.text, generated.denied);
        const text = options(generated.denied);
        const result = filterSimplePageText(generated.text, form, text.options);
        if (!result.ok) {
          expect(text.asked).toEqual([]);
          // A usual page that the parse accepts is never declined.
          if (expected !== undefined) expect({ declined: result.error, text: generated.text, unusual: generated.unusual }).toMatchObject({ unusual: true });
          declined++;
          continue;
        }
        if (expected === undefined) throw new Error(`accepted a page the parse refuses:\n${generated.text}`);
        edited++;
        const { body, ...lists } = result.value;
        // The origin-only edit (`fileUrlPrefix`) serves the very same bytes, and a prefix that
        // disagrees with `fileUrl` is not used.
        for (const prefix of [(url: ResolvedLink) => fileUrl(url).slice(0, -url.pathname.length), (url: ResolvedLink) => `https://elsewhere.test/${url.host}`]) {
          const withPrefix = filterSimplePageText(generated.text, form, { ...options(generated.denied).options, fileUrlPrefix: prefix });
          expect(withPrefix.ok && withPrefix.value.body.equals(body)).toBe(true);
        }
        const served = body.toString('utf8');
        expect({ page: parse(form, served), text: generated.text }).toEqual({ page: parse(form, expected.rendered), text: generated.text });
        expect(lists).toEqual({ removed: expected.removed, unparsed: expected.unparsed, remaining: expected.remaining, dropped: expected.dropped });
        expect(text.asked).toEqual(expected.asked.filter((version, i) => expected.asked.indexOf(version) === i));
      }
      expect(edited).toBeGreaterThan(2_200);
      expect(declined).toBeGreaterThan(20);
    });
  }
});
