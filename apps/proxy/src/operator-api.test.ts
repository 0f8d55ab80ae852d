import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readReportDirectory, saveSnapshot } from '@palisade/malicious-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config/load-config.ts';
import { databaseSnapshotFile } from './database.ts';
import { parseExposition, sampleValue } from './metrics/testing/exposition.ts';
import { startProxy, type RunningProxy } from './start-proxy.ts';
import { fixturePackument, startFixtureRegistry, type FixtureRegistry } from './testing/fixture-registry.ts';

// The request log, the operator API and client tokens on a running proxy: each kind of
// request lands in the log with who sent it, the API lists it behind the admin token, and a
// new database flagging a version already served raises an alert naming the client.

const ADMIN = 'admin-token-0123456789';
const CLIENT = 'client-token-0123456789';
const AGENT = 'palisade-test-client/1.0';
const tarball = Buffer.from('tarball bytes');
let upstream: FixtureRegistry;
let root: string;

/** A report folder flagging `flagged` (package → versions), as a snapshot in `dataDir` when asked, else as the folder. */
async function reports(label: string, flagged: Record<string, string[]>): Promise<string> {
  const folder = join(root, label);
  for (const [name, versions] of Object.entries(flagged)) {
    const id = `MAL-2099-${label.length}${name.length}${versions.length}`;
    await mkdir(join(folder, 'osv', 'malicious', 'npm', name), { recursive: true });
    const report = { schema_version: '1.5.0', id, modified: '2099-01-01T00:00:00Z', summary: `Malicious code in ${name} (npm)`, affected: [{ package: { ecosystem: 'npm', name }, versions }] };
    await writeFile(join(folder, 'osv', 'malicious', 'npm', name, `${id}.json`), JSON.stringify(report));
  }
  return folder;
}

async function start(name: string, env: Record<string, string>): Promise<{ proxy: RunningProxy; lines: { event: string; fields: Record<string, unknown> }[]; dataDir: string }> {
  const dataDir = join(root, name);
  const policyFile = join(root, 'policy.json');
  await writeFile(policyFile, JSON.stringify({ modes: [{ ecosystem: 'npm', package: 'audit-dep', mode: 'audit' }] }));
  const db = await reports(`${name}-db`, { 'evil-dep': ['1.2.0'], 'audit-dep': ['1.0.0'] });
  const loaded = await loadConfig({ argv: [], env: { PALISADE_PORT: '0', PALISADE_NPM_UPSTREAM: upstream.url, PALISADE_DATA_DIR: dataDir, PALISADE_DB_SOURCE: db, PALISADE_POLICY_FILE: policyFile, PALISADE_ADMIN_TOKEN: ADMIN, ...env }, cwd: root });
  if (!loaded.ok) throw new Error(loaded.error);
  const lines: { event: string; fields: Record<string, unknown> }[] = [];
  return { proxy: await startProxy(loaded.value, { log: (event, fields) => void lines.push({ event, fields }) }), lines, dataDir };
}

const fetchAs = (proxy: RunningProxy, path: string, headers: Record<string, string> = {}) => fetch(`${proxy.url}${path}`, { headers: { 'User-Agent': AGENT, Accept: 'application/json', ...headers } });
const api = async (proxy: RunningProxy, path: string, init: RequestInit = {}) => (await fetch(`${proxy.url}${path}`, { ...init, headers: { Authorization: `Bearer ${ADMIN}` } })).json() as Promise<Record<string, any>>;

/**
 * The logged requests, newest first, once `count` of them are written, waiting up to 10 s:
 * the log writes in batches, at least once a second, and its writer thread at idle
 * priority is raised only after a second more when a busy machine leaves it no core.
 */
async function loggedRequests(proxy: RunningProxy, count: number): Promise<Record<string, any>[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { requests } = await api(proxy, '/api/requests?limit=1000');
    if (requests.length >= count || Date.now() > deadline) return requests;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'palisade-operator-'));
  upstream = await startFixtureRegistry((name, base) => fixturePackument(base, name, ['1.0.0', '1.1.0', '1.2.0'], tarball), tarball);
});
afterAll(async () => {
  await upstream.close();
  await rm(root, { recursive: true, force: true });
});

describe('a proxy with client tokens', () => {
  let proxy: RunningProxy;
  beforeAll(async () => {
    ({ proxy } = await start('tokens', { PALISADE_CLIENT_TOKENS: `ci:${CLIENT}` }));
  });
  afterAll(() => proxy.close());

  it('admits npm bearer tokens and Basic passwords, and refuses anything else with a Basic challenge', async () => {
    expect((await fetchAs(proxy, '/npm/evil-dep', { Authorization: `Bearer ${CLIENT}` })).status).toBe(200);
    expect((await fetchAs(proxy, '/npm/evil-dep', { Authorization: `Basic ${Buffer.from(`pip:${CLIENT}`).toString('base64')}` })).status).toBe(200);
    for (const headers of [{}, { Authorization: 'Bearer wrong-token-0123456789' }]) {
      const refused = await fetchAs(proxy, '/npm/evil-dep', headers);
      expect([refused.status, refused.headers.get('WWW-Authenticate')]).toEqual([401, 'Basic realm="palisade"']);
    }
    expect([(await fetch(`${proxy.url}/healthz`)).status, (await fetch(`${proxy.url}/metrics`)).status]).toEqual([200, 200]);
  });

  it('records each case with its decision, cache result, client address, user agent and identity', async () => {
    const bearer = { Authorization: `Bearer ${CLIENT}` };
    for (const path of ['/npm/evil-dep/-/evil-dep-1.1.0.tgz', '/npm/evil-dep/-/evil-dep-1.1.0.tgz', '/npm/evil-dep/-/evil-dep-1.2.0.tgz', '/npm/audit-dep', '/npm/audit-dep/-/audit-dep-1.0.0.tgz']) await (await fetchAs(proxy, path, bearer)).arrayBuffer();
    const requests = await loggedRequests(proxy, 7);
    const seen = requests.map((request) => [request.path, request.decision, request.cache, request.status, request.mode]).reverse();
    expect(seen).toEqual([
      ['/npm/evil-dep', 'allowed', 'MISS', 200, 'enforce'],
      ['/npm/evil-dep', 'allowed', 'HIT', 200, 'enforce'],
      ['/npm/evil-dep/-/evil-dep-1.1.0.tgz', 'allowed', 'MISS', 200, 'enforce'],
      ['/npm/evil-dep/-/evil-dep-1.1.0.tgz', 'allowed', 'HIT', 200, 'enforce'],
      ['/npm/evil-dep/-/evil-dep-1.2.0.tgz', 'blocked', 'BYPASS', 403, 'enforce'],
      ['/npm/audit-dep', 'audit', 'MISS', 200, 'audit'],
      ['/npm/audit-dep/-/audit-dep-1.0.0.tgz', 'audit', 'MISS', 200, 'audit'],
    ]);
    for (const request of requests) expect(request).toMatchObject({ clientAddress: '127.0.0.1', userAgent: AGENT, identity: 'ci', ecosystem: 'npm' });
    expect(requests.find((request) => request.decision === 'blocked')).toMatchObject({ package: 'evil-dep', version: '1.2.0', reportIds: [expect.stringMatching(/^MAL-/)], reasons: [expect.stringContaining('Malicious code in evil-dep')] });
  });
});

describe('a proxy whose database flags a version it served', () => {
  let started: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    started = await start('alerts', {});
  });
  afterAll(() => started.proxy.close());

  it('logs repeated answers too, with the client', async () => {
    const first = await fetchAs(started.proxy, '/npm/evil-dep/-/evil-dep-1.1.0.tgz');
    const again = await fetchAs(started.proxy, '/npm/evil-dep/-/evil-dep-1.1.0.tgz');
    expect([first.status, first.headers.get('X-Cache'), again.headers.get('X-Cache')]).toEqual([200, 'MISS', 'HIT']);
    const requests = await loggedRequests(started.proxy, 2);
    expect(requests.map((request) => [request.cache, request.clientAddress, request.userAgent])).toEqual([['HIT', '127.0.0.1', AGENT], ['MISS', '127.0.0.1', AGENT]]);
  });

  it('records an alert naming the client once a reload brings a report on that version', async () => {
    const folder = await reports('alerts-update', { 'evil-dep': ['1.1.0', '1.2.0'], 'audit-dep': ['1.0.0'] });
    const read = await readReportDirectory(folder);
    if (!read.ok) throw new Error(read.error);
    await saveSnapshot(databaseSnapshotFile(started.dataDir), read.value.index, { source: { location: folder, commit: 'f1a66ed' }, builtAt: new Date() });
    expect(await api(started.proxy, '/api/db/reload', { method: 'POST' })).toMatchObject({ swapped: true, commit: 'f1a66ed' });
    const { alerts } = await api(started.proxy, '/api/alerts');
    expect(alerts).toEqual([expect.objectContaining({ ecosystem: 'npm', package: 'evil-dep', versions: ['1.1.0'], reportIds: [expect.stringMatching(/^MAL-/)] })]);
    expect(alerts[0].fetches).toEqual([expect.objectContaining({ clientAddress: '127.0.0.1', userAgent: AGENT, version: '1.1.0' }), expect.objectContaining({ clientAddress: '127.0.0.1' })]);
    expect(started.lines.filter((line) => line.event === 'retroactive-alert')).toEqual([{ event: 'retroactive-alert', fields: expect.objectContaining({ package: 'evil-dep', versions: ['1.1.0'], fetches: 2 }) }]);
    const metrics = parseExposition(await (await fetch(`${started.proxy.url}/metrics`)).text());
    expect(sampleValue(metrics, 'palisade_retroactive_alerts_total', { ecosystem: 'npm' })).toBe(1);
  });

  it('shows the database, cache and upstream in the status', async () => {
    expect(await api(started.proxy, '/api/status')).toMatchObject({ status: 'ready', database: { commit: 'f1a66ed', reports: 2 }, cache: { hits: expect.any(Number) }, upstreams: [{ ecosystem: 'npm', state: 'up' }] });
  });
});
