import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyAnswer } from './proxy-answer.ts';
import { startProxyScenario } from './proxy-scenario.ts';
import type { ProxyScenario } from './proxy-scenario.ts';
import { describeResult } from '@palisade/e2e-support';
import { installedVersion } from './test-project.ts';

const SCOPED = '@fixture-scope/scoped-lib';

// A scoped package whose newest version is flagged, asked for in every spelling clients use.
describe('scoped packages through the proxy', { timeout: 90_000 }, () => {
  let scenario: ProxyScenario;

  beforeAll(async () => {
    scenario = await startProxyScenario('scoped', {
      fixtures: [
        { name: SCOPED, version: '1.0.0' },
        { name: SCOPED, version: '1.1.0' },
      ],
      reports: [{ id: 'MAL-2099-0201', name: SCOPED, versions: ['1.1.0'] }],
    });
  }, 60_000);

  afterAll(async () => {
    await scenario?.close();
  }, 60_000);

  it.each(['%2f', '%2F', '/'])('serves the filtered packument asked as @fixture-scope%sscoped-lib', async (separator) => {
    const answer = await proxyAnswer(await scenario.fetchFromProxy(`/@fixture-scope${separator}scoped-lib`, { accept: 'application/json' }));
    expect(answer).toMatchObject({ status: 200, proxyType: 'npm' });
    const packument = JSON.parse(answer.body) as { name: string; 'dist-tags': Record<string, string>; versions: Record<string, { dist: { tarball: string } }> };
    expect(packument.name).toBe(SCOPED);
    expect(Object.keys(packument.versions)).toEqual(['1.0.0']);
    expect(packument['dist-tags']['latest']).toBe('1.0.0');
    expect(packument.versions['1.0.0']?.dist.tarball).toBe(`${scenario.proxy.url}/npm/${SCOPED}/-/scoped-lib-1.0.0.tgz`);
  });

  it('refuses the flagged scoped tarball', async () => {
    const answer = await proxyAnswer(await scenario.fetchFromProxy(`/${SCOPED}/-/scoped-lib-1.1.0.tgz`));
    expect(answer).toMatchObject({ status: 403, proxyType: 'npm', decision: 'blocked' });
    expect(answer.reason).toContain('MAL-2099-0201');
  });

  it('npm view shows the newest safe version', async () => {
    const npm = await scenario.npm();
    const result = await npm.run(['view', SCOPED, 'version', 'versions', '--json'], scenario.temp.path);
    expect(result.exitCode, describeResult(`npm view ${SCOPED}`, result)).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ version: '1.0.0', versions: ['1.0.0'] });
  });

  it('npm installs the scoped package', async () => {
    const npm = await scenario.npm();
    const project = await scenario.project();
    const result = await npm.run(['install', SCOPED], project);
    expect(result.exitCode, describeResult(`npm install ${SCOPED}`, result)).toBe(0);
    expect(await installedVersion(project, SCOPED)).toBe('1.0.0');
  });

  it('pnpm adds the scoped package', async () => {
    const pnpm = await scenario.pnpm();
    const project = await scenario.project();
    const result = await pnpm.run(['add', SCOPED], project);
    expect(result.exitCode, describeResult(`pnpm add ${SCOPED}`, result)).toBe(0);
    expect(await installedVersion(project, SCOPED)).toBe('1.0.0');
  });
});
