import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyAnswer } from './proxy-answer.ts';
import { startProxyScenario } from './proxy-scenario.ts';
import type { ProxyScenario } from './proxy-scenario.ts';
import { describeResult } from '@palisade/e2e-support';
import { installedVersion } from './test-project.ts';

const REPORT = 'MAL-2099-0301';

// Projects whose lockfiles were made straight from the registry (no proxy, so the flagged
// version could be locked) are then installed and audited through the proxy.
describe('lockfiles pinning a flagged version', { timeout: 90_000 }, () => {
  let scenario: ProxyScenario;

  beforeAll(async () => {
    scenario = await startProxyScenario('lockfile', {
      fixtures: [
        { name: 'locked-pkg', version: '1.0.0' },
        { name: 'locked-pkg', version: '1.1.0' },
      ],
      reports: [{ id: REPORT, name: 'locked-pkg', versions: ['1.1.0'] }],
    });
  }, 60_000);

  afterAll(async () => {
    await scenario?.close();
  }, 60_000);

  /** A project depending on locked-pkg@version with an npm lockfile whose tarball URLs point at the proxy. */
  async function npmProjectLocking(version: string): Promise<string> {
    const project = await scenario.project({ 'locked-pkg': version });
    const direct = await scenario.npm({ direct: true });
    const lock = await direct.run(['install', '--package-lock-only'], project);
    expect(lock.exitCode, describeResult('npm install --package-lock-only (direct)', lock)).toBe(0);
    const lockPath = join(project, 'package-lock.json');
    const text = await readFile(lockPath, 'utf8');
    expect(text).toContain(`${scenario.registry.url}/locked-pkg/-/locked-pkg-${version}.tgz`);
    await writeFile(lockPath, text.replaceAll(`${scenario.registry.url}/`, scenario.proxy.npmRegistry));
    return project;
  }

  it('npm ci through the proxy installs a lockfile pinning a safe version', async () => {
    const project = await npmProjectLocking('1.0.0');
    const result = await (await scenario.npm()).run(['ci'], project);
    expect(result.exitCode, describeResult('npm ci', result)).toBe(0);
    expect(await installedVersion(project, 'locked-pkg')).toBe('1.0.0');
  });

  it('npm ci through the proxy fails on a lockfile pinning the flagged tarball, naming the block and the report', async () => {
    const project = await npmProjectLocking('1.1.0');
    const tarball = `${scenario.proxy.npmRegistry}locked-pkg/-/locked-pkg-1.1.0.tgz`;
    const direct = await proxyAnswer(await fetch(tarball));
    expect(direct).toMatchObject({ status: 403, proxyType: 'npm', decision: 'blocked' });
    expect(direct.reason).toContain(REPORT);

    const result = await (await scenario.npm()).run(['ci'], project);
    expect(result.exitCode, describeResult('npm ci', result)).not.toBe(0);
    expect(result.output).toContain(`403 ${direct.reasonPhrase} - GET ${tarball}`);
    expect(result.output).toContain(REPORT);
    expect(await installedVersion(project, 'locked-pkg')).toBeUndefined();
    expect(scenario.registry.requests().map((r) => r.url)).not.toContain('/locked-pkg/-/locked-pkg-1.1.0.tgz');
  });

  it('npm audit through the proxy lists the flagged package with its report id', async () => {
    const project = await npmProjectLocking('1.1.0');
    const result = await (await scenario.npm()).run(['audit'], project);
    expect(result.exitCode, describeResult('npm audit', result)).not.toBe(0);
    expect(result.stdout).toContain('locked-pkg');
    expect(result.stdout).toContain(REPORT);
  });

  it('npm audit through the proxy finds nothing in a lockfile pinning the safe version', async () => {
    const project = await npmProjectLocking('1.0.0');
    const result = await (await scenario.npm()).run(['audit'], project);
    expect(result.exitCode, describeResult('npm audit', result)).toBe(0);
    expect(result.stdout).toContain('found 0 vulnerabilities');
  });

  it('pnpm audit through the proxy lists the flagged package with its report id', async () => {
    const project = await scenario.project({ 'locked-pkg': '1.1.0' });
    const lock = await (await scenario.pnpm({ direct: true })).run(['install', '--lockfile-only'], project);
    expect(lock.exitCode, describeResult('pnpm install --lockfile-only (direct)', lock)).toBe(0);
    const result = await (await scenario.pnpm()).run(['audit'], project);
    expect(result.exitCode, describeResult('pnpm audit', result)).not.toBe(0);
    expect(result.output).toContain('locked-pkg');
    expect(result.output).toContain(REPORT);
  });
});
