import { describe, expect, it } from 'vitest';
import type { SimplePage } from './simple-page.ts';
import { parseSimpleHtml } from './simple-page-html.ts';
import { renderSimpleHtml } from './simple-page-html-render.ts';
import { parseSimpleJson } from './simple-page-json.ts';
import { renderSimpleJson } from './simple-page-json-render.ts';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);
const PAGE_URL = 'https://pypi.org/simple/demo-pkg/';

/** A page with every key HTML can carry, and values that need escaping. */
const HTML_PAGE: SimplePage = {
  name: 'demo-pkg',
  meta: { apiVersion: '1.4', lastSerial: 24815, tracks: ['https://pypi.org/simple/demo-pkg/'] },
  alternateLocations: ['https://alt.example/simple/demo-pkg/'],
  projectStatus: { status: 'deprecated', reason: 'use <other> & "friends"' },
  files: [
    { filename: 'demo_pkg-1.0.tar.gz', url: 'https://files.pythonhosted.org/packages/ab/demo_pkg-1.0.tar.gz', hashes: { sha256: SHA_A } },
    {
      filename: 'demo_pkg-1.1-py3-none-any.whl',
      url: 'https://files.pythonhosted.org/packages/cd/demo_pkg-1.1-py3-none-any.whl?a=1&b=%222%22',
      hashes: { sha256: SHA_B },
      requiresPython: '>=3.8,<4,!=3.9.*',
      yanked: `bad <release> & "quotes" 'too'`,
      coreMetadata: { sha256: SHA_A },
      gpgSig: false,
      provenance: 'https://pypi.org/integrity/demo-pkg/1.1/demo_pkg-1.1-py3-none-any.whl/provenance',
    },
    { filename: 'demo_pkg-2.0.zip', url: 'https://files.pythonhosted.org/packages/ef/demo_pkg-2.0.zip', hashes: {}, yanked: true, coreMetadata: true, gpgSig: true },
  ],
};

/** The same page as JSON gives it, with the PEP 700 keys HTML cannot carry. */
const JSON_PAGE: SimplePage = {
  ...HTML_PAGE,
  versions: ['1.0', '1.1', '2.0', '3.0'],
  files: HTML_PAGE.files.map((file, index) => ({ ...file, size: 1000 + index, uploadTime: `2024-01-0${index + 1}T00:00:00.000000Z` })),
};

describe('round trips', () => {
  it('parseSimpleJson(renderSimpleJson(page)) is the page', () => {
    expect(parseSimpleJson(renderSimpleJson(JSON_PAGE))).toEqual({ ok: true, value: JSON_PAGE });
  });

  it('parseSimpleHtml(renderSimpleHtml(page)) is the page', () => {
    expect(parseSimpleHtml(renderSimpleHtml(HTML_PAGE), PAGE_URL)).toEqual({ ok: true, value: HTML_PAGE });
  });

  it('HTML read into the model and written as JSON keeps every field', () => {
    const fromHtml = parseSimpleHtml(renderSimpleHtml(JSON_PAGE), PAGE_URL);
    if (!fromHtml.ok) throw new Error(fromHtml.error);
    expect(parseSimpleJson(renderSimpleJson(fromHtml.value))).toEqual({ ok: true, value: HTML_PAGE });
  });

  it('a JSON page drops only the PEP 700 keys when written as HTML', () => {
    const html = parseSimpleHtml(renderSimpleHtml(JSON_PAGE), PAGE_URL);
    expect(html).toEqual({ ok: true, value: HTML_PAGE });
  });
});

describe('renderSimpleJson', () => {
  it('writes the PEP 658 flag under the two names pypi.org uses, never dist-info-metadata', () => {
    const json = JSON.parse(renderSimpleJson(JSON_PAGE)) as { files: Record<string, unknown>[] };
    expect(json.files[1]).toMatchObject({ 'core-metadata': { sha256: SHA_A }, 'data-dist-info-metadata': { sha256: SHA_A } });
    expect(json.files.some((file) => Object.hasOwn(file, 'dist-info-metadata'))).toBe(false);
    expect(json.files[0]).not.toHaveProperty('core-metadata');
  });
});

describe('renderSimpleHtml', () => {
  const html = renderSimpleHtml(HTML_PAGE);

  it('lays the page out as pypi.org does', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">\n  <head>\n    <meta name="pypi:repository-version" content="1.4">\n')).toBe(true);
    expect(html).toContain('<title>Links for demo-pkg</title>');
    expect(html).toContain(
      `<a href="https://files.pythonhosted.org/packages/ab/demo_pkg-1.0.tar.gz#sha256=${SHA_A}">demo_pkg-1.0.tar.gz</a><br />`,
    );
    expect(html.endsWith('</html>\n<!--SERIAL 24815-->\n')).toBe(true);
  });

  it('escapes attributes and writes both PEP 658 attributes', () => {
    expect(html).toContain('data-requires-python="&gt;=3.8,&lt;4,!=3.9.*"');
    expect(html).toContain('data-yanked="bad &lt;release&gt; &amp; &quot;quotes&quot; &#39;too&#39;"');
    expect(html).toContain(`data-dist-info-metadata="sha256=${SHA_A}" data-core-metadata="sha256=${SHA_A}"`);
    expect(html).toContain('?a=1&amp;b=%222%22#sha256=');
    expect(html).toContain('<a href="https://files.pythonhosted.org/packages/ef/demo_pkg-2.0.zip" data-yanked="" data-dist-info-metadata="true" data-core-metadata="true" data-gpg-sig="true">');
  });

  it('keeps a hostile project name and file name inert', () => {
    const hostile = renderSimpleHtml({ name: '</title><script>x</script>', meta: { apiVersion: '1.0' }, files: [{ filename: '<img src=x>', url: 'https://h/"><script>', hashes: {} }] });
    expect(hostile).not.toContain('<script>');
    expect(hostile).not.toContain('<img');
  });
});
