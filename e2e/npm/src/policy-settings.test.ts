import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeResult } from '@palisade/e2e-support';
import { proxyAnswer } from './proxy-answer.ts';
import { startProxyScenario, type ProxyScenario } from './proxy-scenario.ts';
import { installedVersion } from './test-project.ts';

const ALLOWED_REPORT = 'MAL-2099-0401';
const AUDITED_REPORT = 'MAL-2099-0402';
const DAYS_30 = 30 * 24;

// npm and pnpm through a proxy with a policy file beyond the database: a 48-hour release-age
// cooldown, an allow entry over a report, a package in audit mode, a deny entry, and the
// @corp scope declared internal. Fixture versions are published "30 days ago" or "1 hour
// ago" by the proxy's (real) clock.
describe('policy settings', { timeout: 90_000 }, () => {
  let scenario: ProxyScenario;

  beforeAll(async () => {
    scenario = await startProxyScenario('policy', {
      fixtures: [
        { name: 'cool-pkg', version: '1.0.0', publishedHoursAgo: DAYS_30 },
        { name: 'cool-pkg', version: '1.1.0', publishedHoursAgo: 1 },
        { name: 'allowed-pkg', version: '1.0.0', publishedHoursAgo: DAYS_30 },
        { name: 'allowed-pkg', version: '1.1.0', publishedHoursAgo: DAYS_30 },
        { name: 'audited-pkg', version: '1.0.0', publishedHoursAgo: DAYS_30 },
        { name: 'denied-pkg', version: '1.0.0', publishedHoursAgo: DAYS_30 },
        { name: 'denied-pkg', version: '1.1.0', publishedHoursAgo: DAYS_30 },
        { name: '@corp/secret', version: '1.0.0', publishedHoursAgo: DAYS_30 },
      ],
      reports: [
        { id: ALLOWED_REPORT, name: 'allowed-pkg', versions: ['1.1.0'] },
        { id: AUDITED_REPORT, name: 'audited-pkg' },
      ],
      policy: {
        cooldown: { npm: 48 },
        allow: [{ ecosystem: 'npm', package: 'allowed-pkg', versions: '1.1.0', reason: 'reviewed: the report is a false positive' }],
        deny: [{ ecosystem: 'npm', package: 'denied-pkg', versions: '>=1.1.0', reason: 'not approved for use here' }],
        modes: [{ ecosystem: 'npm', package: 'audited-pkg', mode: 'audit' }],
        internal: [{ ecosystem: 'npm', package: '@corp/*' }],
      },
    });
  }, 60_000);

  afterAll(async () => {
    await scenario?.close();
  }, 60_000);

  /** A project depending on `name@version` with an npm lockfile made straight from the registry, its tarball URLs pointed at the proxy. */
  async function npmProjectLocking(name: string, version: string): Promise<string> {
    const project = await scenario.project({ [name]: version });
    const lock = await (await scenario.npm({ direct: true })).run(['install', '--package-lock-only'], project);
    expect(lock.exitCode, describeResult('npm install --package-lock-only (direct)', lock)).toBe(0);
    const lockPath = join(project, 'package-lock.json');
    await writeFile(lockPath, (await readFile(lockPath, 'utf8')).replaceAll(`${scenario.registry.url}/`, scenario.proxy.npmRegistry));
    return project;
  }

  it('npm and pnpm install the version old enough when the newest is younger than the cooldown', async () => {
    const npmProject = await scenario.project({ 'cool-pkg': '^1.0.0' });
    const npm = await (await scenario.npm()).run(['install'], npmProject);
    expect(npm.exitCode, describeResult('npm install', npm)).toBe(0);
    expect(await installedVersion(npmProject, 'cool-pkg')).toBe('1.0.0');
    const pnpmProject = await scenario.project({ 'cool-pkg': '^1.0.0' });
    const pnpm = await (await scenario.pnpm()).run(['install'], pnpmProject);
    expect(pnpm.exitCode, describeResult('pnpm install', pnpm)).toBe(0);
    expect(await installedVersion(pnpmProject, 'cool-pkg')).toBe('1.0.0');
  });

  it('npm ci fails on a lockfile pinning the young version, with a 403 naming the cooldown', async () => {
    const project = await npmProjectLocking('cool-pkg', '1.1.0');
    const tarball = `${scenario.proxy.npmRegistry}cool-pkg/-/cool-pkg-1.1.0.tgz`;
    const direct = await proxyAnswer(await fetch(tarball));
    expect(direct).toMatchObject({ status: 403, decision: 'blocked', reason: 'release-age:48h' });
    expect(direct.error).toContain('less than the 48 h cooldown');
    const result = await (await scenario.npm()).run(['ci'], project);
    expect(result.exitCode, describeResult('npm ci', result)).not.toBe(0);
    expect(result.output).toContain(`403 ${direct.reasonPhrase} - GET ${tarball}`);
    expect(await installedVersion(project, 'cool-pkg')).toBeUndefined();
    expect(scenario.registry.requests().map((request) => request.url)).not.toContain('/cool-pkg/-/cool-pkg-1.1.0.tgz');
  });

  it('npm installs a flagged version an allow entry lets through', async () => {
    const project = await scenario.project();
    const result = await (await scenario.npm()).run(['install', 'allowed-pkg@1.1.0'], project);
    expect(result.exitCode, describeResult('npm install allowed-pkg@1.1.0', result)).toBe(0);
    expect(await installedVersion(project, 'allowed-pkg')).toBe('1.1.0');
  });

  it('serves a flagged package in audit mode, marked audited, and logs the finding', async () => {
    const project = await scenario.project();
    const result = await (await scenario.npm()).run(['install', 'audited-pkg'], project);
    expect(result.exitCode, describeResult('npm install audited-pkg', result)).toBe(0);
    expect(await installedVersion(project, 'audited-pkg')).toBe('1.0.0');
    const tarball = await proxyAnswer(await fetch(`${scenario.proxy.npmRegistry}audited-pkg/-/audited-pkg-1.0.0.tgz`));
    expect(tarball).toMatchObject({ status: 200, decision: 'audit', reason: AUDITED_REPORT });
    const audited = scenario.proxy.logLines().map((line) => JSON.parse(line) as { event: string; package?: string; reasons?: string[] }).filter((entry) => entry.event === 'request-audited' && entry.package === 'audited-pkg');
    expect(audited.length).toBeGreaterThan(0);
    expect(audited[0]?.reasons).toEqual([AUDITED_REPORT]);
  });

  it('npm installs the version a deny entry leaves, and the denied one is refused with its reason', async () => {
    const project = await scenario.project();
    const result = await (await scenario.npm()).run(['install', 'denied-pkg'], project);
    expect(result.exitCode, describeResult('npm install denied-pkg', result)).toBe(0);
    expect(await installedVersion(project, 'denied-pkg')).toBe('1.0.0');
    const denied = await proxyAnswer(await fetch(`${scenario.proxy.npmRegistry}denied-pkg/-/denied-pkg-1.1.0.tgz`));
    expect(denied).toMatchObject({ status: 403, decision: 'blocked', reason: 'deny:npm:denied-pkg' });
    expect(denied.error).toContain('not approved for use here');
  });

  it('npm and pnpm are refused an internal package, and the public registry is never asked for it', async () => {
    const npmProject = await scenario.project();
    const npm = await (await scenario.npm()).run(['install', '@corp/secret'], npmProject);
    expect(npm.exitCode, describeResult('npm install @corp/secret', npm)).not.toBe(0);
    expect(npm.output).toContain('403');
    expect(npm.output).toContain('internal:npm:@corp/*');
    const pnpm = await (await scenario.pnpm()).run(['add', '@corp/secret'], await scenario.project());
    expect(pnpm.exitCode, describeResult('pnpm add @corp/secret', pnpm)).not.toBe(0);
    expect(pnpm.output).toContain('ERR_PNPM_FETCH_403');
    expect(scenario.registry.requests().filter((request) => request.url.includes('corp'))).toEqual([]);
  });
});
