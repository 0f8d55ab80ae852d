import { describe, expect, it } from 'vitest';
import { parseSimpleJson } from './simple-page-json.ts';
import { editJsonPage, jsonPageLayout } from './simple-page-json-text.ts';
import { pageDecisions } from './simple-page-text-decisions.ts';

const PAGE_URL = 'https://pypi.test/simple/demo-pkg/';
const page = (files: string, rest = '') => `{"meta":{"api-version":"1.1"},"name":"demo-pkg"${rest},"files":[${files}],"versions":["1.0","2.0"]}`;
const file = (version: string, extra = '') => `{"filename":"demo_pkg-${version}.tar.gz","url":"https://files.test/p/demo_pkg-${version}.tar.gz"${extra}}`;
const options = (denied: string) => ({
  project: 'demo-pkg',
  pageUrl: PAGE_URL,
  isDenied: (version: string) => version === denied,
  allowedHosts: ['files.test'],
  fileUrl: (url: { host: string; pathname: string }) => `https://proxy.test/f/${url.host}${url.pathname}`,
});

/** The page with `denied` filtered out, parsed back (undefined when the text path declines it). */
function served(text: string, denied: string) {
  const layout = jsonPageLayout(text, PAGE_URL);
  if (!layout.ok) return undefined;
  const decisions = pageDecisions(layout.value.files, layout.value.versions, options(denied));
  const body = editJsonPage(text, layout.value, decisions)?.toString('utf8') ?? '';
  const parsed = parseSimpleJson(body, PAGE_URL);
  if (!parsed.ok) throw new Error(`served a page that does not parse: ${body}`);
  return parsed.value;
}

describe('the JSON text path', () => {
  it('never serves a denied file whose text holds another `url` nested or quoted', () => {
    const tricky = [
      ',"extra":{"url":"https://files.test/p/demo_pkg-2.0.tar.gz","filename":"demo_pkg-2.0.tar.gz"}',
      ',"yanked":"\\",\\"url\\":\\"https://files.test/p/demo_pkg-2.0.tar.gz"',
      ',"extra":[[[{"url":"x"}]],"\\"url\\":"]',
    ];
    for (const extra of tricky) {
      const result = served(page(`${file('1.0', extra)},${file('2.0')}`), '1.0');
      expect(result?.files.map((f) => [f.filename, f.url])).toEqual([['demo_pkg-2.0.tar.gz', 'https://proxy.test/f/files.test/p/demo_pkg-2.0.tar.gz']]);
      expect(result?.versions).toEqual(['2.0']);
    }
  });

  it('declines pages whose text a parse reads differently from a scan', () => {
    const declined = [
      page(file('1.0', ',"url":"https://files.test/p/demo_pkg-2.0.tar.gz"')),
      page(file('1.0', ',"\\u0075rl":"https://files.test/p/demo_pkg-2.0.tar.gz"')),
      page(file('1.0')).replace('"files"', '"fil\\u0065s"'),
      page(file('1.0'), ',"__proto__":{}'),
      page(file('1.0'), ',"versions":["3.0"]'),
      page(file('1.0'), `,"x":${'['.repeat(300)}${']'.repeat(300)}`),
    ];
    for (const text of declined) expect(jsonPageLayout(text, PAGE_URL).ok, text).toBe(false);
  });

  it('refuses what parseSimpleJson refuses, and reads deep values it accepts', () => {
    for (const text of [page(file('1.0')).replace('["1.0","2.0"]', '["1.0",2]'), page(file('1.0')).replace('"1.1"', '"2.0"'), page(file('1.0')).slice(0, -1), `${page(file('1.0'))}x`]) {
      expect(jsonPageLayout(text, PAGE_URL).ok, text).toBe(false);
    }
    const deep = page(file('1.0', `,"x":${'{"url":1,"a":['.repeat(100)}${']}'.repeat(100)}`));
    expect(served(deep, '2.0')?.files.map((f) => f.filename)).toEqual(['demo_pkg-1.0.tar.gz']);
  });
});
