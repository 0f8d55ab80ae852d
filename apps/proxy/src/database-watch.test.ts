import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readReportDirectory, saveSnapshot } from '@palisade/malicious-db';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from './config/load-config.ts';
import { databaseSnapshotFile } from './database.ts';
import { DatabaseInUse } from './database-in-use.ts';
import { DatabasePolicy } from './database-policy.ts';
import { watchDatabase } from './database-watch.ts';
import { fileSignature } from './file-poll.ts';
import { parseExposition, sampleValue } from './metrics/testing/exposition.ts';
import { startProxy, type RunningProxy } from './start-proxy.ts';
import { fixturePackument, startFixtureRegistry, type FixtureRegistry } from './testing/fixture-registry.ts';

// A running proxy picks up the snapshots a sync writes into its data folder, without a
// restart: new reports block at once, the cache forgets the packages they flag, a broken
// snapshot changes nothing, and a database that grows old is reported (and, if asked,
// refused).

const HOUR_MS = 3_600_000;
const VERSIONS = ['1.0.0', '1.1.0', '1.2.0'];
const tarball = Buffer.from('tarball bytes of watch-dep');
const clock = { t: Date.parse('2030-01-01T00:00:00Z') };
/** One report id per package, so that a report left unchanged compares equal from one snapshot to the next. */
const REPORT_IDS: Record<string, string> = { 'watch-dep': 'MAL-2099-0001', 'other-dep': 'MAL-2099-0002' };
let upstream: FixtureRegistry;
let root: string;

/** Writes the snapshot a sync would: from a report folder flagging `flagged` (package → versions), built now by the test clock. */
async function writeSnapshot(dataDir: string, label: string, flagged: Record<string, string[]>, commit?: string): Promise<void> {
  const folder = join(root, 'sources', `${label}-${Math.random().toString(36).slice(2)}`);
  for (const [name, versions] of Object.entries(flagged)) {
    const dir = join(folder, 'osv', 'malicious', 'npm', name);
    await mkdir(dir, { recursive: true });
    const id = REPORT_IDS[name] ?? 'MAL-2099-9999';
    const report = { schema_version: '1.5.0', id, modified: '2099-01-01T00:00:00Z', summary: `Malicious code in ${name} (npm)`, affected: [{ package: { ecosystem: 'npm', name }, versions }] };
    await writeFile(join(dir, `${id}.json`), JSON.stringify(report));
  }
  await mkdir(join(folder, 'osv', 'malicious'), { recursive: true });
  const read = await readReportDirectory(folder);
  if (!read.ok) throw new Error(read.error);
  const file = databaseSnapshotFile(dataDir);
  await mkdir(join(dataDir, 'database'), { recursive: true });
  await saveSnapshot(file, read.value.index, { source: { location: folder, ...(commit !== undefined && { commit }) }, builtAt: new Date(clock.t) });
}

interface Started {
  readonly proxy: RunningProxy;
  readonly events: { event: string; fields: Record<string, unknown> }[];
}

async function start(dataDir: string, env: Record<string, string> = {}): Promise<Started> {
  const events: Started['events'] = [];
  const config = await loadConfig({ argv: [], env: { PALISADE_PORT: '0', PALISADE_NPM_UPSTREAM: upstream.url, PALISADE_DATA_DIR: dataDir, PALISADE_DB_POLL_SECONDS: '0.05', ...env }, cwd: root });
  if (!config.ok) throw new Error(config.error);
  const proxy = await startProxy(config.value, { log: (event, fields) => void events.push({ event, fields }), now: () => clock.t });
  return { proxy, events };
}

async function get(proxy: RunningProxy, path: string) {
  const response = await fetch(`${proxy.url}${path}`, { headers: { Accept: 'application/json', 'Accept-Encoding': 'identity' } });
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, cache: response.headers.get('X-Cache'), statusText: response.statusText, body };
}

interface Readiness {
  status: string;
  reason?: string;
  database?: { builtAt: string; ageSeconds: number; reports: number; commit?: string; stale: boolean; staleReason?: string };
}

async function readiness(proxy: RunningProxy): Promise<{ code: number } & Readiness> {
  const response = await fetch(`${proxy.url}/readyz`);
  return { code: response.status, ...((await response.json()) as Readiness) };
}

const metric = async (proxy: RunningProxy, name: string, labels: Record<string, string> = {}) => sampleValue(parseExposition(await (await fetch(`${proxy.url}/metrics`)).text()), name, labels);

/** Polls `probe` until it gives true (every 20 ms, for at most 5 s). */
const eventually = (probe: () => boolean | Promise<boolean>): Promise<void> =>
  vi.waitFor(async () => {
    if (!(await probe())) throw new Error(`not so within 5 s: ${probe.toString()}`);
  }, { timeout: 5000, interval: 20 });

const versionsIn = (body: Buffer) => Object.keys((JSON.parse(body.toString('utf8')) as { versions: object }).versions);
const logged = (started: Started, event: string) => started.events.filter((entry) => entry.event === event);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'palisade-watch-'));
  upstream = await startFixtureRegistry((name, base) => (name === 'watch-dep' ? fixturePackument(base, name, VERSIONS, tarball) : undefined), tarball);
});
afterAll(async () => {
  await upstream.close();
  await rm(root, { recursive: true, force: true });
});
beforeEach(() => {
  upstream.asked.length = 0;
});

describe('a new snapshot in the data folder', () => {
  let started: Started;
  let proxy: RunningProxy;
  const dataDir = () => join(root, 'swap');
  beforeAll(async () => {
    await writeSnapshot(dataDir(), 'first', { 'other-dep': ['0.0.1'] }, 'c0mmit1');
    started = await start(dataDir());
    proxy = started.proxy;
  });
  afterAll(() => proxy.close());

  it('blocks a version flagged after it was cached, lists it no more, and purges the package from the cache', async () => {
    for (const path of ['/npm/watch-dep', '/npm/watch-dep/-/watch-dep-1.0.0.tgz', '/npm/watch-dep/-/watch-dep-1.1.0.tgz']) {
      const [first, again, third] = [await get(proxy, path), await get(proxy, path), await get(proxy, path)];
      expect([first.status, first.cache, again.cache, third.cache, again.body.equals(first.body)]).toEqual([200, 'MISS', 'HIT', 'HIT', true]);
    }
    expect(versionsIn((await get(proxy, '/npm/watch-dep')).body)).toEqual(VERSIONS);
    const tarballsAsked = () => upstream.asked.filter((url) => url.endsWith('.tgz'));
    expect(tarballsAsked()).toEqual(['/watch-dep/-/watch-dep-1.0.0.tgz', '/watch-dep/-/watch-dep-1.1.0.tgz']);
    expect((await readiness(proxy)).database?.commit).toBe('c0mmit1');
    upstream.asked.length = 0;

    await writeSnapshot(dataDir(), 'second', { 'other-dep': ['0.0.1'], 'watch-dep': ['1.1.0'] }, 'c0mmit2');
    await eventually(async () => (await readiness(proxy)).database?.commit === 'c0mmit2');
    await eventually(() => logged(started, 'database-swapped').length === 1);

    const refused = await get(proxy, '/npm/watch-dep/-/watch-dep-1.1.0.tgz');
    expect([refused.status, refused.statusText]).toEqual([403, 'Blocked by Palisade: npm package watch-dep@1.1.0 blocked: MAL-2099-0001']);
    const listed = await get(proxy, '/npm/watch-dep');
    expect([listed.status, listed.cache, versionsIn(listed.body)]).toEqual([200, 'MISS', ['1.0.0', '1.2.0']]);
    const allowed = await get(proxy, '/npm/watch-dep/-/watch-dep-1.0.0.tgz');
    expect([allowed.status, allowed.cache, allowed.body.equals(tarball)]).toEqual([200, 'MISS', true]);
    // Asked again for what is allowed (the cache forgot it), never for the flagged tarball.
    expect([upstream.asked[0], tarballsAsked()]).toEqual(['/watch-dep', ['/watch-dep/-/watch-dep-1.0.0.tgz']]);
    expect((await get(proxy, '/npm/watch-dep/-/watch-dep-1.1.0.tgz')).status).toBe(403);

    // The full and abbreviated packuments (a tarball is checked against the latter) and both tarballs.
    const [swapped] = logged(started, 'database-swapped');
    expect(swapped?.fields).toEqual({ reports: 2, builtAt: new Date(clock.t).toISOString(), commit: 'c0mmit2', newlyFlagged: 1, packages: ['npm/watch-dep'], purgedEntries: 4 });
    expect(await metric(proxy, 'palisade_database_info', { commit: 'c0mmit2' })).toBe(1);
    expect(await metric(proxy, 'palisade_database_reports', { ecosystem: 'npm' })).toBe(2);
    const ready = await readiness(proxy);
    expect([ready.code, ready.status, ready.database?.reports, ready.database?.stale]).toEqual([200, 'ready', 2, false]);
  });

  it('keeps the database in force when the new snapshot is corrupt, and says why once', async () => {
    // Written whole and renamed in, as a sync writes: the watcher never sees half a file.
    const file = databaseSnapshotFile(dataDir());
    await writeFile(`${file}.partial`, '{"format":"palisade-malicious-db-snapshot"\ngarbage');
    await rename(`${file}.partial`, file);
    await eventually(() => logged(started, 'database-reload-failed').length === 1);
    expect(String(logged(started, 'database-reload-failed')[0]?.fields['problem'])).toMatch(/header is not JSON/);
    expect((await get(proxy, '/npm/watch-dep/-/watch-dep-1.1.0.tgz')).status).toBe(403);
    expect((await get(proxy, '/npm/watch-dep/-/watch-dep-1.2.0.tgz')).status).toBe(200);
    const ready = await readiness(proxy);
    expect([ready.code, ready.database?.commit]).toEqual([200, 'c0mmit2']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(logged(started, 'database-reload-failed')).toHaveLength(1);

    // A good snapshot after the broken one is taken again.
    await writeSnapshot(dataDir(), 'third', { 'watch-dep': ['1.1.0', '1.2.0'] }, 'c0mmit3');
    await eventually(async () => (await readiness(proxy)).database?.commit === 'c0mmit3');
    expect((await get(proxy, '/npm/watch-dep/-/watch-dep-1.2.0.tgz')).status).toBe(403);
    expect((await get(proxy, '/npm/watch-dep/-/watch-dep-1.0.0.tgz')).status).toBe(200);
  });
});

describe('a database that grows old', () => {
  const dataDir = (name: string) => join(root, name);

  it('is reported stale once in the log, in the metrics and in /readyz, and served with while not refused', async () => {
    await writeSnapshot(dataDir('stale-warn'), 'old', { 'watch-dep': ['1.1.0'] });
    const started = await start(dataDir('stale-warn'), { PALISADE_DB_MAX_AGE_SECONDS: '3600' });
    const { proxy } = started;
    try {
      expect(await metric(proxy, 'palisade_database_stale')).toBe(0);
      clock.t += 2 * HOUR_MS;
      await eventually(() => logged(started, 'database-stale').length === 1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(logged(started, 'database-stale')).toHaveLength(1);
      expect(logged(started, 'database-stale')[0]?.fields).toMatchObject({ ageSeconds: 7200, maxAgeSeconds: 3600, refusing: false });
      expect([await metric(proxy, 'palisade_database_stale'), await metric(proxy, 'palisade_database_age_seconds')]).toEqual([1, 7200]);
      const ready = await readiness(proxy);
      expect([ready.code, ready.database?.stale, ready.database?.ageSeconds, ready.database?.staleReason]).toEqual([200, true, 7200, expect.stringMatching(/2 hours ago, longer than the 1 hour allowed/)]);
      expect((await get(proxy, '/npm/watch-dep/-/watch-dep-1.0.0.tgz')).status).toBe(200);
      expect((await get(proxy, '/npm/watch-dep/-/watch-dep-1.1.0.tgz')).status).toBe(403);

      await writeSnapshot(dataDir('stale-warn'), 'new', { 'watch-dep': ['1.1.0'] });
      await eventually(() => logged(started, 'database-current').length === 1);
      expect(await metric(proxy, 'palisade_database_stale')).toBe(0);
    } finally {
      await proxy.close();
    }
  });

  it('refuses package requests with 503 in enforce mode when asked to, until a new snapshot comes', async () => {
    await writeSnapshot(dataDir('stale-refuse'), 'old', { 'watch-dep': ['1.1.0'] });
    const started = await start(dataDir('stale-refuse'), { PALISADE_DB_MAX_AGE_SECONDS: '3600', PALISADE_DB_STALE_REFUSE: 'true' });
    const { proxy } = started;
    try {
      expect((await get(proxy, '/npm/watch-dep/-/watch-dep-1.0.0.tgz')).status).toBe(200);
      clock.t += 2 * HOUR_MS;
      await eventually(async () => (await get(proxy, '/npm/watch-dep/-/watch-dep-1.0.0.tgz')).status === 503);
      const refused = await get(proxy, '/npm/watch-dep');
      expect([refused.status, JSON.parse(refused.body.toString('utf8'))]).toEqual([503, { error: expect.stringMatching(/database was built at .*, 2 hours ago/) }]);
      const ready = await readiness(proxy);
      expect([ready.code, ready.status, ready.reason, ready.database?.stale]).toEqual([503, 'not ready', expect.stringMatching(/longer than the 1 hour allowed/), true]);
      expect(logged(started, 'database-stale')[0]?.fields).toMatchObject({ refusing: true });

      await writeSnapshot(dataDir('stale-refuse'), 'new', { 'watch-dep': ['1.1.0'] });
      await eventually(async () => (await get(proxy, '/npm/watch-dep/-/watch-dep-1.0.0.tgz')).status === 200);
      expect([(await readiness(proxy)).code, (await get(proxy, '/npm/watch-dep/-/watch-dep-1.1.0.tgz')).status]).toEqual([200, 403]);
    } finally {
      await proxy.close();
    }
  });

  it('takes up a first snapshot written after a start without any database', async () => {
    const started = await start(dataDir('late'));
    const { proxy } = started;
    try {
      expect((await readiness(proxy)).code).toBe(503);
      expect((await get(proxy, '/npm/watch-dep')).status).toBe(503);
      await writeSnapshot(dataDir('late'), 'first', { 'watch-dep': ['1.2.0'] }, 'c0mmit9');
      await eventually(async () => (await readiness(proxy)).code === 200);
      expect(versionsIn((await get(proxy, '/npm/watch-dep')).body)).toEqual(['1.0.0', '1.1.0']);
      expect(logged(started, 'database-swapped')[0]?.fields).toMatchObject({ commit: 'c0mmit9', newlyFlagged: 1, packages: ['npm/watch-dep'], purgedEntries: 0 });
    } finally {
      await proxy.close();
    }
  });
});

describe('watchDatabase', () => {
  it('stops on close: a check under way finishes first, and later snapshots are not taken', async () => {
    const dataDir = join(root, 'closing');
    const file = databaseSnapshotFile(dataDir);
    const policy = new DatabasePolicy({ npm: 'enforce', pypi: 'enforce', go: 'enforce' });
    const events: string[] = [];
    const database = new DatabaseInUse({ policy, cache: { purgePackage: async () => 0 }, metrics: { setDatabase: () => undefined }, log: (event) => void events.push(event), now: () => clock.t, maxAgeSeconds: 3600 });
    const watch = watchDatabase({ file, intervalMs: 10, database, log: (event) => void events.push(event), seen: await fileSignature(file) });
    await writeSnapshot(dataDir, 'first', { 'watch-dep': ['1.0.0'] }, 'before-close');
    const checking = watch.check();
    await new Promise((resolve) => setImmediate(resolve));
    await watch.close();
    await checking;
    expect([databaseCommitOf(policy), events]).toEqual(['before-close', ['database-swapped']]);

    await writeSnapshot(dataDir, 'second', { 'watch-dep': ['1.0.0'] }, 'after-close');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await watch.check();
    expect([databaseCommitOf(policy), events]).toEqual(['before-close', ['database-swapped']]);
  });

  it('tells a missing file from any written one', async () => {
    expect(await fileSignature(join(root, 'nowhere', 'db.snapshot'))).toBe('missing (ENOENT)');
    const file = join(root, 'signature.snapshot');
    await writeFile(file, 'a');
    const first = await fileSignature(file);
    await writeFile(`${file}.new`, 'b');
    await rename(`${file}.new`, file);
    expect(await fileSignature(file)).not.toBe(first);
  });
});

const databaseCommitOf = (policy: DatabasePolicy) => policy.database?.header.source.commit;
