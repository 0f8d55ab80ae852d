import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, type LoadConfigOptions } from './load-config.ts';
import type { ProxyConfig } from './proxy-config.ts';
import { CONFIG_KEYS } from './settings.ts';

const CWD = '/srv/palisade';

/** loadConfig over an in-memory file system of `files` (absolute path → text). */
async function load(options: Partial<LoadConfigOptions> & { files?: Record<string, string> } = {}) {
  const files = options.files ?? {};
  const readFile = async (path: string) => {
    const text = files[path];
    if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return text;
  };
  return loadConfig({ argv: options.argv ?? [], env: options.env ?? {}, cwd: options.cwd ?? CWD, readFile });
}

async function loaded(options: Parameters<typeof load>[0]): Promise<ProxyConfig> {
  const result = await load(options);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

async function problems(options: Parameters<typeof load>[0]): Promise<string[]> {
  const result = await load(options);
  if (result.ok) throw new Error('expected the configuration to be refused');
  return result.error.split('\n');
}

describe('loadConfig defaults', () => {
  it('fills every key when nothing is configured', async () => {
    expect(await loaded({})).toEqual({
      host: '127.0.0.1',
      port: 8780,
      publicUrl: undefined,
      dataDir: '/srv/palisade/data',
      upstreams: { npm: 'https://registry.npmjs.org/', pypi: 'https://pypi.org/simple/', go: 'https://proxy.golang.org/' },
      pypiFileOrigins: ['https://files.pythonhosted.org/'],
      goSumdb: { url: 'https://sum.golang.org/', name: 'sum.golang.org' },
      dbSource: undefined,
      database: { pollSeconds: 5, maxAgeSeconds: 172800, refuseWhenStale: false },
      modes: { npm: 'enforce', pypi: 'enforce', go: 'enforce' },
      policyFile: undefined,
      policy: undefined,
      cache: { diskBytes: 10 * 2 ** 30, memoryBytes: 256 * 2 ** 20, maxStaleSeconds: 604800, ttlSeconds: {} },
      upstream: { timeoutMs: 30000, retries: 2, forwardAuthorization: false },
      proxyName: 'palisade',
      access: { adminToken: undefined, clientTokens: [], trustForwardedFor: false },
      requestLog: { enabled: true, days: 30, rows: 1_000_000 },
      configFile: undefined,
    });
  });

  it('treats empty environment variables as unset', async () => {
    const config = await loaded({ env: { PALISADE_PORT: '', PALISADE_PUBLIC_URL: '', PALISADE_CONFIG: '' } });
    expect([config.port, config.publicUrl, config.configFile]).toEqual([8780, undefined, undefined]);
  });
});

describe('loadConfig sources', () => {
  const file = JSON.stringify({ host: '0.0.0.0', port: 9000, mode: 'audit', goMode: 'off', forwardAuthorization: true, ttlSeconds: { 'npm-metadata': 60, 'go-list': 120 } });

  it('reads the file named by --config, relative to the working directory', async () => {
    const config = await loaded({ argv: ['--config', 'conf/palisade.json'], files: { '/srv/palisade/conf/palisade.json': file } });
    expect(config.configFile).toBe('/srv/palisade/conf/palisade.json');
    expect([config.host, config.port, config.upstream.forwardAuthorization]).toEqual(['0.0.0.0', 9000, true]);
    expect(config.modes).toEqual({ npm: 'audit', pypi: 'audit', go: 'off' });
    expect(config.cache.ttlSeconds).toEqual({ 'npm-metadata': 60, 'go-list': 120 });
  });

  it('reads the file named by PALISADE_CONFIG; --config wins over it', async () => {
    const files = { '/etc/a.json': '{"port": 1}', '/etc/b.json': '{"port": 2}' };
    expect((await loaded({ env: { PALISADE_CONFIG: '/etc/a.json' }, files })).port).toBe(1);
    expect((await loaded({ argv: ['--config=/etc/b.json'], env: { PALISADE_CONFIG: '/etc/a.json' }, files })).port).toBe(2);
  });

  it('lets the environment override the file, key by key', async () => {
    const env = { PALISADE_PORT: '0', PALISADE_MODE: 'enforce', PALISADE_FORWARD_AUTHORIZATION: '0', PALISADE_TTL_NPM_METADATA: '30', PALISADE_TTL_PYPI_FILE: '5' };
    const config = await loaded({ argv: ['--config=/c.json'], env, files: { '/c.json': file } });
    expect([config.host, config.port, config.upstream.forwardAuthorization]).toEqual(['0.0.0.0', 0, false]);
    expect(config.modes).toEqual({ npm: 'enforce', pypi: 'enforce', go: 'off' });
    expect(config.cache.ttlSeconds).toEqual({ 'npm-metadata': 30, 'go-list': 120, 'pypi-file': 5 });
  });

  it('normalises URLs, resolves paths and reads sizes from either source', async () => {
    const files = { '/c.json': JSON.stringify({ npmUpstream: 'https://nexus.example/repository/npm', dataDir: '../var', cacheDiskBytes: '500MB', cacheMemoryBytes: 1024 }) };
    const env = { PALISADE_PYPI_UPSTREAM: 'https://pypi.example/simple//', PALISADE_PUBLIC_URL: 'https://proxy.example/palisade', PALISADE_DB_SOURCE: 'feeds/malicious', PALISADE_CACHE_MEMORY_BYTES: '64MiB' };
    const config = await loaded({ argv: ['--config=/c.json'], env, files });
    expect(config.upstreams).toEqual({ npm: 'https://nexus.example/repository/npm/', pypi: 'https://pypi.example/simple/', go: 'https://proxy.golang.org/' });
    expect(config.publicUrl).toBe('https://proxy.example/palisade/');
    expect([config.dataDir, config.dbSource]).toEqual(['/srv/var', '/srv/palisade/feeds/malicious']);
    expect([config.cache.diskBytes, config.cache.memoryBytes]).toEqual([500e6, 64 * 2 ** 20]);
  });

  it('reads how the database is watched and when it is too old', async () => {
    const files = { '/c.json': JSON.stringify({ dbPollSeconds: 0.25, dbMaxAgeSeconds: 3600 }) };
    const config = await loaded({ argv: ['--config=/c.json'], env: { PALISADE_DB_STALE_REFUSE: 'true', PALISADE_DB_MAX_AGE_SECONDS: '7200' }, files });
    expect(config.database).toEqual({ pollSeconds: 0.25, maxAgeSeconds: 7200, refuseWhenStale: true });
    expect(await problems({ env: { PALISADE_DB_POLL_SECONDS: '0', PALISADE_DB_MAX_AGE_SECONDS: '59', PALISADE_DB_STALE_REFUSE: 'yes' } })).toEqual([
      'PALISADE_DB_POLL_SECONDS: "0" is not a number of seconds (0.05-3600)',
      'PALISADE_DB_MAX_AGE_SECONDS: "59" is not a number of seconds (60-315360000)',
      'PALISADE_DB_STALE_REFUSE: "yes" is not a boolean (true, false, 1, 0)',
    ]);
  });

  it('reads a real file from disk by default', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'palisade-config-'));
    try {
      await writeFile(join(folder, 'palisade.json'), '{"proxyName": "edge-1"}');
      const result = await loadConfig({ argv: ['--config', 'palisade.json'], env: {}, cwd: folder });
      expect(result.ok && result.value.proxyName).toBe('edge-1');
      const missing = await loadConfig({ argv: ['--config', 'absent.json'], env: {}, cwd: folder });
      expect(missing).toEqual({ ok: false, error: `config file ${join(folder, 'absent.json')}: cannot be read (ENOENT)` });
    } finally {
      await rm(folder, { recursive: true });
    }
  });
});

describe('loadConfig problems', () => {
  it('names the environment variable or file key of every bad value', async () => {
    const bad = '\u0000';
    const env = Object.fromEntries(CONFIG_KEYS.map((key) => [key.env, bad]));
    const flat = CONFIG_KEYS.filter((key) => !key.key.startsWith('ttlSeconds.'));
    const ttl = CONFIG_KEYS.filter((key) => key.key.startsWith('ttlSeconds.')).map((key) => [key.key.slice('ttlSeconds.'.length), bad]);
    const file = JSON.stringify({ ...Object.fromEntries(flat.map((key) => [key.key, bad])), ttlSeconds: Object.fromEntries(ttl) });
    const found = await problems({ argv: ['--config=/c.json'], env, files: { '/c.json': file } });
    expect(found).toHaveLength(2 * CONFIG_KEYS.length);
    for (const key of CONFIG_KEYS) {
      // Secrets are never echoed, only their length.
      const value = key.key === 'adminToken' || key.key === 'clientTokens' ? 'a value of 1 character (not shown)' : '"\\u0000"';
      expect(found.filter((line) => line.startsWith(`${key.env}: ${value} is not `))).toHaveLength(1);
      expect(found.filter((line) => line.startsWith(`config file /c.json: ${key.key}: ${value} is not `))).toHaveLength(1);
    }
  });

  it('reports every problem on its own line, from the command line, the file and the environment', async () => {
    const files = { '/srv/palisade/p.json': '{"prot": 80, "npmUpstream": "ftp://mirror/", "ttlSeconds": {"npm-tarbal": 1}}' };
    expect(await problems({ argv: ['--verbose', '--config', 'p.json'], env: { PALISADE_PORT: '80a', PALISADE_UPSTREAM_RETRIES: '11' }, files })).toEqual([
      '--verbose: unknown option (the only option is --config PATH)',
      'config file /srv/palisade/p.json: prot: unknown key (did you mean port?)',
      'PALISADE_PORT: "80a" is not a port (0-65535)',
      'config file /srv/palisade/p.json: npmUpstream: "ftp://mirror/" is not a usable URL: the scheme must be http or https, not ftp',
      'config file /srv/palisade/p.json: ttlSeconds.npm-tarbal: unknown TTL class (npm-tarball, npm-metadata, go-module, go-list, pypi-file, pypi-index)',
      'PALISADE_UPSTREAM_RETRIES: "11" is not a retry count (0-10)',
    ]);
  });

  it('reports a bad file value even when the environment overrides it', async () => {
    expect(await problems({ argv: ['--config=/c.json'], env: { PALISADE_PORT: '1' }, files: { '/c.json': '{"port": "x"}' } })).toEqual(['config file /c.json: port: "x" is not a port (0-65535)']);
  });

  it('reports a ttlSeconds that is not an object', async () => {
    const [problem] = await problems({ argv: ['--config=/c.json'], files: { '/c.json': '{"ttlSeconds": 60}' } });
    expect(problem).toBe('config file /c.json: ttlSeconds: expected an object keyed by TTL class (npm-tarball, npm-metadata, go-module, go-list, pypi-file, pypi-index), found 60');
  });

  it('reports a configuration path holding a NUL character', async () => {
    expect(await problems({ env: { PALISADE_CONFIG: 'a\u0000b' } })).toEqual(['PALISADE_CONFIG: "a\\u0000b" is not a path']);
  });

  it('reports inline policy settings that are not valid, and policy settings given twice', async () => {
    const [bad] = await problems({ argv: ['--config=/c.json'], files: { '/c.json': '{"policy": {"cooldown": {"npm": -1}}}' } });
    expect(bad).toBe('config file /c.json: policy: cooldown.npm: expected a number of hours from 0 to 87600, found -1');
    const twice = await problems({ argv: ['--config=/c.json'], env: { PALISADE_POLICY_FILE: 'policy.json' }, files: { '/c.json': '{"policy": {}}' } });
    expect(twice).toEqual(['config file /c.json: policy: policy settings are given both here and in a policy file (policyFile, PALISADE_POLICY_FILE): keep one']);
  });
});

describe('loadConfig access and request log settings', () => {
  const admin = 'admin-token-0123456789';
  const client = 'client-token-0123456789';

  it('reads the admin token, client tokens, forwarded-for trust and request log bounds', async () => {
    const files = { '/c.json': JSON.stringify({ adminToken: admin, clientTokens: [`ci:${client}`], requestLogDays: 7 }) };
    const env = { PALISADE_TRUST_FORWARDED_FOR: 'true', PALISADE_REQUEST_LOG: 'false', PALISADE_REQUEST_LOG_ROWS: '5000' };
    const config = await loaded({ argv: ['--config=/c.json'], env, files });
    expect(config.access).toEqual({ adminToken: admin, clientTokens: [{ name: 'ci', token: client }], trustForwardedFor: true });
    expect(config.requestLog).toEqual({ enabled: false, days: 7, rows: 5000 });
  });

  it('refuses bounds out of range, and never repeats a token in a problem', async () => {
    const found = await problems({ env: { PALISADE_ADMIN_TOKEN: 'short', PALISADE_CLIENT_TOKENS: `ci:${client},ci2:${client}`, PALISADE_REQUEST_LOG_DAYS: '0', PALISADE_REQUEST_LOG_ROWS: '999' } });
    expect(found).toEqual([
      'PALISADE_ADMIN_TOKEN: a value of 5 characters (not shown) is not a token (16-512 visible ASCII characters, no spaces or commas)',
      expect.stringMatching(/^PALISADE_CLIENT_TOKENS: a value of 54 characters \(not shown\) is not a list of client tokens .*: token 2: the same token is listed twice$/),
      'PALISADE_REQUEST_LOG_DAYS: "0" is not a number of days (1-3650)',
      'PALISADE_REQUEST_LOG_ROWS: "999" is not a number of requests (1000-1000000000)',
    ]);
    expect(found.join('\n')).not.toContain(client);
  });
});

describe('loadConfig policy settings', () => {
  it('resolves the policy file against the working directory, from the file or the environment', async () => {
    expect((await loaded({ env: { PALISADE_POLICY_FILE: 'conf/policy.json' } })).policyFile).toBe('/srv/palisade/conf/policy.json');
    expect((await loaded({ argv: ['--config=/c.json'], files: { '/c.json': '{"policyFile": "/etc/palisade/policy.json"}' } })).policyFile).toBe('/etc/palisade/policy.json');
  });

  it('reads policy settings inline in the configuration file', async () => {
    const config = await loaded({ argv: ['--config=/c.json'], files: { '/c.json': JSON.stringify({ policy: { cooldown: { npm: 48 }, internal: [{ ecosystem: 'npm', package: '@corp/*' }] } }) } });
    expect([config.policyFile, config.policy?.cooldown.hours, config.policy?.internal.map((rule) => rule.package.text)]).toEqual([undefined, { npm: 48, pypi: 0, go: 0 }, ['@corp/*']]);
  });
});
