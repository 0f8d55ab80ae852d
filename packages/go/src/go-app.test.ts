import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_SETTINGS, type Rule } from '@palisade/core';
import { createCache, MemoryStore } from '@palisade/cache';
import { createUpstreamClient, type PolicyView } from '@palisade/http';
import { createGoApp } from './go-app.ts';
import { FakeModuleProxy } from './testing/fake-module-proxy.ts';

const flagged: Record<string, string[] | 'all'> = { 'example.com/lib': ['v1.2.0'], 'example.com/Upper': ['v0.2.0'], 'example.com/evil': 'all', 'example.com/newest-bad': ['v1.1.0'] };
const rule: Rule = {
  name: 'malicious-package',
  evaluate(ref) {
    const versions = flagged[ref.name];
    if (versions === undefined) return [];
    if (versions !== 'all' && (ref.version === undefined || !versions.includes(ref.version))) return [];
    return [{ rule: 'malicious-package', id: 'MAL-2099-0003', summary: `Malicious code in ${ref.name} (Go)`, url: 'https://osv.dev/vulnerability/MAL-2099-0003' }];
  },
};
const zip = (text: string) => new Uint8Array(Buffer.from(text));

function setup() {
  const upstream = new FakeModuleProxy();
  upstream.add('example.com/lib', [
    { version: 'v1.0.0', zip: zip('lib 1.0.0') },
    { version: 'v1.1.0', zip: zip('lib 1.1.0') },
    { version: 'v1.2.0', zip: zip('lib 1.2.0 (bad)') },
  ]);
  upstream.add('example.com/Upper', [{ version: 'v0.1.0', zip: zip('upper') }, { version: 'v0.2.0', zip: zip('upper bad') }]);
  upstream.add('example.com/evil', [{ version: 'v1.0.0', zip: zip('evil') }]);
  upstream.add('example.com/newest-bad', [{ version: 'v1.0.0', zip: zip('ok') }, { version: 'v1.1.0', zip: zip('bad') }]);
  const cache = createCache({ store: new MemoryStore({ maxBytes: 1 << 24 }), now: () => 1_000_000 });
  const view: PolicyView = { policy: { mode: 'enforce', rules: [rule] }, settings: DEFAULT_POLICY_SETTINGS, now: Date.now, revision: 'r1' };
  const client = (baseUrl: string) => createUpstreamClient({ ecosystem: 'go', baseUrl, fetch: upstream.fetch, retries: 0 });
  const app = createGoApp({ upstream: client(upstream.proxy), sumdb: { name: 'sum.test', client: client(upstream.sumdb) }, cache, policy: () => view, clock: () => 0 });
  const get = (path: string) => app.request(`http://palisade.test${path}`);
  return { upstream, get };
}

describe('createGoApp: versions', () => {
  it('removes denied versions from @v/list and caches the list', async () => {
    const { get, upstream } = setup();
    const list = await get('/example.com/lib/@v/list');
    expect([list.status, list.headers.get('X-Proxy-Type'), list.headers.get('X-Cache'), await list.text()]).toEqual([200, 'go', 'MISS', 'v1.0.0\nv1.1.0\n']);
    expect((await get('/example.com/lib/@v/list')).headers.get('X-Cache')).toBe('HIT');
    expect(upstream.requests.filter((url) => url.endsWith('/@v/list'))).toHaveLength(1);
  });

  it('answers @latest with the upstream answer when allowed, else the highest allowed version', async () => {
    const { get } = setup();
    expect(await (await get('/example.com/lib/@latest')).json()).toMatchObject({ Version: 'v1.1.0' });
    expect(await (await get('/example.com/newest-bad/@latest')).json()).toMatchObject({ Version: 'v1.0.0' });
  });

  it('refuses the .info, .mod and .zip of a denied version with 403, the reason phrase and a short text body', async () => {
    const { get, upstream } = setup();
    for (const file of ['info', 'mod', 'zip']) {
      const response = await get(`/example.com/lib/@v/v1.2.0.${file}`);
      expect([response.status, response.statusText, response.headers.get('Content-Type')]).toEqual([403, 'Blocked by Palisade: go package example.com/lib@v1.2.0 blocked: MAL-2099-0003', 'text/plain; charset=utf-8']);
      const text = await response.text();
      expect(text).toContain('MAL-2099-0003');
      expect(text.trimEnd().split('\n').length).toBeLessThanOrEqual(8);
    }
    expect(upstream.requests.some((url) => url.includes('v1.2.0'))).toBe(false);
  });

  it('serves an allowed zip, .mod and .info from the cache, and a case-encoded module path either way', async () => {
    const { get } = setup();
    const first = await get('/example.com/lib/@v/v1.1.0.zip');
    expect([first.status, first.headers.get('Content-Type'), Buffer.from(await first.arrayBuffer()).toString()]).toEqual([200, 'application/zip', 'lib 1.1.0']);
    expect((await get('/example.com/lib/@v/v1.1.0.zip')).headers.get('X-Cache')).toBe('HIT');
    expect(await (await get('/example.com/lib/@v/v1.1.0.mod')).text()).toBe('module example.com/lib\n');
    expect(await (await get('/example.com/%21upper/@v/list')).text()).toBe('v0.1.0\n');
    expect((await get('/example.com/!upper/@v/v0.2.0.zip')).status).toBe(403);
    expect((await get('/example.com/Upper/@v/list')).status).toBe(400);
  });

  it('refuses every file of a wholly flagged module before asking the upstream, and passes 404s through', async () => {
    const { get, upstream } = setup();
    expect((await get('/example.com/evil/@v/list')).status).toBe(403);
    expect((await get('/example.com/evil/@latest')).status).toBe(403);
    expect(upstream.requests.some((url) => url.includes('/evil/'))).toBe(false);
    expect((await get('/example.com/@v/list')).status).toBe(404);
  });

  it('answers 502 for a malformed .info from the upstream, and keeps nothing', async () => {
    const { get, upstream } = setup();
    upstream.rawAnswers.set('/example.com/lib/@v/v1.0.0.info', { status: 200, body: '{"Version": ' });
    for (let i = 0; i < 2; i++) expect((await get('/example.com/lib/@v/v1.0.0.info')).status).toBe(502);
    expect(upstream.requests.filter((url) => url.endsWith('v1.0.0.info'))).toHaveLength(2);
  });
});

describe('createGoApp: the checksum database', () => {
  it('says it proxies the configured database, and passes its lookups, tiles and latest through, cached', async () => {
    const { get, upstream } = setup();
    expect((await get('/sumdb/sum.test/supported')).status).toBe(200);
    expect((await get('/sumdb/sum.golang.org/supported')).status).toBe(404);
    const lookup = await get('/sumdb/sum.test/lookup/example.com/lib@v1.1.0');
    expect([lookup.status, await lookup.text()]).toEqual([200, 'answer for /lookup/example.com/lib@v1.1.0']);
    expect((await get('/sumdb/sum.test/lookup/example.com/lib@v1.1.0')).headers.get('X-Cache')).toBe('HIT');
    expect(await (await get('/sumdb/sum.test/tile/8/0/000')).text()).toBe('answer for /tile/8/0/000');
    expect((await get('/sumdb/sum.test/latest')).status).toBe(200);
    expect(upstream.requests.filter((url) => url.includes('/lookup/'))).toHaveLength(1);
  });
});
