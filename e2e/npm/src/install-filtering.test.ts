import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportSummary } from './malicious-reports.ts';
import { proxyAnswer } from './proxy-answer.ts';
import { startProxyScenario } from './proxy-scenario.ts';
import type { ProxyScenario } from './proxy-scenario.ts';
import { describeResult } from '@palisade/e2e-support';
import { installedVersion } from './test-project.ts';

const RANGED_REPORT = 'MAL-2099-0101';
const WHOLLY_REPORT = 'MAL-2099-0102';

// Installs through the proxy where the newest version of one package and every version of
// another are flagged.
describe('installing through the proxy', { timeout: 90_000 }, () => {
  let scenario: ProxyScenario;

  beforeAll(async () => {
    scenario = await startProxyScenario('install', {
      fixtures: [
        { name: 'safe-pkg', version: '1.0.0' },
        { name: 'ranged-pkg', version: '1.0.0' },
        { name: 'ranged-pkg', version: '1.1.0' },
        { name: 'ranged-pkg', version: '1.2.0' },
        { name: 'wholly-bad', version: '1.0.0' },
        { name: 'wholly-bad', version: '2.0.0' },
        { name: 'header-pkg', version: '1.0.0' },
      ],
      reports: [
        { id: RANGED_REPORT, name: 'ranged-pkg', versions: ['1.2.0'] },
        { id: WHOLLY_REPORT, name: 'wholly-bad' },
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await scenario?.close();
  }, 60_000);

  it('answers a packument with X-Proxy-Type npm, X-Cache MISS and then HIT, tarballs pointing at the proxy', async () => {
    const first = await proxyAnswer(await scenario.fetchFromProxy('/header-pkg', { accept: 'application/json' }));
    expect(first).toMatchObject({ status: 200, proxyType: 'npm', cache: 'MISS' });
    const packument = JSON.parse(first.body) as { versions: Record<string, { dist: { tarball: string } }> };
    expect(packument.versions['1.0.0']?.dist.tarball).toBe(`${scenario.proxy.url}/npm/header-pkg/-/header-pkg-1.0.0.tgz`);
    const second = await proxyAnswer(await scenario.fetchFromProxy('/header-pkg', { accept: 'application/json' }));
    expect(second).toMatchObject({ status: 200, proxyType: 'npm', cache: 'HIT' });
    expect(second.body).toBe(first.body);
  });

  it('npm installs a safe package, its install-time audit passing through the proxy', async () => {
    const npm = await scenario.npm({ audit: true });
    const project = await scenario.project();
    const result = await npm.run(['install', 'safe-pkg'], project);
    expect(result.exitCode, describeResult('npm install safe-pkg', result)).toBe(0);
    expect(result.stdout).toContain('found 0 vulnerabilities');
    expect(await installedVersion(project, 'safe-pkg')).toBe('1.0.0');
  });

  it('pnpm adds a safe package', async () => {
    const pnpm = await scenario.pnpm();
    const project = await scenario.project();
    const result = await pnpm.run(['add', 'safe-pkg'], project);
    expect(result.exitCode, describeResult('pnpm add safe-pkg', result)).toBe(0);
    expect(await installedVersion(project, 'safe-pkg')).toBe('1.0.0');
  });

  it('leaves the flagged newest version out of the packument and points latest at the newest safe one', async () => {
    const answer = await proxyAnswer(await scenario.fetchFromProxy('/ranged-pkg', { accept: 'application/json' }));
    expect(answer.status).toBe(200);
    const packument = JSON.parse(answer.body) as { 'dist-tags': Record<string, string>; versions: Record<string, unknown> };
    expect(Object.keys(packument.versions).sort()).toEqual(['1.0.0', '1.1.0']);
    expect(packument['dist-tags']['latest']).toBe('1.1.0');
  });

  it('npm resolves ^1.0.0 to the newest safe version when the newest is flagged', async () => {
    const npm = await scenario.npm();
    const project = await scenario.project({ 'ranged-pkg': '^1.0.0' });
    const result = await npm.run(['install'], project);
    expect(result.exitCode, describeResult('npm install', result)).toBe(0);
    expect(await installedVersion(project, 'ranged-pkg')).toBe('1.1.0');
  });

  it('pnpm resolves ^1.0.0 to the newest safe version when the newest is flagged', async () => {
    const pnpm = await scenario.pnpm();
    const project = await scenario.project({ 'ranged-pkg': '^1.0.0' });
    const result = await pnpm.run(['install'], project);
    expect(result.exitCode, describeResult('pnpm install', result)).toBe(0);
    expect(await installedVersion(project, 'ranged-pkg')).toBe('1.1.0');
  });

  it('npm cannot install a pinned flagged version: it is no longer offered', async () => {
    const npm = await scenario.npm();
    const project = await scenario.project();
    const result = await npm.run(['install', 'ranged-pkg@1.2.0'], project);
    expect(result.exitCode, describeResult('npm install ranged-pkg@1.2.0', result)).not.toBe(0);
    expect(result.output).toMatch(/ETARGET|No matching version/);
    expect(await installedVersion(project, 'ranged-pkg')).toBeUndefined();
  });

  it('pnpm cannot add a pinned flagged version', async () => {
    const pnpm = await scenario.pnpm();
    const project = await scenario.project();
    const result = await pnpm.run(['add', 'ranged-pkg@1.2.0'], project);
    expect(result.exitCode, describeResult('pnpm add ranged-pkg@1.2.0', result)).not.toBe(0);
    expect(result.output).toContain('ERR_PNPM_NO_MATCHING_VERSION');
    expect(await installedVersion(project, 'ranged-pkg')).toBeUndefined();
  });

  it('refuses the packument of a package whose every version is flagged, with the block headers and an npm error body', async () => {
    const answer = await proxyAnswer(await scenario.fetchFromProxy('/wholly-bad', { accept: 'application/json' }));
    expect(answer).toMatchObject({ status: 403, proxyType: 'npm', decision: 'blocked' });
    expect(answer.reason).toContain(WHOLLY_REPORT);
    expect(answer.reasonPhrase).not.toBe('Forbidden');
    expect(answer.reasonPhrase).toContain('wholly-bad');
    expect(answer.error).toContain('wholly-bad');
    expect(answer.error).toContain(WHOLLY_REPORT);
    expect(answer.error).toContain(reportSummary('wholly-bad'));
  });

  it('npm install of a wholly flagged package fails naming the report', async () => {
    const npm = await scenario.npm();
    const project = await scenario.project();
    const result = await npm.run(['install', 'wholly-bad'], project);
    expect(result.exitCode, describeResult('npm install wholly-bad', result)).not.toBe(0);
    expect(result.output).toContain('403');
    expect(result.output).toContain(WHOLLY_REPORT);
    expect(await installedVersion(project, 'wholly-bad')).toBeUndefined();
  });

  it('pnpm add of a wholly flagged package fails with a 403', async () => {
    const pnpm = await scenario.pnpm();
    const project = await scenario.project();
    const result = await pnpm.run(['add', 'wholly-bad'], project);
    expect(result.exitCode, describeResult('pnpm add wholly-bad', result)).not.toBe(0);
    expect(result.output).toContain('ERR_PNPM_FETCH_403');
    expect(await installedVersion(project, 'wholly-bad')).toBeUndefined();
  });
});
