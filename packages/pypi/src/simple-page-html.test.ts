import { describe, expect, it } from 'vitest';
import { parseSimpleHtml } from './simple-page-html.ts';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);
const PAGE_URL = 'https://pypi.org/simple/demo-pkg/';

/** Laid out as pypi.org's detail template renders it. */
const PYPI_HTML = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta name="pypi:repository-version" content="1.4">
    <meta name="pypi:project-status" content="archived">
    <title>Links for demo-pkg</title>
  </head>
  <body>
    <h1>Links for demo-pkg</h1>
    <a href="https://files.pythonhosted.org/packages/ab/cd/demo_pkg-1.0.tar.gz#sha256=${SHA_A}" >demo_pkg-1.0.tar.gz</a><br />
    <a href="https://files.pythonhosted.org/packages/ef/01/demo_pkg-1.1-py3-none-any.whl#sha256=${SHA_B}" data-requires-python="&gt;=3.8, &lt;4" data-yanked="broke &quot;import x&quot; &amp; more" data-dist-info-metadata="sha256=${SHA_A}" data-core-metadata="sha256=${SHA_A}" data-provenance="https://pypi.org/integrity/demo-pkg/1.1/demo_pkg-1.1-py3-none-any.whl/provenance">demo_pkg-1.1-py3-none-any.whl</a><br />
    <a href="https://files.pythonhosted.org/packages/12/34/demo_pkg-2.0.tar.gz#sha256=${SHA_B}" data-requires-python="&gt;=3.9" data-yanked="" data-gpg-sig="true">demo_pkg-2.0.tar.gz</a><br />
    </body>
</html>
<!--SERIAL 24815-->
`;

describe('parseSimpleHtml', () => {
  it('reads a pypi.org page: hashes from fragments, decoded data attributes, meta tags and serial', () => {
    expect(parseSimpleHtml(PYPI_HTML, PAGE_URL)).toEqual({
      ok: true,
      value: {
        name: 'demo-pkg',
        meta: { apiVersion: '1.4', lastSerial: 24815 },
        projectStatus: { status: 'archived' },
        files: [
          { filename: 'demo_pkg-1.0.tar.gz', url: 'https://files.pythonhosted.org/packages/ab/cd/demo_pkg-1.0.tar.gz', hashes: { sha256: SHA_A } },
          {
            filename: 'demo_pkg-1.1-py3-none-any.whl',
            url: 'https://files.pythonhosted.org/packages/ef/01/demo_pkg-1.1-py3-none-any.whl',
            hashes: { sha256: SHA_B },
            requiresPython: '>=3.8, <4',
            yanked: 'broke "import x" & more',
            coreMetadata: { sha256: SHA_A },
            provenance: 'https://pypi.org/integrity/demo-pkg/1.1/demo_pkg-1.1-py3-none-any.whl/provenance',
          },
          {
            filename: 'demo_pkg-2.0.tar.gz',
            url: 'https://files.pythonhosted.org/packages/12/34/demo_pkg-2.0.tar.gz',
            hashes: { sha256: SHA_B },
            requiresPython: '>=3.9',
            yanked: true,
            gpgSig: true,
          },
        ],
      },
    });
  });

  it('reads an old HTML-only index: relative links, no meta, sloppy markup, name from the URL', () => {
    const html = `<html><body>
<A HREF='../../packages/legacy-1.0.zip#md5=0123456789ABCDEF0123456789abcdef' data-dist-info-metadata=true>legacy-1.0.zip</A>
<a href=/packages/legacy-1.1.tar.gz?x=1&amp;y=2>legacy-1.1.tar.gz
<a href="legacy-1.2.tar.gz#egg=legacy">legacy-1.2.tar.gz</a>
<a name="top">no href</a>
</body></html>`;
    const result = parseSimpleHtml(html, 'http://old.example:8080/simple/legacy/');
    expect(result).toEqual({
      ok: true,
      value: {
        name: 'legacy',
        meta: { apiVersion: '1.0' },
        files: [
          { filename: 'legacy-1.0.zip', url: 'http://old.example:8080/packages/legacy-1.0.zip', hashes: { md5: '0123456789abcdef0123456789abcdef' }, coreMetadata: true },
          { filename: 'legacy-1.1.tar.gz', url: 'http://old.example:8080/packages/legacy-1.1.tar.gz?x=1&y=2', hashes: {} },
          { filename: 'legacy-1.2.tar.gz', url: 'http://old.example:8080/simple/legacy/legacy-1.2.tar.gz', hashes: {} },
        ],
      },
    });
  });

  it('resolves links against <base href> and reads PEP 708 meta tags', () => {
    const html = `<head><base href="https://mirror.example/files/"><meta name="pypi:repository-version" content="1.2">
<meta name="pypi:tracks" content="https://pypi.org/simple/x/"><meta name="pypi:alternate-locations" content="https://a.example/simple/x/">
<meta name="pypi:project-status" content="quarantined"><meta name="pypi:project-status-reason" content="malware &amp; more"></head>
<a href="x-1.tar.gz">x-1.tar.gz</a>`;
    const result = parseSimpleHtml(html, 'https://mirror.example/simple/x/');
    expect(result.ok && result.value).toMatchObject({
      name: 'x',
      meta: { apiVersion: '1.2', tracks: ['https://pypi.org/simple/x/'] },
      alternateLocations: ['https://a.example/simple/x/'],
      projectStatus: { status: 'quarantined', reason: 'malware & more' },
      files: [{ url: 'https://mirror.example/files/x-1.tar.gz' }],
    });
  });

  it('names a file by its URL when the anchor text says something else, as pip does', () => {
    const html = `<a href="https://h.example/evil-6.6.6.tar.gz">evil-1.0.tar.gz</a><a href="https://h.example/p/a%2Bb-1.0.tar.gz">a+b-1.0.tar.gz</a>`;
    const result = parseSimpleHtml(html, 'https://h.example/simple/evil/');
    expect(result.ok && result.value.files.map((file) => file.filename)).toEqual(['evil-6.6.6.tar.gz', 'a+b-1.0.tar.gz']);
  });

  it('skips scripts, comments and links that are not URLs', () => {
    const html = `<script>document.write('<a href="x-9.tar.gz">x-9.tar.gz</a>')</script><!-- <a href="x-8.tar.gz">x</a> -->
<a href="http://[bad">x-7.tar.gz</a><a href="x-1.tar.gz">x-1.tar.gz</a>`;
    const result = parseSimpleHtml(html, 'https://h.example/simple/x/');
    expect(result.ok && result.value.files.map((file) => file.filename)).toEqual(['x-1.tar.gz']);
  });

  it('refuses a repository version it does not know and a page URL that is not one', () => {
    const future = parseSimpleHtml('<meta name="pypi:repository-version" content="2.0">', PAGE_URL);
    expect(future.ok ? '' : future.error).toContain('only 1.x');
    expect(parseSimpleHtml('', 'not a url').ok).toBe(false);
    expect(parseSimpleHtml('', 'https://h.example/').ok).toBe(false);
  });

  it('survives hostile input without throwing, in linear time', { timeout: 30_000 }, () => {
    // Sizes at which anything quadratic would take minutes, and a linear read well under a second.
    const inputs = [
      '<'.repeat(100_000),
      '<a href="'.repeat(25_000),
      '<a '.repeat(50_000),
      '<a href=x>'.repeat(50_000),
      `<a href="${'%2e%2e/'.repeat(10_000)}x-1.tar.gz">x</a>\u0000<a href="\u0000">\u0000</a>`,
      '&#99999999999;&#x110000;&#0;&#xD800;'.repeat(5_000),
      '<!--'.repeat(25_000),
      '<script>'.repeat(25_000),
    ];
    const started = performance.now();
    for (const html of inputs) expect(parseSimpleHtml(html, PAGE_URL).ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
