import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from './config/load-config.ts';
import { loadDatabase } from './database.ts';
import { startProxy, type RunningProxy } from './start-proxy.ts';

// Answers repeated from memory, seen from the wire: the second identical request is
// answered without the app or the registry, and nothing repeated outlives the cache
// entry's TTL or the database it was decided under.

const HOUR = 3_600_000;
const VERSIONS = ['1.0.0', '1.1.0', '1.2.0'];
const tarball = Buffer.from('tarball bytes of hot-dep');
const clock = { t: Date.parse('2030-01-01T00:00:00Z') };
const asked: string[] = [];
let upstream: Server;
let upstreamUrl: string;
let root: string;
let proxy: RunningProxy;

function packument(base: string) {
  const integrity = `sha512-${createHash('sha512').update(tarball).digest('base64')}`;
  const versions = Object.fromEntries(VERSIONS.map((v) => [v, { name: 'hot-dep', version: v, dist: { tarball: `${base}hot-dep/-/hot-dep-${v}.tgz`, integrity } }]));
  return { name: 'hot-dep', 'dist-tags': { latest: '1.2.0' }, versions };
}

/** A database folder whose one report flags `versions` of hot-dep. */
async function database(name: string, versions: readonly string[]): Promise<string> {
  const folder = join(root, name);
  const dir = join(folder, 'osv', 'malicious', 'npm', 'hot-dep');
  await mkdir(dir, { recursive: true });
  const report = { schema_version: '1.5.0', id: `MAL-2099-${name}`, modified: '2099-01-01T00:00:00Z', summary: 'Malicious code in hot-dep (npm)', affected: [{ package: { ecosystem: 'npm', name: 'hot-dep' }, versions }] };
  await writeFile(join(dir, 'report.json'), JSON.stringify(report));
  return folder;
}

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${proxy.url}${path}`, { headers: { Accept: 'application/json', 'Accept-Encoding': 'identity', ...headers } });
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, cache: response.headers.get('X-Cache'), type: response.headers.get('X-Proxy-Type'), body };
}

const versionsIn = (body: Buffer) => Object.keys((JSON.parse(body.toString('utf8')) as { versions: object }).versions);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'palisade-hot-'));
  upstream = createServer((request, response) => {
    asked.push(request.url ?? '');
    if (request.url === '/hot-dep') return void response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(packument(upstreamUrl)));
    if (request.url?.endsWith('.tgz')) return void response.writeHead(200).end(tarball);
    response.writeHead(404).end('{}');
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/`;
  const env = { PALISADE_PORT: '0', PALISADE_NPM_UPSTREAM: upstreamUrl, PALISADE_DATA_DIR: join(root, 'data'), PALISADE_DB_SOURCE: await database('first', ['1.2.0']) };
  const config = await loadConfig({ argv: [], env, cwd: root });
  if (!config.ok) throw new Error(config.error);
  proxy = await startProxy(config.value, { log: () => undefined, now: () => clock.t });
});
afterAll(async () => {
  await proxy.close();
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
  await rm(root, { recursive: true, force: true });
});
beforeEach(() => {
  asked.length = 0;
});

describe('answers repeated from memory', () => {
  it('answers the same packument request again without the registry, byte for byte, as a HIT', async () => {
    const first = await get('/npm/hot-dep');
    const again = [await get('/npm/hot-dep'), await get('/npm/hot-dep')];
    expect([first.status, first.cache, ...again.map((answer) => answer.cache)]).toEqual([200, 'MISS', 'HIT', 'HIT']);
    expect(again.every((answer) => answer.type === 'npm' && answer.body.equals(first.body))).toBe(true);
    expect(versionsIn(first.body)).toEqual(['1.0.0', '1.1.0']);
    expect(asked).toEqual(['/hot-dep']);
    const metrics = await (await fetch(`${proxy.url}/metrics`)).text();
    expect(metrics).toMatch(/palisade_request_duration_seconds_count\{ecosystem="npm",kind="metadata",cache="HIT",outcome="filtered"\} 2/);
    expect(metrics).toMatch(/palisade_cache_hits_total\{cache="shared"\} 2/);
  });

  it('keeps requests that differ in Accept, Accept-Encoding or a conditional header apart', async () => {
    const answer = async (headers: Record<string, string>) => {
      const response = await fetch(`${proxy.url}/npm/hot-dep`, { headers: { Accept: 'application/json', 'Accept-Encoding': 'identity', ...headers } });
      await response.arrayBuffer();
      return `${response.status} ${response.headers.get('Content-Type')} ${response.headers.get('Content-Encoding') ?? 'identity'}`;
    };
    const abbreviated = { Accept: 'application/vnd.npm.install-v1+json' };
    for (let round = 0; round < 2; round++) {
      expect(await answer({})).toBe('200 application/json identity');
      expect(await answer(abbreviated)).toBe('200 application/vnd.npm.install-v1+json identity');
    }
    // The gzip form is made in the background: identity bytes until it is there, never after.
    expect(await answer({ 'Accept-Encoding': 'gzip' })).toMatch(/^200 application\/json (identity|gzip)$/);
    await vi.waitFor(async () => expect(await answer({ 'Accept-Encoding': 'gzip' })).toBe('200 application/json gzip'), { timeout: 10_000, interval: 20 });
    expect(await answer({ 'Accept-Encoding': 'gzip' })).toBe('200 application/json gzip');
    expect(await answer({})).toBe('200 application/json identity');
    const etag = (await fetch(`${proxy.url}/npm/hot-dep`, { headers: { Accept: 'application/json', 'Accept-Encoding': 'identity' } })).headers.get('ETag') ?? '';
    expect(await answer({ 'If-None-Match': etag })).toBe('304 application/json identity');
    expect((await get('/npm/hot-dep', { Via: '1.1 palisade' })).status).toBe(508);
  });

  it('answers a tarball again from memory, and refuses it at once when a new database flags it', async () => {
    const first = await get('/npm/hot-dep/-/hot-dep-1.1.0.tgz');
    const again = await get('/npm/hot-dep/-/hot-dep-1.1.0.tgz');
    expect([first.status, again.status, again.cache, again.body.equals(tarball)]).toEqual([200, 200, 'HIT', true]);
    expect(asked.filter((url) => url.endsWith('.tgz'))).toEqual(['/hot-dep/-/hot-dep-1.1.0.tgz']);

    const packumentBefore = await get('/npm/hot-dep');
    expect(versionsIn(packumentBefore.body)).toEqual(['1.0.0', '1.1.0']);
    const loaded = await loadDatabase({ source: await database('second', ['1.1.0', '1.2.0']), snapshotFile: join(root, 'second.snapshot'), now: () => clock.t });
    if (!loaded.ok) throw new Error(loaded.error);
    proxy.policy.use(loaded.value);
    const refused = await get('/npm/hot-dep/-/hot-dep-1.1.0.tgz');
    const packumentAfter = await get('/npm/hot-dep');
    expect([refused.status, packumentAfter.cache, versionsIn(packumentAfter.body)]).toEqual([403, 'HIT', ['1.0.0']]);
    expect((await get('/npm/hot-dep')).body.equals(packumentAfter.body)).toBe(true);
  });

  it('asks the registry again once the entry is past its TTL', async () => {
    await get('/npm/hot-dep');
    expect(asked).toEqual([]);
    clock.t += HOUR;
    const expired = await get('/npm/hot-dep');
    expect(expired.status).toBe(200);
    expect(asked).toEqual(['/hot-dep']);
  });
});
