import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBackendWheel, buildSdist, buildWheel, sha256Hex, type Distribution } from './fixtures/distributions.ts';
import { startFixtureIndex, type FixtureIndex } from './fixtures/fixture-index.ts';
import { runPip, runPython } from './fixtures/pip.ts';
import { describeResult } from '@palisade/e2e-support';
import { createTempFolder, type TempFolder } from '@palisade/e2e-support';
import { createVirtualEnvironment, type VirtualEnvironment } from './fixtures/virtual-environment.ts';
import { startProxyUnderTest, writePypiReports, type ProxyUnderTest } from './proxy-under-test.ts';

// Real pip, in fresh virtual environments isolated from the machine's configuration,
// installing through Palisade from a local fixture index. The database flags
// greeting 3.0, every version of evil-lib, and nothing else.

const helper = buildWheel({ name: 'helper', version: '1.0', modules: { 'helper.py': 'NAME = "helper"\n' } });
const greetingOld = buildWheel({ name: 'greeting', version: '1.0', modules: { 'greeting.py': 'VERSION = "1.0"\n' } });
const greeting = buildWheel({ name: 'greeting', version: '2.0', requires: ['helper>=1.0'], modules: { 'greeting.py': 'import helper\nVERSION = "2.0"\n' } });
const greetingBad = buildWheel({ name: 'greeting', version: '3.0', modules: { 'greeting.py': 'VERSION = "3.0 (malicious)"\n' } });
const evil = buildWheel({ name: 'evil-lib', version: '1.0', modules: { 'evil_lib.py': '' } });
const dependent = buildWheel({ name: 'app-with-evil-dep', version: '1.0', requires: ['evil-lib'], modules: { 'app_with_evil_dep.py': '' } });
const mixed = buildWheel({ name: 'Mixed_Case.Name', version: '1.0', modules: { 'mixed_case_name.py': 'OK = True\n' } });
const built = buildSdist({ name: 'built', version: '1.0', buildRequires: ['tiny-backend'], backend: 'tiny_backend', modules: { 'built.py': 'VALUE = "from sdist"\n' } });
const fragile = buildWheel({ name: 'fragile', version: '1.0', modules: { 'fragile.py': '' } });
const all: readonly Distribution[] = [helper, greetingOld, greeting, greetingBad, evil, dependent, mixed, built, buildBackendWheel(), fragile];

describe('pip through Palisade', { timeout: 180_000 }, () => {
  let temp: TempFolder;
  let index: FixtureIndex;
  let htmlIndex: FixtureIndex;
  let proxy: ProxyUnderTest;
  let htmlProxy: ProxyUnderTest;
  let venvs = 0;
  const fresh = (): Promise<VirtualEnvironment> => createVirtualEnvironment(join(temp.path, `venv-${String((venvs += 1))}`));
  const pip = (venv: VirtualEnvironment, args: string[], through = proxy) => runPip(venv, args, { indexUrl: through.simpleUrl });

  beforeAll(async () => {
    temp = await createTempFolder('through-palisade');
    index = await startFixtureIndex(all);
    htmlIndex = await startFixtureIndex(all, { htmlOnly: true });
    index.tamper(fragile.filename);
    const dbSource = await writePypiReports(join(temp.path, 'db'), [
      { id: 'MAL-2099-1001', project: 'greeting', versions: ['3.0'] },
      { id: 'MAL-2099-1002', project: 'evil-lib' },
    ]);
    proxy = await startProxyUnderTest({ index: index.simpleUrl, dataDir: join(temp.path, 'data'), dbSource });
    htmlProxy = await startProxyUnderTest({ index: htmlIndex.simpleUrl, dataDir: join(temp.path, 'data-html'), dbSource });
  }, 120_000);

  afterAll(async () => {
    await proxy?.close();
    await htmlProxy?.close();
    await index?.close();
    await htmlIndex?.close();
    await temp?.remove();
  }, 60_000);

  it('installs the newest safe version when the newest is malicious, with its dependency', async () => {
    const venv = await fresh();
    const result = await pip(venv, ['install', 'greeting']);
    expect(result.exitCode, describeResult('pip install greeting', result)).toBe(0);
    expect((await runPython(venv, 'import greeting, helper; print(greeting.VERSION)')).stdout.trim()).toBe('2.0');
    expect(index.requestCount(`/files/${greetingBad.filename}`)).toBe(0);
  });

  it('fails to install the malicious version when it is pinned: it is not offered', async () => {
    const venv = await fresh();
    const result = await pip(venv, ['install', 'greeting==3.0']);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toMatch(/No matching distribution found for greeting==3\.0/);
  });

  it('refuses a project whose every version is malicious, directly and as a dependency', async () => {
    const venv = await fresh();
    const direct = await pip(venv, ['install', 'evil-lib']);
    expect(direct.exitCode).not.toBe(0);
    expect(direct.stdout + direct.stderr).toMatch(/403|No matching distribution found for evil-lib/);
    const transitive = await pip(venv, ['install', 'app-with-evil-dep']);
    expect(transitive.exitCode).not.toBe(0);
    expect(transitive.stdout + transitive.stderr).toMatch(/evil-lib/);
    expect((await runPython(venv, 'import app_with_evil_dep')).exitCode).not.toBe(0);
    expect(index.requestCount('/simple/evil-lib/')).toBe(0);
  });

  it('refuses a direct download of a malicious file with a reason naming the report', async () => {
    const url = `${proxy.url}/pypi/files/greeting/${new URL(index.url).host}/files/${greetingBad.filename}`;
    const response = await fetch(url);
    expect([response.status, response.statusText]).toEqual([403, 'Blocked by Palisade: pypi package greeting@3.0 blocked: MAL-2099-1001']);
    expect(await response.text()).toContain('MAL-2099-1001');
  });

  it('installs a project asked by a name that is not normalised', async () => {
    const venv = await fresh();
    const result = await pip(venv, ['install', 'Mixed_Case.Name']);
    expect(result.exitCode, describeResult('pip install Mixed_Case.Name', result)).toBe(0);
    expect((await runPython(venv, 'import mixed_case_name; print(mixed_case_name.OK)')).stdout.trim()).toBe('True');
    const redirect = await fetch(`${proxy.simpleUrl}Mixed_Case.Name/`, { redirect: 'manual' });
    expect([redirect.status, redirect.headers.get('location')]).toEqual([301, `${proxy.simpleUrl}mixed-case-name/`]);
  });

  it('downloads the published bytes, and installs with --require-hashes (hashes unchanged)', async () => {
    const venv = await fresh();
    const download = await pip(venv, ['download', '--no-deps', '--dest', 'out', 'greeting==1.0']);
    expect(download.exitCode, describeResult('pip download', download)).toBe(0);
    expect(sha256Hex(await readFile(join(venv.path, 'out', greetingOld.filename)))).toBe(greetingOld.sha256);
    await writeFile(join(venv.path, 'req.txt'), `helper==1.0 --hash=sha256:${helper.sha256}\n`);
    const hashed = await pip(venv, ['install', '--require-hashes', '-r', 'req.txt']);
    expect(hashed.exitCode, describeResult('pip install --require-hashes', hashed)).toBe(0);
  });

  it('builds an sdist with build isolation, its build requirements fetched through Palisade', async () => {
    const venv = await fresh();
    const result = await pip(venv, ['install', 'built']);
    expect(result.exitCode, describeResult('pip install built', result)).toBe(0);
    expect((await runPython(venv, 'import built; print(built.VALUE)')).stdout.trim()).toBe('from sdist');
    const metrics = await (await fetch(`${proxy.url}/metrics`)).text();
    expect(metrics).toMatch(/palisade_request_duration_seconds_count\{ecosystem="pypi",kind="metadata",cache="MISS",outcome="served"\} [1-9]/);
    // Asked once, and by Palisade (pip's own requests say `pip/` in their User-Agent).
    const backendPages = index.requests().filter((request) => request.path === '/simple/tiny-backend/');
    expect(backendPages).toHaveLength(1);
    expect(backendPages[0]?.userAgent ?? '').not.toMatch(/^pip\//);
  });

  it('installs from an index that speaks only HTML, and serves a second install from the cache', async () => {
    const first = await pip(await fresh(), ['install', 'greeting'], htmlProxy);
    expect(first.exitCode, describeResult('pip install via HTML index', first)).toBe(0);
    const before = htmlIndex.requests().length;
    const second = await pip(await fresh(), ['install', 'greeting'], htmlProxy);
    expect(second.exitCode, describeResult('second pip install', second)).toBe(0);
    expect(htmlIndex.requests().length).toBe(before);
    const page = await fetch(`${htmlProxy.simpleUrl}greeting/`, { headers: { Accept: 'application/vnd.pypi.simple.v1+json' } });
    expect([page.headers.get('content-type'), page.headers.get('x-cache'), page.headers.get('x-proxy-type')]).toEqual(['application/vnd.pypi.simple.v1+json', 'HIT', 'pypi']);
  });

  it('refuses a file whose bytes do not match the published hash, and keeps nothing', async () => {
    const venv = await fresh();
    const result = await pip(venv, ['install', 'fragile']);
    expect(result.exitCode).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/502|fragile/);
    const again = await fetch(`${proxy.url}/pypi/files/fragile/${new URL(index.url).host}/files/${fragile.filename}`);
    expect([again.status, again.headers.get('x-palisade-error')]).toEqual([502, 'upstream-integrity']);
  });
});
