import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_SETTINGS, type Rule } from '@palisade/core';
import { createCache, MemoryStore } from '@palisade/cache';
import { createUpstreamClient, type PolicyView } from '@palisade/http';
import { createPypiApp } from './pypi-app.ts';
import { FakeIndex } from './testing/fake-index.ts';

const flagged: Record<string, string[] | 'all'> = { demo: ['2.0.0'], 'all-bad': 'all' };
const rule: Rule = {
  name: 'malicious-package',
  evaluate(ref) {
    const versions = flagged[ref.name];
    if (versions === undefined) return [];
    if (versions !== 'all' && (ref.version === undefined || !versions.includes(ref.version))) return [];
    return [{ rule: 'malicious-package', id: 'MAL-2099-0002', summary: `Malicious code in ${ref.name} (PyPI)`, url: 'https://osv.dev/vulnerability/MAL-2099-0002' }];
  },
};
const bytes = (text: string) => new Uint8Array(Buffer.from(text));
const JSON_ACCEPT = 'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html; q=0.1, text/html; q=0.01';
const FILES = 'https://palisade.test/pypi/files/';

function setup(options: { htmlOnly?: boolean } = {}) {
  const index = new FakeIndex();
  index.htmlOnly = options.htmlOnly ?? false;
  index.add('demo', [
    { filename: 'demo-1.0.0.tar.gz', bytes: bytes('sdist one') },
    { filename: 'demo-1.0.0-py3-none-any.whl', bytes: bytes('wheel one'), metadata: 'Metadata-Version: 2.1\nName: demo\nVersion: 1.0.0\n' },
    { filename: 'demo-2.0.0-py3-none-any.whl', bytes: bytes('evil wheel') },
    { filename: 'demo-1.5.0.tar.gz', bytes: bytes('elsewhere'), host: 'evil.example' },
    { filename: 'demo-latest.zip', bytes: bytes('no version') },
  ]);
  index.add('all-bad', [{ filename: 'all_bad-1.0.0-py3-none-any.whl', bytes: bytes('x') }]);
  index.add('tampered', [{ filename: 'tampered-1.0.0.tar.gz', bytes: bytes('real'), tampered: true }]);
  const logged: string[] = [];
  const cache = createCache({ store: new MemoryStore({ maxBytes: 1 << 24 }), now: () => 1_000_000 });
  const view: PolicyView = { policy: { mode: 'enforce', rules: [rule] }, settings: DEFAULT_POLICY_SETTINGS, now: Date.now, revision: 'r1' };
  const client = (baseUrl: string) => createUpstreamClient({ ecosystem: 'pypi', baseUrl, fetch: index.fetch, retries: 0 });
  const app = createPypiApp({
    index: client(index.index),
    jsonApi: client(index.jsonApi),
    files: [client(index.filesOrigin)],
    cache,
    policy: () => view,
    publicUrl: 'https://palisade.test/pypi/',
    clock: () => 0,
    log: (event) => logged.push(event),
  });
  const get = (path: string, headers: Record<string, string> = {}) => app.request(`https://palisade.test${path}`, { headers });
  return { index, get, logged };
}

describe('createPypiApp: project pages', () => {
  it.each([false, true])('answers pip in JSON without the denied version, links pointed at Palisade (HTML-only upstream: %s)', async (htmlOnly) => {
    const { get, logged } = setup({ htmlOnly });
    const response = await get('/simple/demo/', { accept: JSON_ACCEPT });
    expect([response.status, response.headers.get('Content-Type'), response.headers.get('Vary'), response.headers.get('X-Proxy-Type'), response.headers.get('X-Cache')]).toEqual([
      200,
      'application/vnd.pypi.simple.v1+json',
      'Accept, Accept-Encoding',
      'pypi',
      'MISS',
    ]);
    const page = (await response.json()) as { files: { filename: string; url: string; hashes: Record<string, string>; 'requires-python'?: string; 'core-metadata'?: unknown }[] };
    expect(page.files.map((file) => file.filename)).toEqual(['demo-1.0.0.tar.gz', 'demo-1.0.0-py3-none-any.whl', 'demo-latest.zip']);
    expect(page.files[0]?.url).toBe(`${FILES}demo/files.test/packages/demo-1.0.0.tar.gz`);
    expect(page.files[1]?.hashes.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(page.files[1]?.['requires-python']).toBe('>=3.8');
    expect(page.files[1]?.['core-metadata']).toEqual({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(logged).toEqual(expect.arrayContaining(['pypi-version-unreadable', 'pypi-files-dropped']));
  });

  it('answers an old client in HTML, with hashes as fragments, and caches the upstream page once', async () => {
    const { get, index } = setup();
    const response = await get('/simple/demo/', { accept: 'text/html' });
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain(`href="${FILES}demo/files.test/packages/demo-1.0.0.tar.gz#sha256=`);
    expect(html).not.toContain('demo-2.0.0');
    expect(html).toContain('data-requires-python="&gt;=3.8"');
    expect((await get('/simple/demo/', { accept: JSON_ACCEPT })).headers.get('X-Cache')).toBe('HIT');
    expect(index.requests.filter((request) => request.url.endsWith('/simple/demo/'))).toHaveLength(1);
  });

  it('redirects a name that is not normalised, refuses a wholly flagged project, answers 406 and 404', async () => {
    const { get } = setup();
    const redirect = await get('/simple/Demo_Project/');
    expect([redirect.status, redirect.headers.get('Location')]).toEqual([301, 'https://palisade.test/pypi/simple/demo-project/']);
    const blocked = await get('/simple/all-bad/', { accept: JSON_ACCEPT });
    expect([blocked.status, blocked.statusText, blocked.headers.get('X-Palisade-Decision'), blocked.headers.get('X-Palisade-Reason')]).toEqual([
      403,
      'Blocked by Palisade: pypi package all-bad blocked: MAL-2099-0002',
      'blocked',
      'MAL-2099-0002',
    ]);
    expect((await get('/simple/demo/', { accept: 'application/xml' })).status).toBe(406);
    expect((await get('/simple/unknown/', { accept: JSON_ACCEPT })).status).toBe(404);
  });
});

describe('createPypiApp: what the index sends', () => {
  it.each([
    ['truncated JSON', 'application/vnd.pypi.simple.v1+json', '{"meta": {"api-version": "1.1"}, "name": "broken", "files": ['],
    ['JSON of the wrong shape', 'application/vnd.pypi.simple.v1+json', '{"meta": {"api-version": "1.1"}, "name": "broken", "files": [{"filename": 7}]}'],
    ['an API version Palisade does not speak', 'application/vnd.pypi.simple.v1+json', '{"meta": {"api-version": "2.0"}, "name": "broken", "files": []}'],
  ])('answers 502 with a reason for %s, and serves no file of the page', async (_, contentType, body) => {
    const { get, index } = setup();
    index.rawPages.set('broken', { contentType, body });
    const response = await get('/simple/broken/', { accept: JSON_ACCEPT });
    expect([response.status, response.headers.get('X-Palisade-Error')]).toEqual([502, 'upstream-malformed']);
    expect(await response.text()).toContain('malformed page for "broken"');
    expect((await get('/files/broken/files.test/packages/broken-1.0.tar.gz')).status).toBe(502);
    // Nothing malformed was kept: each request asked the index again.
    expect(index.requests.filter((request) => request.url.endsWith('/simple/broken/'))).toHaveLength(2);
  });
});

describe('createPypiApp: the project list', () => {
  it('passes the root index through as the index sent it, cached, and answers 406 for a form the index does not have', async () => {
    const { get, index } = setup();
    const first = await get('/simple/', { accept: 'text/html' });
    const body = await first.text();
    expect([first.status, first.headers.get('Content-Type'), first.headers.get('X-Cache'), first.headers.get('X-Proxy-Type')]).toEqual([200, 'text/html; charset=utf-8', 'MISS', 'pypi']);
    expect(body).toContain('<a href="/simple/demo/">demo</a>');
    const second = await get('/simple/', { accept: 'text/html' });
    expect([second.headers.get('X-Cache'), await second.text()]).toEqual(['HIT', body]);
    expect(index.requests.filter((request) => request.url.endsWith('/simple/'))).toHaveLength(1);
    expect((await get('/simple/', { accept: 'application/vnd.pypi.simple.v1+json' })).status).toBe(406);
  });
});

describe('createPypiApp: files', () => {
  it('serves a listed file verified, its PEP 658 metadata too, and refuses a denied version with its reason', async () => {
    const { get } = setup();
    const file = await get('/files/demo/files.test/packages/demo-1.0.0-py3-none-any.whl');
    expect([file.status, Buffer.from(await file.arrayBuffer()).toString(), file.headers.get('X-Cache')]).toEqual([200, 'wheel one', 'MISS']);
    const metadata = await get('/files/demo/files.test/packages/demo-1.0.0-py3-none-any.whl.metadata');
    expect([metadata.status, await metadata.text()]).toEqual([200, 'Metadata-Version: 2.1\nName: demo\nVersion: 1.0.0\n']);
    const denied = await get('/files/demo/files.test/packages/demo-2.0.0-py3-none-any.whl');
    expect([denied.status, denied.statusText, denied.headers.get('Content-Type')]).toEqual([403, 'Blocked by Palisade: pypi package demo@2.0.0 blocked: MAL-2099-0002', 'text/plain; charset=utf-8']);
    expect(await denied.text()).toContain('MAL-2099-0002');
  });

  it('refuses a file the page does not list, a host not allowed, a hostile path and a tampered file', async () => {
    const { get, index } = setup();
    expect((await get('/files/demo/files.test/packages/other-1.0.tar.gz')).status).toBe(404);
    expect((await get('/files/demo/evil.example/packages/demo-1.5.0.tar.gz')).status).toBe(404);
    // The URL parser resolves %2e%2e before any route sees it: what is left is not listed.
    expect((await get('/files/demo/files.test/packages/%2e%2e/x.whl')).status).toBe(404);
    expect((await get('/files/demo/files.test/packages/a%2f..%2fb.whl')).status).toBe(400);
    expect((await get('/files/demo/files.test/packages/a%00.whl')).status).toBe(400);
    expect(index.requests.some((request) => request.url.includes('x.whl') || request.url.includes('b.whl') || request.url.includes('%00'))).toBe(false);
    const tampered = await get('/files/tampered/files.test/packages/tampered-1.0.0.tar.gz');
    expect([tampered.status, tampered.headers.get('X-Palisade-Error')]).toEqual([502, 'upstream-integrity']);
  });
});

describe('createPypiApp: the JSON API', () => {
  it('removes denied releases and re-points info.version', async () => {
    const { get } = setup();
    const response = await get('/pypi/demo/json');
    const document = (await response.json()) as { info: { version: string }; releases: Record<string, { url: string }[]> };
    expect(Object.keys(document.releases)).toEqual(['0', '1.0.0', '1.5.0']);
    expect(document.info.version).toBe('1.5.0');
    expect(document.releases['1.0.0']?.[0]?.url).toBe(`${FILES}demo/files.test/packages/demo-1.0.0.tar.gz`);
    expect(document.releases['1.5.0']).toEqual([]);
    expect((await get('/pypi/demo/2.0.0/json')).status).toBe(403);
  });
});
