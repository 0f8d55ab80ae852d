import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from './config/load-config.ts';
import { parseExposition, sampleValue } from './metrics/testing/exposition.ts';
import { startProxy, type RunningProxy } from './start-proxy.ts';
import { fixturePackument, startFixtureRegistry, type FixtureRegistry } from './testing/fixture-registry.ts';

// A running proxy with a policy file: read at start (an invalid one stops it), edited
// while it runs (a valid change in force at once, answers repeated from memory included;
// an invalid one logged, the previous settings kept), and a cooldown lifted by the clock.

const HOUR_MS = 3_600_000;
const clock = { t: Date.parse('2030-01-01T00:00:00Z') };
const tarball = Buffer.from('tarball bytes of policy-dep');
/** Published 30 days, then 10 hours, then 1 hour before the test clock starts. */
const PUBLISHED = { '1.0.0': clock.t - 30 * 24 * HOUR_MS, '1.1.0': clock.t - 10 * HOUR_MS, '1.2.0': clock.t - HOUR_MS };
let upstream: FixtureRegistry;
let root: string;

interface Started {
  readonly proxy: RunningProxy;
  readonly events: { event: string; fields: Record<string, unknown> }[];
}

async function writePolicy(file: string, policy: unknown): Promise<void> {
  // As an editor or a deployment tool replaces a file: a finished file renamed over it.
  const temporary = `${file}.${Math.random().toString(36).slice(2)}`;
  await writeFile(temporary, typeof policy === 'string' ? policy : JSON.stringify(policy));
  await rename(temporary, file);
}

async function start(name: string, policy: unknown, settings: Record<string, string> = {}): Promise<Started> {
  const dataDir = join(root, name);
  await mkdir(join(root, 'db', 'osv', 'malicious', 'npm'), { recursive: true });
  const policyFile = join(root, `${name}-policy.json`);
  await writePolicy(policyFile, policy);
  const env = { PALISADE_PORT: '0', PALISADE_NPM_UPSTREAM: upstream.url, PALISADE_DATA_DIR: dataDir, PALISADE_DB_SOURCE: join(root, 'db'), PALISADE_DB_POLL_SECONDS: '0.05', PALISADE_POLICY_FILE: policyFile, ...settings };
  const config = await loadConfig({ argv: [], env, cwd: root });
  if (!config.ok) throw new Error(config.error);
  const events: Started['events'] = [];
  const proxy = await startProxy(config.value, { log: (event, fields) => void events.push({ event, fields }), now: () => clock.t });
  return { proxy, events };
}

const policyFileOf = (name: string) => join(root, `${name}-policy.json`);

async function versions(proxy: RunningProxy): Promise<{ versions: string[]; cache: string | null }> {
  const response = await fetch(`${proxy.url}/npm/policy-dep`, { headers: { Accept: 'application/json', 'Accept-Encoding': 'identity' } });
  const body = (await response.json()) as { versions: object };
  return { versions: Object.keys(body.versions), cache: response.headers.get('X-Cache') };
}

/** Polls `probe` until it gives true (every 20 ms, for at most 5 s). */
const eventually = (probe: () => boolean | Promise<boolean>): Promise<void> =>
  vi.waitFor(async () => {
    if (!(await probe())) throw new Error(`not so within 5 s: ${probe.toString()}`);
  }, { timeout: 5000, interval: 20 });

const logged = (started: Started, event: string) => started.events.filter((entry) => entry.event === event);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'palisade-policy-'));
  upstream = await startFixtureRegistry((name, base) => (name === 'policy-dep' ? fixturePackument(base, name, Object.keys(PUBLISHED), tarball, PUBLISHED) : undefined), tarball);
});
afterAll(async () => {
  await upstream.close();
  await rm(root, { recursive: true, force: true });
});

describe('a policy file', () => {
  it('that is not valid stops the start, naming the file and the problem', async () => {
    await expect(start('invalid', { cooldown: { npm: 'two days' } })).rejects.toThrow(/^policy file .*invalid-policy\.json: cooldown\.npm: expected a number of hours from 0 to 87600, found "two days"$/);
    await expect(start('not-json', '{"allow": [')).rejects.toThrow(/not-json-policy\.json: is not valid JSON/);
  });

  describe('edited while the proxy runs', () => {
    let started: Started;
    beforeAll(async () => {
      started = await start('edited', {});
    });
    afterAll(() => started.proxy.close());

    it('puts a valid change in force at once, answers repeated from memory included', async () => {
      const { proxy } = started;
      expect(logged(started, 'policy-loaded')).toHaveLength(1);
      expect(await versions(proxy)).toEqual({ versions: ['1.0.0', '1.1.0', '1.2.0'], cache: 'MISS' });
      expect(await versions(proxy)).toEqual({ versions: ['1.0.0', '1.1.0', '1.2.0'], cache: 'HIT' });
      await writePolicy(policyFileOf('edited'), { deny: [{ ecosystem: 'npm', package: 'policy-dep', versions: '1.2.0', reason: 'not approved' }] });
      await eventually(() => logged(started, 'policy-reloaded').length === 1);
      expect(logged(started, 'policy-reloaded')[0]?.fields).toMatchObject({ deny: 1, allow: 0 });
      expect((await versions(proxy)).versions).toEqual(['1.0.0', '1.1.0']);
      const refused = await fetch(`${proxy.url}/npm/policy-dep/-/policy-dep-1.2.0.tgz`);
      expect([refused.status, refused.headers.get('X-Palisade-Reason')]).toEqual([403, 'deny:npm:policy-dep']);
    });

    it('keeps the settings in force when the file turns invalid, and says why', async () => {
      const { proxy } = started;
      await writePolicy(policyFileOf('edited'), { deny: [{ ecosystem: 'npm', package: 'policy-dep', reason: 'no' }], allow: 'everything' });
      await eventually(() => logged(started, 'policy-reload-failed').length === 1);
      expect(logged(started, 'policy-reload-failed')[0]?.fields).toMatchObject({ problem: expect.stringContaining('allow: expected an array') });
      expect((await versions(proxy)).versions).toEqual(['1.0.0', '1.1.0']);
      await rm(policyFileOf('edited'));
      await eventually(() => logged(started, 'policy-reload-failed').length === 2);
      expect(logged(started, 'policy-reload-failed')[1]?.fields).toMatchObject({ problem: 'cannot be read (ENOENT)' });
      expect((await versions(proxy)).versions).toEqual(['1.0.0', '1.1.0']);
      expect(logged(started, 'policy-reloaded')).toHaveLength(1);
    });
  });

  it('with a cooldown, lists a version once it comes of age, also in answers repeated from memory, and counts what it held back', async () => {
    upstream.asked.length = 0;
    // Metadata stays fresh in the cache meanwhile: only the cooldown's own deadline makes the answer change.
    const started = await start('cooldown', { cooldown: { npm: 24 } }, { PALISADE_TTL_NPM_METADATA: String(10 * 24 * 3600) });
    const { proxy } = started;
    try {
      expect(await versions(proxy)).toEqual({ versions: ['1.0.0'], cache: 'MISS' });
      expect(await versions(proxy)).toEqual({ versions: ['1.0.0'], cache: 'HIT' });
      clock.t += 14 * HOUR_MS;
      clock.t -= 1;
      expect(await versions(proxy)).toEqual({ versions: ['1.0.0'], cache: 'HIT' });
      clock.t += 1;
      expect(await versions(proxy)).toEqual({ versions: ['1.0.0', '1.1.0'], cache: 'HIT' });
      expect(await versions(proxy)).toEqual({ versions: ['1.0.0', '1.1.0'], cache: 'HIT' });
      expect(upstream.asked.filter((url) => url === '/policy-dep')).toHaveLength(1);
      const exposition = parseExposition(await (await fetch(`${proxy.url}/metrics`)).text());
      expect(sampleValue(exposition, 'palisade_policy_decisions_total', { ecosystem: 'npm', effect: 'cooldown_hold' })).toBe(3);
      const young = await fetch(`${proxy.url}/npm/policy-dep/-/policy-dep-1.2.0.tgz`);
      expect([young.status, young.headers.get('X-Palisade-Reason')]).toEqual([403, 'release-age:24h']);
    } finally {
      clock.t -= 14 * HOUR_MS;
      await proxy.close();
    }
  });
});
