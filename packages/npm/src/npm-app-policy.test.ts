import { describe, expect, it } from 'vitest';
import { parsePolicySettings, type PolicyDecision, type Rule } from '@palisade/core';
import { createCache, MemoryStore } from '@palisade/cache';
import { createUpstreamClient, type PolicyView } from '@palisade/http';
import { createNpmApp } from './npm-app.ts';
import { FakeRegistry } from './testing/fake-registry.ts';

// The operator's policy settings through the npm app: cooldown, allow, deny, internal names, per-package modes.

const HOUR = 3_600_000;
const NOW = Date.UTC(2025, 5, 1);
const FULL = { accept: 'application/json' };
const ABBREVIATED = { accept: 'application/vnd.npm.install-v1+json' };
const rule: Rule = {
  name: 'malicious-package',
  evaluate: (ref) => (ref.name === 'flagged' && ref.version === '1.1.0' ? [{ rule: 'malicious-package', id: 'MAL-2099-0002', summary: 'Malicious code in flagged (npm)' }] : []),
};

function setup(settings: unknown) {
  const parsed = parsePolicySettings(settings);
  if (!parsed.ok) throw new Error(parsed.error);
  const registry = new FakeRegistry();
  const tarball = (text: string) => new Uint8Array(Buffer.from(text));
  registry.add('fresh', [
    { version: '1.0.0', tarball: tarball('old'), publishedAt: NOW - 30 * 24 * HOUR },
    { version: '1.1.0', tarball: tarball('newer'), publishedAt: NOW - 10 * HOUR },
    { version: '1.2.0', tarball: tarball('newest'), publishedAt: NOW - HOUR },
  ]);
  registry.add('flagged', [{ version: '1.0.0', tarball: tarball('ok') }, { version: '1.1.0', tarball: tarball('bad') }]);
  registry.add('timeless', [{ version: '1.0.0', tarball: tarball('no time'), publishedAt: null }]);
  registry.add('@corp/app', [{ version: '1.0.0', tarball: tarball('public squatter') }]);
  const clock = { now: NOW };
  const reported: PolicyDecision[] = [];
  const view: PolicyView = { policy: { mode: 'enforce', rules: [rule] }, settings: parsed.value, now: () => clock.now, revision: 'r1', report: (decision) => void reported.push(decision) };
  const app = createNpmApp({
    upstream: createUpstreamClient({ ecosystem: 'npm', baseUrl: registry.base, fetch: registry.fetch, retries: 0 }),
    cache: createCache({ store: new MemoryStore({ maxBytes: 1 << 24 }), now: () => clock.now }),
    policy: () => view,
    publicUrl: 'https://palisade.test/npm/',
    clock: () => 0,
  });
  const get = (path: string, headers: Record<string, string> = {}) => app.request(`http://palisade.test${path}`, { headers });
  const versionsOf = async (path: string, headers: Record<string, string>) => {
    const doc = (await (await get(path, headers)).json()) as { versions: Record<string, unknown>; 'dist-tags': Record<string, string>; time?: Record<string, string> };
    return { versions: Object.keys(doc.versions), latest: doc['dist-tags']['latest'], time: doc.time };
  };
  return { registry, app, get, versionsOf, clock, reported };
}

describe('createNpmApp: the release-age cooldown', () => {
  it('leaves versions younger than the cooldown out of the full packument, latest re-pointed', async () => {
    const { versionsOf } = setup({ cooldown: { npm: 48 } });
    const full = await versionsOf('/fresh', FULL);
    expect([full.versions, full.latest, Object.keys(full.time ?? {})]).toEqual([['1.0.0'], '1.0.0', ['1.0.0']]);
  });

  it('reads the times for an abbreviated packument from the full one, fetched once through the cache', async () => {
    const { versionsOf, registry } = setup({ cooldown: { npm: 48 } });
    expect(await versionsOf('/fresh', ABBREVIATED)).toEqual({ versions: ['1.0.0'], latest: '1.0.0', time: undefined });
    await versionsOf('/fresh', ABBREVIATED);
    await versionsOf('/fresh', FULL);
    expect(registry.requests.map((request) => request.accept)).toEqual([ABBREVIATED.accept, FULL.accept]);
  });

  it('lets each version in once it comes of age, by the clock', async () => {
    const { versionsOf, clock } = setup({ cooldown: { npm: 24 } });
    expect((await versionsOf('/fresh', ABBREVIATED)).versions).toEqual(['1.0.0']);
    clock.now += 14 * HOUR - 1;
    expect((await versionsOf('/fresh', ABBREVIATED)).versions).toEqual(['1.0.0']);
    clock.now += 1;
    expect(await versionsOf('/fresh', ABBREVIATED)).toMatchObject({ versions: ['1.0.0', '1.1.0'], latest: '1.1.0' });
    clock.now += 9 * HOUR;
    expect(await versionsOf('/fresh', ABBREVIATED)).toMatchObject({ versions: ['1.0.0', '1.1.0', '1.2.0'], latest: '1.2.0' });
  });

  it('refuses the tarball and the version document of a young version, naming the cooldown', async () => {
    const { get } = setup({ cooldown: { npm: 48 } });
    expect((await get('/fresh/-/fresh-1.0.0.tgz')).status).toBe(200);
    const tarball = await get('/fresh/-/fresh-1.2.0.tgz');
    expect([tarball.status, tarball.headers.get('X-Palisade-Decision'), tarball.headers.get('X-Palisade-Reason')]).toEqual([403, 'blocked', 'release-age:48h']);
    expect(tarball.statusText).toBe('Blocked by Palisade: npm package fresh@1.2.0 blocked: release-age:48h');
    expect(((await tarball.json()) as { error: string }).error).toContain('published 1 h ago, less than the 48 h cooldown');
    expect((await get('/fresh/1.1.0')).status).toBe(403);
    expect((await get('/fresh/9.9.9')).status).toBe(404);
  });

  it('refuses a package all of whose versions are young', async () => {
    const { get } = setup({ cooldown: { npm: 24 * 365 } });
    const response = await get('/fresh', FULL);
    expect([response.status, response.headers.get('X-Palisade-Reason')]).toEqual([403, 'release-age:8760h']);
  });

  it('follows the configured choice for a version without a publish time, and reports what it let through', async () => {
    const allowing = setup({ cooldown: { npm: 48 } });
    expect((await allowing.versionsOf('/timeless', FULL)).versions).toEqual(['1.0.0']);
    expect(allowing.reported.map((decision) => [decision.ref.version, decision.releaseAge?.kind])).toEqual([['1.0.0', 'unknown-time']]);
    const refusing = setup({ cooldown: { npm: 48, unknownPublishTime: 'deny' } });
    const response = await refusing.get('/timeless/-/timeless-1.0.0.tgz');
    expect([response.status, response.headers.get('X-Palisade-Reason')]).toEqual([403, 'release-age:unknown-publish-time']);
  });

  it('serves young versions in audit mode, marked audited', async () => {
    const { get, versionsOf } = setup({ cooldown: { npm: 48 }, modes: [{ ecosystem: 'npm', package: 'fresh', mode: 'audit' }] });
    expect((await versionsOf('/fresh', FULL)).versions).toEqual(['1.0.0', '1.1.0', '1.2.0']);
    const tarball = await get('/fresh/-/fresh-1.2.0.tgz');
    expect([tarball.status, tarball.headers.get('X-Palisade-Decision'), tarball.headers.get('X-Palisade-Reason')]).toEqual([200, 'audit', 'release-age:48h']);
  });

  it("reports no cooldown finding in an audit, only the feed's", async () => {
    const { app } = setup({ cooldown: { npm: 48 } });
    const body = JSON.stringify({ fresh: ['1.2.0'], flagged: ['1.1.0'] });
    const response = await app.request('http://palisade.test/-/npm/v1/security/advisories/bulk', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(Object.keys((await response.json()) as Record<string, unknown>)).toEqual(['flagged']);
  });
});

describe('createNpmApp: allow, deny and internal entries, per-package modes', () => {
  it('lets a flagged version through an allow entry, and blocks what a deny entry names', async () => {
    const { versionsOf, get } = setup({
      allow: [{ ecosystem: 'npm', package: 'flagged', versions: '1.1.0', reason: 'reviewed by security' }],
      deny: [{ ecosystem: 'npm', package: 'fresh', versions: '>=1.1.0', reason: 'not approved yet' }],
    });
    expect((await versionsOf('/flagged', FULL)).versions).toEqual(['1.0.0', '1.1.0']);
    expect((await get('/flagged/-/flagged-1.1.0.tgz')).status).toBe(200);
    expect(await versionsOf('/fresh', FULL)).toMatchObject({ versions: ['1.0.0'], latest: '1.0.0' });
    const denied = await get('/fresh/-/fresh-1.1.0.tgz');
    expect([denied.status, denied.headers.get('X-Palisade-Reason')]).toEqual([403, 'deny:npm:fresh']);
    expect(((await denied.json()) as { error: string }).error).toContain('not approved yet');
  });

  it('lets an allow entry override the cooldown', async () => {
    const { versionsOf } = setup({ cooldown: { npm: 48 }, allow: [{ ecosystem: 'npm', package: 'fresh', versions: '1.2.0', reason: 'urgent fix' }] });
    expect((await versionsOf('/fresh', FULL)).versions).toEqual(['1.0.0', '1.2.0']);
  });

  it.each(['enforce', 'audit'] as const)('in %s mode, refuses an internal name without asking the registry', async (mode) => {
    const { get, registry } = setup({ internal: [{ ecosystem: 'npm', package: '@corp/*' }], modes: [{ ecosystem: 'npm', package: '@corp/*', mode }] });
    for (const path of ['/@corp/app', '/@corp%2fapp', '/@corp/app/-/app-1.0.0.tgz', '/@corp/app/1.0.0', '/-/package/@corp/app/dist-tags']) {
      const response = await get(path, FULL);
      expect([path, response.status, response.headers.get('X-Palisade-Decision'), response.headers.get('X-Palisade-Reason')]).toEqual([path, 403, 'blocked', 'internal:npm:@corp/*']);
      expect(((await response.json()) as { error: string }).error).toContain('is declared internal (@corp/*) and is never fetched from the public npm registry');
    }
    expect(registry.requests).toEqual([]);
  });

  it('serves a flagged version of a package in audit mode, marked audited, while others stay enforced', async () => {
    const { get } = setup({ modes: [{ ecosystem: 'npm', package: 'flagged', mode: 'audit' }] });
    const tarball = await get('/flagged/-/flagged-1.1.0.tgz');
    expect([tarball.status, tarball.headers.get('X-Palisade-Decision'), tarball.headers.get('X-Palisade-Reason')]).toEqual([200, 'audit', 'MAL-2099-0002']);
  });
});
