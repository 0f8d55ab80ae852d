import { describe, expect, it } from 'vitest';
import { filterSimplePageText, type ResolvedLink } from './simple-page-text-filter.ts';

const PAGE_URL = 'https://index.test/simple/demo-pkg/';
const options = (denied: readonly string[] = []) => ({
  project: 'demo-pkg',
  pageUrl: PAGE_URL,
  isDenied: (version: string) => denied.includes(version),
  allowedHosts: ['files.test'],
  fileUrl: (url: ResolvedLink) => `https://proxy.test/f${url.pathname}`,
});
const page = (anchors: string) => `<html><body>\n${anchors}</body></html>`;

/** The page's text filtered, or undefined when the text filter declines it. */
function filtered(anchors: string, denied: readonly string[] = []): string | undefined {
  const result = filterSimplePageText(page(anchors), 'html', options(denied));
  return result.ok ? result.value.body.toString('utf8') : undefined;
}

describe('editHtmlPage', () => {
  it('re-points a double-quoted href, leaving its fragment in place, and escapes what needs it', () => {
    const anchor = (href: string) => `<a href=${href}>demo_pkg-1.0.tar.gz</a>\n`;
    const cases: [string, string][] = [
      [`"https://files.test/p/demo_pkg-1.0.tar.gz#sha256=ab"`, `"https://proxy.test/f/p/demo_pkg-1.0.tar.gz#sha256=ab"`],
      [`"https://files.test/p/demo_pkg-1.0.tar.gz"`, `"https://proxy.test/f/p/demo_pkg-1.0.tar.gz"`],
      [`" https://files.test/p/demo_pkg-1.0.tar.gz#sha256=ab "`, `"https://proxy.test/f/p/demo_pkg-1.0.tar.gz#sha256=ab"`],
      [`'https://files.test/p/demo_pkg-1.0.tar.gz#sha256=ab'`, `"https://proxy.test/f/p/demo_pkg-1.0.tar.gz#sha256=ab"`],
      [`https://files.test/p/demo_pkg-1.0.tar.gz#sha256=ab`, `"https://proxy.test/f/p/demo_pkg-1.0.tar.gz#sha256=ab"`],
      [`"https://files.test/p/demo_pkg-1.0.tar.gz#sha256=ab'x"`, `"https://proxy.test/f/p/demo_pkg-1.0.tar.gz#sha256=ab&#39;x"`],
      [`"https://files.test/p/demo_pkg-1.0.tar.gz#a&amp;b"`, `"https://proxy.test/f/p/demo_pkg-1.0.tar.gz#a&amp;b"`],
      [`"https://files.test/p/demo_pkg-1.0.tar.gz#a b"`, `"https://proxy.test/f/p/demo_pkg-1.0.tar.gz#a%20b"`],
      [`"https://files.test/p/demo_pkg-1.0.tar.gz#"`, `"https://proxy.test/f/p/demo_pkg-1.0.tar.gz"`],
    ];
    for (const [href, served] of cases) expect([href, filtered(anchor(href))]).toEqual([href, page(anchor(served))]);
  });

  it('cuts a link with the <br> and white space after it, and only those', () => {
    const link = (version: string) => `<a href="https://files.test/p/demo_pkg-${version}.tar.gz">demo_pkg-${version}.tar.gz</a>`;
    for (const after of ['<br>', '<br/>', '<br \t/>', '<br\n>', '']) {
      expect(filtered(`${link('1.0')}${after} \n${link('2.0')}<br>\n`, ['1.0'])).toBe(page(`${link('2.0')}<br>\n`).replace('files.test/', 'proxy.test/f/'));
    }
    for (const after of ['<BR>', '<br x>', '<brx>', '<br/ >']) {
      expect(filtered(`${link('1.0')}${after}\n`, ['1.0'])).toBe(page(`${after}\n`));
    }
  });
});

describe('htmlPageLayout', () => {
  const anchor = (attributes: string, close = '</a>') => `<a href="https://files.test/p/demo_pkg-1.0-py3-none-any.whl"${attributes}>demo_pkg-1.0-py3-none-any.whl${close}\n`;

  it('reads metadata attributes once per value, cutting them only when none carries a SHA-256', () => {
    const sha = 'sha256=' + 'ab'.repeat(32);
    expect(filtered(anchor(` data-core-metadata="${sha}" data-dist-info-metadata="${sha}"`))).toContain(`data-dist-info-metadata="${sha}"`);
    expect(filtered(anchor(` data-core-metadata="#SHA256=AB" data-dist-info-metadata=' sha256=ab '`))).toContain('SHA256=AB');
    expect(filtered(anchor(' data-core-metadata="true" data-dist-info-metadata="true"'))).not.toContain('metadata');
    for (const disagreeing of [` data-core-metadata="${sha}" data-dist-info-metadata="true"`, ` data-core-metadata="true" data-dist-info-metadata="${sha}"`]) {
      expect(filtered(anchor(disagreeing))).toBeUndefined();
    }
    expect(filtered(anchor(` data-core-metadata="sha256=${'a'.repeat(257)}"`))).not.toContain('metadata');
    expect(filtered(anchor(' data-core-metadata="sha256="'))).not.toContain('metadata');
  });

  it('reads a link only when it is closed by </a>, and each attribute only once', () => {
    expect(filtered(anchor('', '</A >'))).toBeDefined();
    for (const close of ['</ab>', '</a-', '<b></b></a>']) expect(filtered(anchor('', close))).toBeUndefined();
    expect(filtered(anchor(' HREF="x"'))).toBeUndefined();
    expect(filtered(anchor(' data-yanked data-Yanked'))).toBeUndefined();
  });
});
