import type { CacheStats } from '@palisade/cache';
import { parsePolicySettings } from '@palisade/core';
import { MaliciousPackageIndex, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type SnapshotHeader } from '@palisade/malicious-db';
import { openRequestLog, type RequestLog, type RequestLogEntry } from '@palisade/request-log';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabasePolicy } from '../database-policy.ts';
import { createApiApp, type ApiWiring } from './api-app.ts';

const ADMIN = 'admin-token-0123456789';
const NOW = Date.parse('2030-01-02T00:00:00Z');

function database() {
  const index = new MaliciousPackageIndex();
  index.add({ id: 'MAL-2099-0001', summary: 'Malicious code in evil-dep (npm)', path: '', published: undefined, modified: undefined, packages: [{ ecosystem: 'npm', name: 'evil-dep', versions: ['1.2.0'], ranges: [] }] });
  const header: SnapshotHeader = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    source: { location: 'test', commit: 'c0ffee' },
    builtAt: '2030-01-01T00:00:00.000Z',
    reports: 1,
    counts: index.counts(),
    excluded: { withdrawn: 0, skipped: 0, rejected: 0 },
    bodySha256: 'a'.repeat(64),
  } as SnapshotHeader;
  return { index, header };
}

const cacheStats: CacheStats = { hits: 3, misses: 1, staleServes: 0, revalidations: 0, upstreamFetches: 1, coalesced: 0, store: { entries: 2, bytes: 40, integrityFailures: 0, evictions: 0, bytesWritten: 40, bytesRead: 10 } };

let requestLog: RequestLog;
let purged: string[];
let reloads: number;
let lines: string[];

function app(overrides: Partial<ApiWiring> = {}) {
  const policy = new DatabasePolicy({ npm: 'enforce', pypi: 'enforce', go: 'enforce' }, { now: () => NOW });
  policy.use(database());
  const wiring: ApiWiring = {
    adminToken: ADMIN,
    policy,
    cache: { purgePackage: async (ecosystem, name) => (purged.push(`${ecosystem}/${name}`), 2), purgeAll: async () => (purged.push('*'), 5) },
    cacheStats: () => cacheStats,
    upstreams: () => [{ ecosystem: 'npm', url: 'https://registry.npmjs.org/', state: 'up', since: '2030-01-01T00:00:00.000Z', lastSuccessAt: '2030-01-01T00:00:00.000Z' }],
    requestLog,
    reloadDatabase: async () => void reloads++,
    log: (event, fields) => void lines.push(JSON.stringify({ event, ...fields })),
    now: () => NOW,
    ...overrides,
  };
  const root = new Hono();
  root.route('/api', createApiApp(wiring));
  return root;
}

const authorized = { Authorization: `Bearer ${ADMIN}` };
const get = async (path: string, wiring: Partial<ApiWiring> = {}) => {
  const response = await app(wiring).request(path, { headers: authorized });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};
const post = async (path: string, body: string) => {
  const response = await app().request(path, { method: 'POST', headers: { ...authorized, 'Content-Type': 'application/json' }, body });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

const entry = (overrides: Partial<RequestLogEntry>): RequestLogEntry => ({ time: NOW - 1000, ecosystem: 'npm', package: 'left-pad', version: '1.3.0', kind: 'artifact', decision: 'allowed', mode: 'enforce', cache: 'MISS', status: 200, durationMs: 2, path: '/npm/left-pad/-/left-pad-1.3.0.tgz', ...overrides });

beforeEach(() => {
  requestLog = openRequestLog({ path: ':memory:' });
  purged = [];
  reloads = 0;
  lines = [];
});
afterEach(() => requestLog.close());

describe('the operator API: authentication', () => {
  it('is disabled without an admin token: 403 saying so, whatever is presented', async () => {
    for (const headers of [{}, authorized]) {
      const response = await app({ adminToken: undefined }).request('/api/status', { headers });
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ code: 'api-disabled', error: expect.stringContaining('PALISADE_ADMIN_TOKEN') });
    }
    expect((await app({ adminToken: undefined }).request('/api/db/reload', { method: 'POST' })).status).toBe(403);
    expect(reloads).toBe(0);
  });

  it('refuses a request without the token, with a wrong one, or with Basic credentials: 401 with a Bearer challenge', async () => {
    const basic = `Basic ${Buffer.from(`admin:${ADMIN}`).toString('base64')}`;
    for (const [headers, code] of [[{}, 'unauthenticated'], [{ Authorization: 'Bearer not-the-admin-token' }, 'invalid-token'], [{ Authorization: `Bearer ${ADMIN}x` }, 'invalid-token'], [{ Authorization: basic }, 'unauthenticated']] as const) {
      const response = await app().request('/api/requests', { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('WWW-Authenticate')).toMatch(/^Bearer realm="palisade-api"/);
      expect(((await response.json()) as { code: string }).code).toBe(code);
    }
    const purge = await app().request('/api/cache/purge', { method: 'POST', body: '{"all":true}' });
    expect([purge.status, purged]).toEqual([401, []]);
  });

  it('answers with the token, and 404 for what it does not have', async () => {
    expect((await get('/api/status')).status).toBe(200);
    expect(await get('/api/nothing')).toEqual({ status: 404, body: { code: 'not-found', error: expect.stringContaining('/api/check') } });
  });
});

describe('GET /api/check', () => {
  it('gives the decision and reasons for a version, and for a package as a whole', async () => {
    expect(await get('/api/check?ecosystem=npm&name=evil-dep&version=1.2.0')).toEqual({
      status: 200,
      body: { ecosystem: 'npm', name: 'evil-dep', version: '1.2.0', mode: 'enforce', decision: 'blocked', reasons: [expect.objectContaining({ id: 'MAL-2099-0001', rule: 'malicious-package', summary: 'Malicious code in evil-dep (npm)' })] },
    });
    expect((await get('/api/check?ecosystem=npm&name=evil-dep&version=1.1.0')).body).toMatchObject({ decision: 'allowed', reasons: [] });
    expect((await get('/api/check?ecosystem=npm&name=evil-dep')).body).toMatchObject({ decision: 'allowed' });
  });

  it('applies the settings: an allow entry, and the cooldown only with a publish time', async () => {
    const settings = parsePolicySettings({ allow: [{ ecosystem: 'npm', package: 'evil-dep', versions: '1.2.0', reason: 'reviewed' }], cooldown: { npm: 48 } });
    if (!settings.ok) throw new Error(settings.error);
    const policy = new DatabasePolicy({ npm: 'enforce', pypi: 'enforce', go: 'enforce' }, { now: () => NOW, settings: settings.value });
    policy.use(database());
    expect((await get('/api/check?ecosystem=npm&name=evil-dep&version=1.2.0', { policy })).body).toMatchObject({ decision: 'allowed', allowedBy: { package: 'evil-dep', reason: 'reviewed' }, overridden: [expect.objectContaining({ id: 'MAL-2099-0001' })] });
    expect((await get('/api/check?ecosystem=npm&name=left-pad&version=1.0.0', { policy })).body).toMatchObject({ decision: 'allowed', cooldown: { hours: 48, checked: false } });
    expect((await get('/api/check?ecosystem=npm&name=left-pad&version=1.0.0&publishedAt=2030-01-01T12:00:00Z', { policy })).body).toMatchObject({ decision: 'blocked', cooldown: { hours: 48, checked: true, verdict: 'too-young' } });
    expect((await get('/api/check?ecosystem=npm&name=left-pad&version=1.0.0&publishedAt=2029-01-01', { policy })).body).toMatchObject({ decision: 'allowed', cooldown: { checked: true, verdict: 'old-enough' } });
  });

  it.each([
    ['/api/check?name=x', 'ecosystem: required'],
    ['/api/check?ecosystem=cargo&name=x', 'ecosystem: "cargo" is not npm, pypi or go'],
    ['/api/check?ecosystem=npm', 'name: required'],
    ['/api/check?ecosystem=npm&name=..%2F..', 'name or version'],
    ['/api/check?ecosystem=npm&name=x&version=%00', 'name or version'],
    ['/api/check?ecosystem=npm&name=x&version=1.0.0&publishedAt=yesterday', 'publishedAt'],
  ])('answers 400 to %s', async (path, problem) => {
    expect(await get(path)).toEqual({ status: 400, body: { code: 'bad-request', error: expect.stringContaining(problem) } });
  });

  it('answers 503 while no database is loaded', async () => {
    const policy = new DatabasePolicy({ npm: 'enforce', pypi: 'enforce', go: 'enforce' });
    expect(await get('/api/check?ecosystem=npm&name=left-pad', { policy })).toEqual({ status: 503, body: { code: 'database-unavailable', error: expect.stringContaining('loading') } });
  });
});

describe('GET /api/requests and /api/alerts', () => {
  it('lists the request log newest first, filtered, a page at a time', async () => {
    requestLog.record(entry({ time: NOW - 3000 }));
    requestLog.record(entry({ time: NOW - 2000, package: 'evil-dep', version: '1.2.0', decision: 'blocked', status: 403, reportIds: ['MAL-2099-0001'] }));
    requestLog.record(entry({ time: NOW - 1000, ecosystem: 'pypi', package: 'requests', version: '2.0.0' }));
    requestLog.flush();
    const all = await get('/api/requests');
    expect(all.body['requests'].map((request: { package: string }) => request.package)).toEqual(['requests', 'evil-dep', 'left-pad']);
    expect(all.body['requests'][0]).toMatchObject({ time: new Date(NOW - 1000).toISOString(), ecosystem: 'pypi' });
    expect((await get('/api/requests?decision=blocked')).body['requests']).toMatchObject([{ package: 'evil-dep', reportIds: ['MAL-2099-0001'] }]);
    expect((await get('/api/requests?ecosystem=pypi&package=Requests')).body['requests']).toHaveLength(1);
    expect((await get(`/api/requests?since=${NOW - 2500}&until=${new Date(NOW - 500).toISOString()}`)).body['requests']).toHaveLength(2);
    const first = await get('/api/requests?limit=2');
    expect(first.body['requests']).toHaveLength(2);
    const second = await get(`/api/requests?limit=2&before=${encodeURIComponent(first.body['next'])}`);
    expect(second.body['requests'].map((request: { package: string }) => request.package)).toEqual(['left-pad']);
    expect(second.body['next']).toBeUndefined();
  });

  it.each(['decision=denied', 'ecosystem=maven', 'since=soon', 'limit=0', 'limit=-1', 'before=not-a-cursor'])('answers 400 to ?%s', async (query) => {
    expect((await get(`/api/requests?${query}`)).status).toBe(400);
  });

  it('lists alerts newest first, with ISO times', async () => {
    const fetch = { time: NOW - 5000, version: '1.2.0', path: '/npm/evil-dep/-/evil-dep-1.2.0.tgz', clientAddress: '10.0.0.5', identity: 'ci', userAgent: 'npm/11' };
    requestLog.recordAlert({ reportIds: ['MAL-1'], ecosystem: 'npm', package: 'evil-dep', versions: ['1.2.0'], fetches: [fetch], time: NOW - 100 });
    requestLog.recordAlert({ reportIds: ['MAL-2'], ecosystem: 'npm', package: 'other', versions: ['2.0.0'], fetches: [], time: NOW });
    const { body } = await get('/api/alerts');
    expect(body['alerts'].map((alert: { package: string }) => alert.package)).toEqual(['other', 'evil-dep']);
    expect(body['alerts'][1]).toMatchObject({ time: new Date(NOW - 100).toISOString(), fetches: [{ ...fetch, time: new Date(NOW - 5000).toISOString() }] });
    expect((await get('/api/alerts?limit=1')).body['next']).toEqual(expect.any(String));
  });

  it('says so when the request log is off', async () => {
    for (const path of ['/api/requests', '/api/alerts']) expect((await get(path, { requestLog: undefined })).body['code']).toBe('request-log-disabled');
  });
});

describe('GET /api/status', () => {
  it('shows the database, the cache with its hit ratio, the upstreams and the request log', async () => {
    requestLog.record(entry({}));
    requestLog.flush();
    expect((await get('/api/status')).body).toEqual({
      status: 'ready',
      database: { commit: 'c0ffee', builtAt: '2030-01-01T00:00:00.000Z', ageSeconds: 86400, stale: false, reports: 1, ecosystems: { npm: { reports: 1, packages: 1, whollyMaliciousPackages: 0 }, pypi: expect.any(Object), go: expect.any(Object) } },
      cache: { entries: 2, bytes: 40, hits: 3, misses: 1, staleServes: 0, hitRatio: 0.75 },
      upstreams: [expect.objectContaining({ ecosystem: 'npm', state: 'up' })],
      requestLog: { recorded: 1, written: 1, dropped: 0, queued: 0, writerPriority: 'unmanaged' },
    });
  });

  it('says why it is not ready', async () => {
    const policy = new DatabasePolicy({ npm: 'enforce', pypi: 'enforce', go: 'enforce' });
    expect((await get('/api/status', { policy, requestLog: undefined })).body).toMatchObject({ status: 'not ready', reason: expect.stringContaining('loading'), database: null, requestLog: null });
  });
});

describe('POST /api/cache/purge and /api/db/reload', () => {
  it('purges one package (its name normalised) or everything, and logs it', async () => {
    expect(await post('/api/cache/purge', '{"ecosystem":"pypi","package":"Django_REST"}')).toEqual({ status: 200, body: { ecosystem: 'pypi', package: 'django-rest', purged: 2 } });
    expect(await post('/api/cache/purge', '{"all":true}')).toEqual({ status: 200, body: { all: true, purged: 5 } });
    expect(purged).toEqual(['pypi/django-rest', '*']);
    expect(lines.map((line) => JSON.parse(line))).toEqual([{ event: 'cache-purged', ecosystem: 'pypi', package: 'django-rest', entries: 2, by: 'api' }, { event: 'cache-purged', all: true, entries: 5, by: 'api' }]);
  });

  it.each(['', 'nope', '[]', '{}', '{"all":false}', '{"all":true,"ecosystem":"npm"}', '{"ecosystem":"npm"}', '{"ecosystem":"cargo","package":"x"}', '{"ecosystem":"npm","package":"../x"}', '{"ecosystem":"npm","package":"x","extra":1}'])('refuses the body %j', async (body) => {
    expect((await post('/api/cache/purge', body)).status).toBe(400);
    expect(purged).toEqual([]);
  });

  it('refuses a body larger than 4 KB', async () => {
    expect((await post('/api/cache/purge', `{"all":true,"pad":"${'x'.repeat(5000)}"}`)).status).toBe(413);
  });

  it('checks the snapshot now and names the database in use', async () => {
    expect(await post('/api/db/reload', '')).toEqual({ status: 200, body: { swapped: false, commit: 'c0ffee', builtAt: '2030-01-01T00:00:00.000Z', reports: 1 } });
    expect(reloads).toBe(1);
  });
});
