import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyAnswer } from './proxy-answer.ts';
import { startProxyScenario } from './proxy-scenario.ts';
import type { ProxyScenario } from './proxy-scenario.ts';
import { describeResult } from '@palisade/e2e-support';
import { installedVersion } from './test-project.ts';

// Metadata goes stale at once (TTL 0), so every packument request after the first needs
// the upstream; when it is down the proxy serves what it has.
describe('the upstream going down', { timeout: 90_000 }, () => {
  let scenario: ProxyScenario;

  beforeAll(async () => {
    scenario = await startProxyScenario('down', {
      fixtures: [
        { name: 'steady-pkg', version: '1.0.0' },
        { name: 'never-asked', version: '1.0.0' },
      ],
      reports: [],
      proxySettings: { PALISADE_TTL_NPM_METADATA: '0' },
    });
  }, 60_000);

  afterAll(async () => {
    await scenario?.registry.setFailure('none');
    await scenario?.close();
  }, 60_000);

  it('installs once while the upstream is up, filling the cache', async () => {
    const project = await scenario.project();
    const result = await (await scenario.npm()).run(['install', 'steady-pkg'], project);
    expect(result.exitCode, describeResult('npm install steady-pkg', result)).toBe(0);
    expect(await proxyAnswer(await scenario.fetchFromProxy('/steady-pkg', { accept: 'application/json' }))).toMatchObject({ status: 200 });
  });

  it.each(['unavailable', 'refused'] as const)('with the upstream %s: the stale packument is served and npm install still works', async (failure) => {
    await scenario.registry.setFailure(failure);
    try {
      const answer = await proxyAnswer(await scenario.fetchFromProxy('/steady-pkg', { accept: 'application/json' }));
      expect(answer).toMatchObject({ status: 200, proxyType: 'npm', cache: 'STALE' });
      expect((JSON.parse(answer.body) as { name: string }).name).toBe('steady-pkg');
      const project = await scenario.project();
      const result = await (await scenario.npm()).run(['install', 'steady-pkg'], project);
      expect(result.exitCode, describeResult('npm install steady-pkg (upstream down)', result)).toBe(0);
      expect(await installedVersion(project, 'steady-pkg')).toBe('1.0.0');
    } finally {
      await scenario.registry.setFailure('none');
    }
  });

  it('answers a 5xx for a package it never cached while the upstream is down', async () => {
    await scenario.registry.setFailure('unavailable');
    try {
      const answer = await proxyAnswer(await scenario.fetchFromProxy('/never-asked', { accept: 'application/json' }));
      expect(answer.proxyType).toBe('npm');
      expect(answer.status).toBeGreaterThanOrEqual(500);
    } finally {
      await scenario.registry.setFailure('none');
    }
  });
});
