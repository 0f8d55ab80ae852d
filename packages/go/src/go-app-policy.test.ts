import { describe, expect, it } from 'vitest';
import { parsePolicySettings, type Rule } from '@palisade/core';
import { createCache, MemoryStore } from '@palisade/cache';
import { createUpstreamClient, type PolicyView } from '@palisade/http';
import { createGoApp } from './go-app.ts';
import { FakeModuleProxy } from './testing/fake-module-proxy.ts';

// The operator's policy settings through the Go adapter: cooldown, allow, deny, internal names, per-package modes.

const HOUR = 3_600_000;
const NOW = Date.UTC(2025, 5, 1);
const iso = (ms: number) => new Date(ms).toISOString();
const PSEUDO = 'v0.0.0-20250531230000-abcdef123456'; // made 1 hour before NOW
const rule: Rule = {
  name: 'malicious-package',
  evaluate: (ref) => (ref.name === 'example.com/flagged' && ref.version === 'v1.1.0' ? [{ rule: 'malicious-package', id: 'MAL-2099-0004', summary: 'Malicious code' }] : []),
};
const zip = (text: string) => new Uint8Array(Buffer.from(text));

function setup(settings: unknown) {
  const parsed = parsePolicySettings(settings);
  if (!parsed.ok) throw new Error(parsed.error);
  const upstream = new FakeModuleProxy();
  upstream.add('example.com/fresh', [
    { version: 'v1.0.0', zip: zip('old'), time: iso(NOW - 30 * 24 * HOUR) },
    { version: 'v1.1.0', zip: zip('newer'), time: iso(NOW - 10 * HOUR) },
    { version: 'v1.2.0', zip: zip('newest'), time: iso(NOW - HOUR) },
  ]);
  upstream.add('example.com/untagged', [{ version: PSEUDO, zip: zip('commit') }]);
  upstream.add('example.com/flagged', [{ version: 'v1.0.0', zip: zip('ok'), time: iso(NOW - 100 * HOUR) }, { version: 'v1.1.0', zip: zip('bad'), time: iso(NOW - 100 * HOUR) }]);
  upstream.add('example.com/twin', [{ version: 'v1.0.0', zip: zip('twin'), time: iso(NOW - 100 * HOUR) }, { version: 'v1.1.0', zip: zip('twin too'), time: iso(NOW - 100 * HOUR) }]);
  upstream.add('corp.example/internal', [{ version: 'v1.0.0', zip: zip('public squatter') }]);
  const clock = { now: NOW };
  const view: PolicyView = { policy: { mode: 'enforce', rules: [rule] }, settings: parsed.value, now: () => clock.now, revision: 'r1' };
  const client = (baseUrl: string) => createUpstreamClient({ ecosystem: 'go', baseUrl, fetch: upstream.fetch, retries: 0 });
  const cache = createCache({ store: new MemoryStore({ maxBytes: 1 << 24 }), now: () => clock.now });
  const app = createGoApp({ upstream: client(upstream.proxy), sumdb: { name: 'sum.test', client: client(upstream.sumdb) }, cache, policy: () => view, clock: () => 0 });
  const get = (path: string) => app.request(`http://palisade.test${path}`);
  const infoRequests = () => upstream.requests.filter((url) => url.endsWith('.info')).map((url) => url.slice(url.lastIndexOf('/') + 1));
  return { upstream, get, clock, infoRequests };
}

describe('createGoApp: the release-age cooldown', () => {
  it("leaves young versions out of the list, reading each version's .info once", async () => {
    const { get, infoRequests } = setup({ cooldown: { go: 48 } });
    expect(await (await get('/example.com/fresh/@v/list')).text()).toBe('v1.0.0\n');
    expect(await (await get('/example.com/fresh/@v/list')).text()).toBe('v1.0.0\n');
    expect(infoRequests().sort()).toEqual(['v1.0.0.info', 'v1.1.0.info', 'v1.2.0.info']);
  });

  it('reads nothing more without a cooldown', async () => {
    const { get, infoRequests } = setup({ cooldown: { npm: 48 } });
    expect(await (await get('/example.com/fresh/@v/list')).text()).toBe('v1.0.0\nv1.1.0\nv1.2.0\n');
    expect(infoRequests()).toEqual([]);
  });

  it('lists each version once it comes of age, by the clock', async () => {
    const { get, clock } = setup({ cooldown: { go: 24 } });
    expect(await (await get('/example.com/fresh/@v/list')).text()).toBe('v1.0.0\n');
    clock.now += 14 * HOUR - 1;
    expect(await (await get('/example.com/fresh/@v/list')).text()).toBe('v1.0.0\n');
    clock.now += 1;
    expect(await (await get('/example.com/fresh/@v/list')).text()).toBe('v1.0.0\nv1.1.0\n');
  });

  it('refuses the .info, .mod and .zip of a young version, naming the cooldown, and never fetches its zip', async () => {
    const { get, upstream } = setup({ cooldown: { go: 48 } });
    for (const file of ['info', 'mod', 'zip']) {
      const response = await get(`/example.com/fresh/@v/v1.2.0.${file}`);
      expect([file, response.status, response.headers.get('X-Palisade-Reason')]).toEqual([file, 403, 'release-age:48h']);
      expect(await response.text()).toContain('published 1 h ago, less than the 48 h cooldown');
    }
    expect((await get('/example.com/fresh/@v/v1.0.0.zip')).status).toBe(200);
    expect(upstream.requests.some((url) => url.endsWith('v1.2.0.zip') || url.endsWith('v1.2.0.mod'))).toBe(false);
  });

  it('answers @latest with the newest version old enough', async () => {
    const { get } = setup({ cooldown: { go: 48 } });
    expect(await (await get('/example.com/fresh/@latest')).json()).toMatchObject({ Version: 'v1.0.0' });
  });

  it('reads a pseudo-version’s time from the version itself, without its .info', async () => {
    const { get, infoRequests } = setup({ cooldown: { go: 2 } });
    const response = await get(`/example.com/untagged/@v/${PSEUDO}.zip`);
    expect([response.status, response.headers.get('X-Palisade-Reason')]).toEqual([403, 'release-age:2h']);
    expect(infoRequests()).toEqual([]);
  });

  it('follows the configured choice for a version whose .info has no time', async () => {
    const { get, upstream } = setup({ cooldown: { go: 48, unknownPublishTime: 'deny' } });
    upstream.rawAnswers.set('/example.com/fresh/@v/v1.0.0.info', { status: 200, body: '{"Version": "v1.0.0"}' });
    const response = await get('/example.com/fresh/@v/v1.0.0.zip');
    expect([response.status, response.headers.get('X-Palisade-Reason')]).toEqual([403, 'release-age:unknown-publish-time']);
  });
});

describe('createGoApp: allow, deny and internal entries, per-package modes', () => {
  it("keeps each module's own decisions when two modules publish the very same list", async () => {
    const { get } = setup({});
    expect(await (await get('/example.com/flagged/@v/list')).text()).toBe('v1.0.0\n');
    expect(await (await get('/example.com/twin/@v/list')).text()).toBe('v1.0.0\nv1.1.0\n');
  });


  it('lets a flagged version through an allow entry, and blocks what a deny entry names', async () => {
    const { get } = setup({
      allow: [{ ecosystem: 'go', package: 'example.com/flagged', versions: 'v1.1.0', reason: 'reviewed' }],
      deny: [{ ecosystem: 'go', package: 'example.com/fresh', versions: '>=v1.1.0', reason: 'not approved yet' }],
    });
    expect(await (await get('/example.com/flagged/@v/list')).text()).toBe('v1.0.0\nv1.1.0\n');
    expect((await get('/example.com/flagged/@v/v1.1.0.zip')).status).toBe(200);
    expect(await (await get('/example.com/fresh/@v/list')).text()).toBe('v1.0.0\n');
    const denied = await get('/example.com/fresh/@v/v1.2.0.zip');
    expect([denied.status, denied.headers.get('X-Palisade-Reason')]).toEqual([403, 'deny:go:example.com/fresh']);
    expect(await denied.text()).toContain('not approved yet');
  });

  it('lets an allow entry override the cooldown', async () => {
    const { get } = setup({ cooldown: { go: 48 }, allow: [{ ecosystem: 'go', package: 'example.com/fresh', reason: 'our own module' }] });
    expect(await (await get('/example.com/fresh/@v/list')).text()).toBe('v1.0.0\nv1.1.0\nv1.2.0\n');
  });

  it.each(['enforce', 'audit'] as const)('in %s mode, refuses an internal module without asking the upstream', async (mode) => {
    const { get, upstream } = setup({ internal: [{ ecosystem: 'go', package: 'corp.example/*' }], modes: [{ ecosystem: 'go', package: 'corp.example/*', mode }] });
    for (const path of ['/corp.example/internal/@v/list', '/corp.example/internal/@latest', '/corp.example/internal/@v/v1.0.0.zip']) {
      const response = await get(path);
      expect([path, response.status, response.headers.get('X-Palisade-Reason')]).toEqual([path, 403, 'internal:go:corp.example/*']);
      expect(await response.text()).toContain('declared internal (corp.example/*) and is never fetched from the public go registry');
    }
    expect(upstream.requests).toEqual([]);
  });

  it('serves a flagged version of a module in audit mode, marked audited', async () => {
    const { get } = setup({ modes: [{ ecosystem: 'go', package: 'example.com/flagged', mode: 'audit' }] });
    const list = await get('/example.com/flagged/@v/list');
    expect([await list.text(), list.headers.get('X-Palisade-Decision'), list.headers.get('X-Palisade-Reason')]).toEqual(['v1.0.0\nv1.1.0\n', 'audit', 'MAL-2099-0004']);
    const response = await get('/example.com/flagged/@v/v1.1.0.zip');
    expect([response.status, response.headers.get('X-Palisade-Decision'), response.headers.get('X-Palisade-Reason')]).toEqual([200, 'audit', 'MAL-2099-0004']);
  });
});
