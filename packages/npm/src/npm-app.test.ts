import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_SETTINGS, type Mode, type Rule } from '@palisade/core';
import { createCache, MemoryStore } from '@palisade/cache';
import { createUpstreamClient, type PolicyView } from '@palisade/http';
import { createNpmApp } from './npm-app.ts';
import { FakeRegistry } from './testing/fake-registry.ts';

const flagged: Record<string, string[] | 'all'> = { 'evil-dep': ['1.2.0'], 'all-bad': 'all', '@scope/pkg': ['2.0.0'], 'odd-versions': ['3.0.0'] };
const rule: Rule = {
  name: 'malicious-package',
  evaluate(ref) {
    const versions = flagged[ref.name];
    if (versions === undefined) return [];
    if (versions !== 'all' && (ref.version === undefined || !versions.includes(ref.version))) return [];
    return [{ rule: 'malicious-package', id: 'MAL-2099-0001', summary: `Malicious code in ${ref.name} (npm)`, url: 'https://osv.dev/vulnerability/MAL-2099-0001' }];
  },
};

function setup(options: { mode?: Mode; unavailable?: string; metadataTtl?: number } = {}) {
  const registry = new FakeRegistry();
  const bytes = (text: string) => new Uint8Array(Buffer.from(text));
  registry.add('evil-dep', [{ version: '1.0.0', tarball: bytes('one') }, { version: '1.1.0', tarball: bytes('one-one') }, { version: '1.2.0', tarball: bytes('bad') }]);
  registry.add('all-bad', [{ version: '1.0.0', tarball: bytes('x') }]);
  registry.add('@scope/pkg', [{ version: '1.0.0', tarball: bytes('scoped') }, { version: '2.0.0', tarball: bytes('scoped-bad') }]);
  registry.add('tampered', [{ version: '1.0.0', tarball: bytes('real'), tampered: true }]);
  let clock = 1_000_000;
  const cache = createCache({ store: new MemoryStore({ maxBytes: 1 << 24 }), now: () => clock, ttlSeconds: { 'npm-metadata': options.metadataTtl ?? 3600 } });
  const view: PolicyView = { policy: { mode: options.mode ?? 'enforce', rules: [rule] }, settings: DEFAULT_POLICY_SETTINGS, now: Date.now, revision: 'r1', unavailable: options.unavailable };
  const app = createNpmApp({
    upstream: createUpstreamClient({ ecosystem: 'npm', baseUrl: registry.base, fetch: registry.fetch, retries: 0 }),
    cache,
    policy: () => view,
    publicUrl: 'https://palisade.test/npm/',
    clock: () => clock / 1000,
  });
  const get = (path: string, headers: Record<string, string> = {}) => app.request(`http://palisade.test${path}`, { headers });
  return { registry, app, get, advance: (ms: number) => (clock += ms) };
}

describe('createNpmApp: packuments', () => {
  it('removes denied versions, re-points latest, rewrites tarball URLs and caches the answer', async () => {
    const { get, registry } = setup();
    const first = await get('/evil-dep', { accept: 'application/json' });
    expect(first.status).toBe(200);
    expect(first.headers.get('X-Proxy-Type')).toBe('npm');
    expect(first.headers.get('X-Cache')).toBe('MISS');
    const doc = (await first.json()) as { versions: Record<string, { dist: { tarball: string } }>; 'dist-tags': Record<string, string>; time: Record<string, string> };
    expect(Object.keys(doc.versions)).toEqual(['1.0.0', '1.1.0']);
    expect(doc['dist-tags']['latest']).toBe('1.1.0');
    expect(doc.time['1.2.0']).toBeUndefined();
    expect(doc.versions['1.1.0']?.dist.tarball).toBe('https://palisade.test/npm/evil-dep/-/evil-dep-1.1.0.tgz');
    const second = await get('/evil-dep', { accept: 'application/json' });
    expect(second.headers.get('X-Cache')).toBe('HIT');
    expect(registry.requests.filter((request) => request.url.endsWith('/evil-dep'))).toHaveLength(1);
  });

  it('filters a packument only a parse reads right (a version named "1") all the same', async () => {
    const { get, registry } = setup();
    const tarball = new Uint8Array(Buffer.from('odd'));
    registry.add('odd-versions', [{ version: '2.0.0', tarball }, { version: '1', tarball }, { version: '3.0.0', tarball }]);
    const doc = (await (await get('/odd-versions')).json()) as { versions: Record<string, { dist: { tarball: string } }>; 'dist-tags': Record<string, string> };
    expect(Object.keys(doc.versions)).toEqual(['1', '2.0.0']);
    expect(doc['dist-tags']).toEqual({ latest: '2.0.0' });
    expect(doc.versions['1']?.dist.tarball).toBe('https://palisade.test/npm/odd-versions/-/odd-versions-1.tgz');
  });

  it('serves full and abbreviated packuments as separate entries, gzipped when asked', async () => {
    const { get, registry } = setup();
    await get('/evil-dep', { accept: 'application/json' });
    const ask = () => get('/evil-dep', { accept: 'application/vnd.npm.install-v1+json', 'accept-encoding': 'gzip' });
    const first = await ask();
    expect(first.headers.get('Content-Type')).toBe('application/vnd.npm.install-v1+json');
    const identity = Buffer.from(await first.arrayBuffer());
    // The compressed form is made once, in the background; identity bytes are sent until it is there.
    let compressed = await ask();
    for (let attempt = 0; attempt < 100 && compressed.headers.get('Content-Encoding') !== 'gzip'; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      compressed = await ask();
    }
    expect(compressed.headers.get('Content-Encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await compressed.arrayBuffer())).equals(first.headers.get('Content-Encoding') === 'gzip' ? gunzipSync(identity) : identity)).toBe(true);
    expect(registry.requests.map((request) => request.accept)).toEqual(['application/json', 'application/vnd.npm.install-v1+json']);
  });

  it('accepts scoped names in every encoding', async () => {
    const { get } = setup();
    for (const path of ['/@scope%2fpkg', '/@scope%2Fpkg', '/@scope/pkg']) {
      const response = await get(path);
      expect(response.status).toBe(200);
      const doc = (await response.json()) as { versions: Record<string, unknown> };
      expect(Object.keys(doc.versions)).toEqual(['1.0.0']);
    }
  });

  it('refuses a package whose every version is denied, without asking the registry', async () => {
    const { get, registry } = setup();
    const tarball = await get('/all-bad/-/all-bad-1.0.0.tgz');
    expect(tarball.status).toBe(403);
    expect(tarball.headers.get('X-Proxy-Type')).toBe('npm');
    expect(registry.requests).toEqual([]);
    const response = await get('/all-bad');
    expect(response.status).toBe(403);
    expect(response.statusText).toContain('Blocked by Palisade');
    expect(response.headers.get('X-Palisade-Decision')).toBe('blocked');
    expect(response.headers.get('X-Palisade-Reason')).toBe('MAL-2099-0001');
    expect(((await response.json()) as { error: string }).error).toContain('MAL-2099-0001');
  });

  it('answers 502 with a reason when the registry sends malformed JSON', async () => {
    const { get, registry } = setup();
    registry.malformed.add('evil-dep');
    const response = await get('/evil-dep');
    expect(response.status).toBe(502);
    expect(((await response.json()) as { error: string }).error).toMatch(/not a JSON object/);
  });

  it('serves stale metadata when the registry fails after the TTL', async () => {
    const { get, registry, advance } = setup({ metadataTtl: 60 });
    await get('/evil-dep');
    advance(120_000);
    registry.down = true;
    const response = await get('/evil-dep');
    expect(response.status).toBe(200);
    expect(response.headers.get('X-Cache')).toBe('STALE');
  });

  it('refuses with 503 in enforce mode and serves unchecked in audit mode while no database is loaded', async () => {
    const refused = await setup({ unavailable: 'loading' }).get('/evil-dep');
    expect(refused.status).toBe(503);
    const audited = await setup({ mode: 'audit', unavailable: 'loading' }).get('/evil-dep');
    expect(audited.status).toBe(200);
    expect(audited.headers.get('X-Palisade-Decision')).toBe('unchecked');
  });

  it('keeps every version in audit mode and says what it would have removed', async () => {
    const response = await setup({ mode: 'audit' }).get('/evil-dep');
    const doc = (await response.json()) as { versions: Record<string, unknown> };
    expect(Object.keys(doc.versions)).toEqual(['1.0.0', '1.1.0', '1.2.0']);
    expect(response.headers.get('X-Palisade-Decision')).toBe('audit');
  });
});

describe('createNpmApp: tarballs, versions, writes, audits', () => {
  it('serves a safe tarball verified and refuses a denied one with its reasons', async () => {
    const { get } = setup();
    const safe = await get('/evil-dep/-/evil-dep-1.1.0.tgz');
    expect(safe.status).toBe(200);
    expect(await safe.text()).toBe('one-one');
    const denied = await get('/evil-dep/-/evil-dep-1.2.0.tgz');
    expect(denied.status).toBe(403);
    expect(denied.statusText).toBe('Blocked by Palisade: npm package evil-dep@1.2.0 blocked: MAL-2099-0001');
  });

  it('refuses a tarball whose bytes do not match the published integrity, and keeps nothing', async () => {
    const { get, registry } = setup();
    expect((await get('/tampered/-/tampered-1.0.0.tgz')).status).toBe(502);
    expect((await get('/tampered/-/tampered-1.0.0.tgz')).status).toBe(502);
    expect(registry.requests.filter((request) => request.url.endsWith('.tgz'))).toHaveLength(2);
  });

  it('answers 404 for a tarball the packument does not list', async () => {
    expect((await setup().get('/evil-dep/-/evil-dep-9.9.9.tgz')).status).toBe(404);
  });

  it('serves version documents and refuses denied versions by name', async () => {
    const { get } = setup();
    const latest = await get('/evil-dep/latest');
    expect(((await latest.json()) as { version: string }).version).toBe('1.1.0');
    expect((await get('/evil-dep/1.2.0')).status).toBe(403);
    expect((await get('/evil-dep/7.0.0')).status).toBe(404);
  });

  it('answers HEAD wherever it answers GET, without a body', async () => {
    const { app } = setup();
    for (const path of ['/evil-dep', '/evil-dep/-/evil-dep-1.1.0.tgz', '/evil-dep/latest']) {
      const response = await app.request(`http://palisade.test${path}`, { method: 'HEAD' });
      expect(response.status).toBe(200);
      expect(response.headers.get('X-Proxy-Type')).toBe('npm');
      expect(await response.text()).toBe('');
    }
    expect((await app.request('http://palisade.test/evil-dep/-/evil-dep-1.2.0.tgz', { method: 'HEAD' })).status).toBe(403);
  });

  it('passes search and ping through to the registry, uncached, keeping only safe headers', async () => {
    const { get, registry } = setup();
    const search = await get('/-/v1/search?text=evil&size=2');
    expect(await search.json()).toEqual({ echo: '-/v1/search?text=evil&size=2' });
    expect(search.headers.get('X-Cache')).toBe('BYPASS');
    expect(search.headers.get('Set-Cookie')).toBeNull();
    expect((await get('/-/ping')).status).toBe(200);
    await get('/-/ping');
    expect(registry.requests.filter((request) => request.url.endsWith('-/ping'))).toHaveLength(2);
  });

  it('refuses writes with 405 and hostile paths with 400', async () => {
    const { app, get } = setup();
    expect((await app.request('http://palisade.test/evil-dep', { method: 'PUT', body: '{}' })).status).toBe(405);
    expect((await get('/%2e%2e%2fetc')).status).toBe(400);
    expect((await get('/evil%00dep')).status).toBe(400);
  });

  it('adds an advisory for each flagged version to the bulk audit, also when the registry fails', async () => {
    const { app, registry } = setup();
    const audit = () => app.request('http://palisade.test/-/npm/v1/security/advisories/bulk', { method: 'POST', body: JSON.stringify({ 'evil-dep': ['1.2.0', '1.1.0'], other: ['1.0.0'] }), headers: { 'content-type': 'application/json' } });
    const body = (await (await audit()).json()) as Record<string, { url: string; severity: string }[]>;
    expect(body['evil-dep']?.[0]?.severity).toBe('critical');
    expect(body['evil-dep']?.[0]?.url).toContain('MAL-2099-0001');
    expect(body['other']).toBeUndefined();
    registry.down = true;
    const fallback = (await (await audit()).json()) as Record<string, unknown[]>;
    expect(fallback['evil-dep']).toHaveLength(1);
  });
});
