import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { get as httpGet } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config/load-config.ts';
import { startProxy, type RunningProxy } from './start-proxy.ts';
import { fixturePackument, startFixtureRegistry, type FixtureRegistry } from './testing/fixture-registry.ts';

// The server as operators run it, in-process: configuration from PALISADE_* variables, a
// database from a folder, an npm registry on loopback, and what /readyz, /metrics and the
// wire show.

const tarball = Buffer.from('tarball bytes');
let upstream: FixtureRegistry;
let root: string;

async function writeReport(folder: string): Promise<void> {
  const dir = join(folder, 'osv', 'malicious', 'npm', 'evil-dep');
  await mkdir(dir, { recursive: true });
  const report = { schema_version: '1.5.0', id: 'MAL-2099-0001', modified: '2099-01-01T00:00:00Z', summary: 'Malicious code in evil-dep (npm)', affected: [{ package: { ecosystem: 'npm', name: 'evil-dep' }, versions: ['1.2.0'] }] };
  await writeFile(join(dir, 'MAL-2099-0001.json'), JSON.stringify(report));
}

async function start(env: Record<string, string>): Promise<RunningProxy> {
  const loaded = await loadConfig({ argv: [], env: { PALISADE_PORT: '0', PALISADE_NPM_UPSTREAM: upstream.url, ...env }, cwd: root });
  if (!loaded.ok) throw new Error(loaded.error);
  return startProxy(loaded.value, { log: () => undefined });
}

/** The status line as it came over the wire (fetch keeps it too, but this leaves no doubt). */
const statusLine = (url: string) => new Promise<string>((resolve, reject) => httpGet(url, (response) => {
  response.resume();
  resolve(`${response.statusCode} ${response.statusMessage}`);
}).on('error', reject));

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'palisade-proxy-'));
  await writeReport(join(root, 'db'));
  upstream = await startFixtureRegistry((name, base) => (name === 'evil-dep' ? fixturePackument(base, name, ['1.1.0', '1.2.0'], tarball) : undefined), tarball);
});
afterAll(async () => {
  await upstream.close();
  await rm(root, { recursive: true, force: true });
});

describe('startProxy with a database', () => {
  let proxy: RunningProxy;
  beforeAll(async () => {
    proxy = await start({ PALISADE_DATA_DIR: join(root, 'data'), PALISADE_DB_SOURCE: join(root, 'db') });
  });
  afterAll(() => proxy.close());

  it('is alive and ready', async () => {
    expect((await fetch(`${proxy.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${proxy.url}/readyz`)).status).toBe(200);
  });

  it('filters packuments and refuses a flagged tarball with its reason phrase on the wire', async () => {
    const response = await fetch(`${proxy.url}/npm/evil-dep`);
    const doc = (await response.json()) as { versions: Record<string, { dist: { tarball: string } }> };
    expect(Object.keys(doc.versions)).toEqual(['1.1.0']);
    expect(doc.versions['1.1.0']?.dist.tarball).toBe(`${proxy.url}/npm/evil-dep/-/evil-dep-1.1.0.tgz`);
    expect(await statusLine(`${proxy.url}/npm/evil-dep/-/evil-dep-1.2.0.tgz`)).toBe('403 Blocked by Palisade: npm package evil-dep@1.2.0 blocked: MAL-2099-0001');
    expect((await fetch(`${proxy.url}/npm/evil-dep/-/evil-dep-1.1.0.tgz`)).status).toBe(200);
  });

  it('refuses requests that already passed through it, and unknown paths', async () => {
    const loop = await fetch(`${proxy.url}/npm/evil-dep`, { headers: { Via: '1.1 palisade' } });
    expect(loop.status).toBe(508);
    expect(loop.headers.get('X-Proxy-Type')).toBe('npm');
    expect((await fetch(`${proxy.url}/elsewhere`)).status).toBe(404);
  });

  it('exposes requests, blocks, upstream calls, the cache and the database as metrics', async () => {
    const text = await (await fetch(`${proxy.url}/metrics`)).text();
    expect(text).toMatch(/palisade_request_duration_seconds_count\{[^}]*ecosystem="npm"[^}]*outcome="filtered"[^}]*\} 1/);
    expect(text).toMatch(/palisade_blocked_requests_total\{ecosystem="npm",package="evil-dep"\} 1/);
    expect(text).toMatch(/palisade_upstream_requests_total\{ecosystem="npm",status_class="2xx"\} [1-9]/);
    expect(text).toMatch(/palisade_cache_misses_total\{cache="shared"\} [1-9]/);
    expect(text).toMatch(/palisade_database_reports\{ecosystem="npm"\} 1/);
    expect(text).toMatch(/palisade_database_loaded 1/);
  });
});

describe('startProxy without a database', () => {
  it('is not ready and refuses package requests with 503 in enforce mode', async () => {
    const proxy = await start({ PALISADE_DATA_DIR: join(root, 'empty'), PALISADE_DB_SOURCE: join(root, 'missing') });
    try {
      const ready = await fetch(`${proxy.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { reason: string }).reason).toContain('missing');
      const refused = await fetch(`${proxy.url}/npm/evil-dep`);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('X-Proxy-Type')).toBe('npm');
    } finally {
      await proxy.close();
    }
  });

  it('loads the snapshot a previous run saved when the source is gone', async () => {
    const proxy = await start({ PALISADE_DATA_DIR: join(root, 'data') });
    try {
      expect((await fetch(`${proxy.url}/readyz`)).status).toBe(200);
      expect((await fetch(`${proxy.url}/npm/evil-dep/-/evil-dep-1.2.0.tgz`)).status).toBe(403);
    } finally {
      await proxy.close();
    }
  });
});

describe('startProxy request bodies', () => {
  let proxy: RunningProxy;
  beforeAll(async () => {
    proxy = await start({ PALISADE_DATA_DIR: join(root, 'bodies'), PALISADE_DB_SOURCE: join(root, 'db') });
  });
  afterAll(() => proxy.close());

  /** Everything the server sends back on one connection for `raw`, until it closes the connection. */
  const exchange = (raw: string) => new Promise<string>((resolve, reject) => {
    const { port } = new URL(proxy.url);
    const socket = connect(Number(port), '127.0.0.1', () => socket.end(raw));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk)).on('error', reject).on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
  });

  it('reads a body sent with Content-Length, and takes a request without body headers as having none', async () => {
    const bulk = '/npm/-/npm/v1/security/advisories/bulk';
    const withBody = await fetch(`${proxy.url}${bulk}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ 'evil-dep': ['1.2.0'] }) });
    expect(withBody.status).toBe(200);
    expect(JSON.stringify(await withBody.json())).toContain('MAL-2099-0001');
    // Pipelined on one connection: a POST with no body, then a GET; each gets its answer in turn.
    const wire = await exchange(`POST ${bulk} HTTP/1.1\r\nHost: palisade\r\n\r\nGET /healthz HTTP/1.1\r\nHost: palisade\r\nConnection: close\r\n\r\n`);
    const statuses = [...wire.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((match) => match[1]);
    expect(statuses).toEqual(['400', '200']);
    expect(wire).toContain('The audit request is not JSON');
  });
});
