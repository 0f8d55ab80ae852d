import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempFolder, describeResult, type TempFolder } from '@palisade/e2e-support';
import { buildWheel } from './fixtures/distributions.ts';
import { startFixtureIndex, type FixtureIndex } from './fixtures/fixture-index.ts';
import { runPip, runPython } from './fixtures/pip.ts';
import { createVirtualEnvironment, type VirtualEnvironment } from './fixtures/virtual-environment.ts';
import { startProxyUnderTest, writePypiReports, type ProxyUnderTest } from './proxy-under-test.ts';

// Real pip through a proxy with a policy file: the release-age cooldown (times from the
// page's PEP 700 upload-time), an allow entry over a report, a package in audit mode, a
// deny entry, and an internal name.

const wheel = (name: string, version: string) => buildWheel({ name, version, modules: { [`${name.replace(/-/g, '_')}.py`]: `VERSION = "${version}"\n` } });
const freshOld = wheel('fresh-pkg', '1.0');
const freshNew = wheel('fresh-pkg', '2.0');
const allowed = wheel('allowed-pkg', '1.0');
const audited = wheel('audited-pkg', '1.0');
const deniedOld = wheel('denied-pkg', '1.0');
const deniedNew = wheel('denied-pkg', '2.0');
const internal = wheel('corp-secrets', '1.0');
const all = [freshOld, freshNew, allowed, audited, deniedOld, deniedNew, internal];
const policy = {
  cooldown: { pypi: 48 },
  allow: [{ ecosystem: 'pypi', package: 'allowed-pkg', versions: '==1.0', reason: 'MAL-2099-2001 names the wrong project' }],
  deny: [{ ecosystem: 'pypi', package: 'denied-pkg', versions: '>=2', reason: 'not reviewed yet' }],
  modes: [{ ecosystem: 'pypi', package: 'audited-pkg', mode: 'audit' }],
  internal: [{ ecosystem: 'pypi', package: 'corp-*' }],
};

describe('pip through Palisade with a policy file', { timeout: 180_000 }, () => {
  let temp: TempFolder;
  let index: FixtureIndex;
  let proxy: ProxyUnderTest;
  let venvs = 0;
  const fresh = (): Promise<VirtualEnvironment> => createVirtualEnvironment(join(temp.path, `venv-${String((venvs += 1))}`));
  const pip = (venv: VirtualEnvironment, args: string[]) => runPip(venv, args, { indexUrl: proxy.simpleUrl });
  const versionIn = async (venv: VirtualEnvironment, module: string) => (await runPython(venv, `import ${module}; print(${module}.VERSION)`)).stdout.trim();

  beforeAll(async () => {
    temp = await createTempFolder('pip-policy');
    index = await startFixtureIndex(all, { uploadedAt: { [freshNew.filename]: new Date(Date.now() - 3_600_000) } });
    const dbSource = await writePypiReports(join(temp.path, 'db'), [
      { id: 'MAL-2099-2001', project: 'allowed-pkg' },
      { id: 'MAL-2099-2002', project: 'audited-pkg' },
    ]);
    const policyFile = join(temp.path, 'policy.json');
    await writeFile(policyFile, JSON.stringify(policy));
    proxy = await startProxyUnderTest({ index: index.simpleUrl, dataDir: join(temp.path, 'data'), dbSource, settings: { PALISADE_POLICY_FILE: policyFile } });
  }, 120_000);

  afterAll(async () => {
    await proxy?.close();
    await index?.close();
    await temp?.remove();
  }, 60_000);

  it('installs the version old enough while the newest is younger than the cooldown, and refuses the young one pinned', async () => {
    const venv = await fresh();
    const result = await pip(venv, ['install', 'fresh-pkg']);
    expect(result.exitCode, describeResult('pip install fresh-pkg', result)).toBe(0);
    expect(await versionIn(venv, 'fresh_pkg')).toBe('1.0');
    const pinned = await pip(venv, ['install', 'fresh-pkg==2.0']);
    expect(pinned.exitCode).not.toBe(0);
    expect(pinned.stderr).toMatch(/No matching distribution found for fresh-pkg==2\.0/);
    const direct = await fetch(`${proxy.url}/pypi/files/fresh-pkg/${new URL(index.url).host}/files/${freshNew.filename}`);
    expect([direct.status, direct.headers.get('x-palisade-reason')]).toEqual([403, 'release-age:48h']);
    expect(await direct.text()).toMatch(/less than the 48 h cooldown/);
    expect(index.requestCount(`/files/${freshNew.filename}`)).toBe(0);
  });

  it('installs a version a report flags when an allow entry covers it', async () => {
    const venv = await fresh();
    const result = await pip(venv, ['install', 'allowed-pkg']);
    expect(result.exitCode, describeResult('pip install allowed-pkg', result)).toBe(0);
    expect(await versionIn(venv, 'allowed_pkg')).toBe('1.0');
  });

  it('serves a flagged package in audit mode, marked audited, and logs the finding', async () => {
    const venv = await fresh();
    const result = await pip(venv, ['install', 'audited-pkg']);
    expect(result.exitCode, describeResult('pip install audited-pkg', result)).toBe(0);
    const page = await fetch(`${proxy.simpleUrl}audited-pkg/`, { headers: { Accept: 'application/vnd.pypi.simple.v1+json' } });
    expect([page.status, page.headers.get('x-palisade-decision'), page.headers.get('x-palisade-reason')]).toEqual([200, 'audit', 'MAL-2099-2002']);
    const logged = proxy.logLines().map((line) => JSON.parse(line) as { event: string; package?: string }).filter((entry) => entry.event === 'request-audited' && entry.package === 'audited-pkg');
    expect(logged.length).toBeGreaterThan(0);
  });

  it('leaves out the versions a deny entry names, and refuses an internal name without asking the index', async () => {
    const venv = await fresh();
    const result = await pip(venv, ['install', 'denied-pkg']);
    expect(result.exitCode, describeResult('pip install denied-pkg', result)).toBe(0);
    expect(await versionIn(venv, 'denied_pkg')).toBe('1.0');
    const secret = await pip(venv, ['install', 'corp-secrets']);
    expect(secret.exitCode).not.toBe(0);
    expect(secret.stdout + secret.stderr).toMatch(/403|corp-secrets/);
    expect(index.requestCount('/simple/corp-secrets/')).toBe(0);
  });
});
