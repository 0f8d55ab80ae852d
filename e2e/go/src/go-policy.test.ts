import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempFolder, describeResult, startProxyUnderTest, type ProxyUnderTest, type TempFolder } from '@palisade/e2e-support';
import { startFixtureProxy, type FixtureProxy } from './fixtures/fixture-proxy.ts';
import { EVERY_VERSION, writeGoReports } from './fixtures/go-reports.ts';
import { goSession } from './fixtures/go-session.ts';
import { fixtureModule } from './fixtures/module-zip.ts';
import { startTestSumdb, type TestSumdb } from './fixtures/test-sumdb/test-sumdb.ts';

// The real go command through Palisade with a policy file beyond the database: a 48-hour
// release-age cooldown, an allow entry over a report, a module in audit mode, a deny entry,
// and corp.example declared internal. The fixture proxy's .info Times say "30 days ago" or
// "1 hour ago" by the proxy's (real) clock.

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
const OLD = hoursAgo(30 * 24);
const source = (pkg: string, name: string) => ({ [`${pkg}.go`]: `package ${pkg}\n\nconst Name = "${name}"\n` });
const module = (path: string, version: string, time: string) => fixtureModule({ path, version, time, files: source(path.split('/').at(-1) ?? 'x', `${path} ${version}`) });
const modules = [
  module('example.com/cool', 'v1.0.0', OLD),
  module('example.com/cool', 'v1.1.0', hoursAgo(1)),
  module('example.com/allowed', 'v1.0.0', OLD),
  module('example.com/allowed', 'v1.1.0', OLD),
  module('example.com/audited', 'v1.0.0', OLD),
  module('example.com/denied', 'v1.0.0', OLD),
  module('example.com/denied', 'v1.1.0', OLD),
  module('corp.example/secret', 'v1.0.0', OLD),
];
const REPORTS = [
  { id: 'MAL-2099-3101', module: 'example.com/allowed', affected: { versions: ['v1.1.0'] } },
  { id: 'MAL-2099-3102', module: 'example.com/audited', affected: EVERY_VERSION },
];
const POLICY = {
  cooldown: { go: 48 },
  allow: [{ ecosystem: 'go', package: 'example.com/allowed', versions: 'v1.1.0', reason: 'reviewed: the report is a false positive' }],
  deny: [{ ecosystem: 'go', package: 'example.com/denied', versions: '>=v1.1.0', reason: 'not approved for use here' }],
  modes: [{ ecosystem: 'go', package: 'example.com/audited', mode: 'audit' }],
  // go also asks for the path's prefixes (`corp.example`) as modules, which `corp.example/*` covers.
  internal: [{ ecosystem: 'go', package: 'corp.example/*' }],
};

describe('go through Palisade with policy settings', { timeout: 120_000 }, () => {
  let temp: TempFolder;
  let sumdb: TestSumdb;
  let upstream: FixtureProxy;
  let palisade: ProxyUnderTest;
  const { freshHome, go, freshModule } = goSession(() => temp, () => ({ proxy: `${palisade.url}/go`, sumdb: sumdb.verifierKey }));

  beforeAll(async () => {
    temp = await createTempFolder('go-policy');
    sumdb = await startTestSumdb(modules.flatMap((built) => built.goSumLines), temp.path);
    upstream = await startFixtureProxy(modules);
    await mkdir(join(temp.path, 'policy'), { recursive: true });
    const policyFile = join(temp.path, 'policy', 'policy.json');
    await writeFile(policyFile, JSON.stringify(POLICY, null, 2));
    palisade = await startProxyUnderTest({
      dataDir: join(temp.path, 'data'),
      dbSource: await writeGoReports(join(temp.path, 'db'), REPORTS),
      settings: { PALISADE_GO_UPSTREAM: `${upstream.url}/`, PALISADE_GO_SUMDB: sumdb.url, PALISADE_GO_SUMDB_NAME: sumdb.name, PALISADE_POLICY_FILE: policyFile },
    });
  }, 180_000);

  afterAll(async () => {
    await palisade?.close();
    await upstream?.close();
    await sumdb?.close();
    await temp?.remove();
  });

  /** `go get <target>` in a fresh module; the result and the module's go.mod. */
  async function goGet(target: string) {
    const home = await freshHome();
    const folder = await freshModule(home);
    const result = await go(home, ['get', target], folder);
    return { result, goMod: await readFile(join(folder, 'go.mod'), 'utf8'), home, folder };
  }

  it('gets the version old enough when the newest is younger than the cooldown, and lists only it', async () => {
    const { result, goMod, home, folder } = await goGet('example.com/cool');
    expect(result.exitCode, describeResult('go get example.com/cool', result)).toBe(0);
    expect(goMod).toContain('require example.com/cool v1.0.0');
    const list = await go(home, ['list', '-m', '-versions', 'example.com/cool'], folder);
    expect(list.stdout.trim()).toBe('example.com/cool v1.0.0');
  });

  it('refuses to download the young version pinned, naming the cooldown, without fetching its zip', async () => {
    const result = await go(await freshHome(), ['mod', 'download', 'example.com/cool@v1.1.0']);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('403 Blocked by Palisade');
    expect(result.stderr).toContain('release-age:48h');
    expect(upstream.requestCount('/example.com/cool/@v/v1.1.0.zip')).toBe(0);
  });

  it('gets a flagged version an allow entry lets through', async () => {
    const { result, goMod } = await goGet('example.com/allowed');
    expect(result.exitCode, describeResult('go get example.com/allowed', result)).toBe(0);
    expect(goMod).toContain('require example.com/allowed v1.1.0');
  });

  it('gets a flagged module in audit mode, and logs the finding', async () => {
    const { result, goMod } = await goGet('example.com/audited@v1.0.0');
    expect(result.exitCode, describeResult('go get example.com/audited@v1.0.0', result)).toBe(0);
    expect(goMod).toContain('require example.com/audited v1.0.0');
    const audited = palisade.logLines().map((line) => JSON.parse(line) as { event: string; package?: string; reasons?: string[] }).filter((entry) => entry.event === 'request-audited' && entry.package === 'example.com/audited');
    expect(audited.length).toBeGreaterThan(0);
    expect(audited.every((entry) => entry.reasons?.includes('MAL-2099-3102'))).toBe(true);
  });

  it('gets the version a deny entry leaves, and refuses the denied one with its reason', async () => {
    const { result, goMod } = await goGet('example.com/denied');
    expect(result.exitCode, describeResult('go get example.com/denied', result)).toBe(0);
    expect(goMod).toContain('require example.com/denied v1.0.0');
    const denied = await go(await freshHome(), ['mod', 'download', 'example.com/denied@v1.1.0']);
    expect(denied.exitCode).not.toBe(0);
    expect(denied.stderr).toContain('deny:go:example.com/denied');
    expect(denied.stderr).toContain('not approved for use here');
  });

  it('refuses an internal module without asking the upstream for it', async () => {
    const { result } = await goGet('corp.example/secret@v1.0.0');
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('403 Blocked by Palisade');
    expect(result.stderr).toContain('internal:go:corp.example/*');
    expect(upstream.requests().filter((request) => request.path.includes('corp.example'))).toEqual([]);
  });
});
