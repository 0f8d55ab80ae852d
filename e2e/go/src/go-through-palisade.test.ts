import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempFolder, describeResult, startProxyUnderTest, type ProxyUnderTest, type TempFolder } from '@palisade/e2e-support';
import { startFixtureProxy, type FixtureProxy } from './fixtures/fixture-proxy.ts';
import { EVERY_VERSION, writeGoReports } from './fixtures/go-reports.ts';
import { goSession } from './fixtures/go-session.ts';
import { fixtureModule } from './fixtures/module-zip.ts';
import { startTestSumdb, type TestSumdb } from './fixtures/test-sumdb/test-sumdb.ts';

// The real go command with GOPROXY pointed at Palisade, which fetches from a local module
// proxy and passes a local checksum database through; GOSUMDB names that database by its
// key alone, so go verifies every module through Palisade. The database of reports flags
// example.com/lib v1.1.0 and every version of example.com/evil.

const source = (pkg: string, name: string) => ({ [`${pkg}.go`]: `package ${pkg}\n\nconst Name = "${name}"\n` });
const safe = fixtureModule({ path: 'example.com/safe', version: 'v1.0.0', files: source('safe', 'safe 1.0') });
const libOld = fixtureModule({ path: 'example.com/lib', version: 'v1.0.0', files: source('lib', 'lib 1.0') });
const libBad = fixtureModule({ path: 'example.com/lib', version: 'v1.1.0', files: source('lib', 'lib 1.1 (malicious)') });
const evil = fixtureModule({ path: 'example.com/evil', version: 'v1.0.0', files: source('evil', 'evil') });
const dependsOnEvil = fixtureModule({
  path: 'example.com/app',
  version: 'v1.0.0',
  goMod: 'module example.com/app\n\ngo 1.21\n\nrequire example.com/evil v1.0.0\n',
  files: { 'app.go': 'package app\n\nimport "example.com/evil"\n\nconst Name = "app on " + evil.Name\n' },
});
const upper = fixtureModule({ path: 'example.com/Upper/Mixed', version: 'v1.0.0', files: source('mixed', 'mixed') });
const major = fixtureModule({ path: 'example.com/major/v2', version: 'v2.0.0', files: source('major', 'major 2') });
const fragile = fixtureModule({ path: 'example.com/fragile', version: 'v1.0.0', files: source('fragile', 'fragile') });
const all = [safe, libOld, libBad, evil, dependsOnEvil, upper, major, fragile];

const REPORTS = [
  { id: 'MAL-2099-3001', module: 'example.com/lib', affected: { versions: ['v1.1.0'] } },
  { id: 'MAL-2099-3002', module: 'example.com/evil', affected: EVERY_VERSION },
];

describe('go through Palisade', { timeout: 120_000 }, () => {
  let temp: TempFolder;
  let sumdb: TestSumdb;
  let upstream: FixtureProxy;
  let palisade: ProxyUnderTest;
  const { freshHome, go, freshModule } = goSession(() => temp, () => ({ proxy: `${palisade.url}/go`, sumdb: sumdb.verifierKey }));

  beforeAll(async () => {
    temp = await createTempFolder('go-through-palisade');
    sumdb = await startTestSumdb(all.flatMap((module) => module.goSumLines), temp.path);
    upstream = await startFixtureProxy(all);
    upstream.tamper(fragile.path, fragile.version);
    palisade = await startProxyUnderTest({
      dataDir: join(temp.path, 'data'),
      dbSource: await writeGoReports(join(temp.path, 'db'), REPORTS),
      settings: { PALISADE_GO_UPSTREAM: `${upstream.url}/`, PALISADE_GO_SUMDB: sumdb.url, PALISADE_GO_SUMDB_NAME: sumdb.name },
    });
  }, 180_000);

  afterAll(async () => {
    await palisade?.close();
    await upstream?.close();
    await sumdb?.close();
    await temp?.remove();
  });

  it('downloads a safe module and verifies it against the checksum database through Palisade', async () => {
    const result = await go(await freshHome(), ['mod', 'download', '-json', 'example.com/safe@v1.0.0']);
    expect(result.exitCode, describeResult('go mod download', result)).toBe(0);
    expect((JSON.parse(result.stdout) as { Sum: string }).Sum).toBe(safe.zipHash);
    expect(sumdb.requests()).toContain('/lookup/example.com/safe@v1.0.0 200');
  });

  it('serves a second download from its cache', async () => {
    const result = await go(await freshHome(), ['mod', 'download', 'example.com/safe@v1.0.0']);
    expect(result.exitCode, describeResult('second go mod download', result)).toBe(0);
    expect(upstream.requestCount('/example.com/safe/@v/v1.0.0.zip')).toBe(1);
  });

  it('gets the newest safe version when the newest is malicious, and lists only allowed versions', async () => {
    const home = await freshHome();
    const folder = await freshModule(home);
    const get = await go(home, ['get', 'example.com/lib'], folder);
    expect(get.exitCode, describeResult('go get example.com/lib', get)).toBe(0);
    expect(await readFile(join(folder, 'go.mod'), 'utf8')).toContain('require example.com/lib v1.0.0');
    const list = await go(home, ['list', '-m', '-versions', 'example.com/lib'], folder);
    expect(list.stdout.trim()).toBe('example.com/lib v1.0.0');
    expect(upstream.requestCount('/example.com/lib/@v/v1.1.0.zip')).toBe(0);
  });

  it('fails to get the malicious version, naming the report', async () => {
    const home = await freshHome();
    const result = await go(home, ['get', 'example.com/lib@v1.1.0'], await freshModule(home));
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('403 Blocked by Palisade');
    expect(result.stderr).toContain('MAL-2099-3001');
  });

  it('fails go mod tidy on a transitive dependency on a malicious module', async () => {
    const home = await freshHome();
    const folder = await freshModule(home);
    await writeFile(join(folder, 'main.go'), 'package main\n\nimport "example.com/app"\n\nfunc main() { println(app.Name) }\n');
    const result = await go(home, ['mod', 'tidy'], folder);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('example.com/evil');
    expect(result.stderr).toContain('example.com/evil@v1.0.0 is blocked by Palisade: MAL-2099-3002');
  });

  it('gets a module path with upper-case letters, and a /v2 module', async () => {
    const home = await freshHome();
    const folder = await freshModule(home);
    const result = await go(home, ['get', 'example.com/Upper/Mixed@v1.0.0', 'example.com/major/v2@v2.0.0'], folder);
    expect(result.exitCode, describeResult('go get', result)).toBe(0);
    const goMod = await readFile(join(folder, 'go.mod'), 'utf8');
    expect(goMod).toContain('example.com/Upper/Mixed v1.0.0');
    expect(goMod).toContain('example.com/major/v2 v2.0.0');
  });

  it('lets go reject a zip that does not match the checksum database', async () => {
    const result = await go(await freshHome(), ['mod', 'download', 'example.com/fragile@v1.0.0']);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('SECURITY ERROR');
    expect(result.stderr).toContain(`${sumdb.name}: ${fragile.zipHash}`);
  });
});
