import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packFixtures } from './fixture-packages.ts';
import { startFixtureRegistry } from './fixture-registry.ts';
import type { FixtureRegistry } from './fixture-registry.ts';
import { createNpmClient, createPnpmClient } from './package-clients.ts';
import { describeResult } from '@palisade/e2e-support';
import { createTempFolder } from '@palisade/e2e-support';
import type { TempFolder } from '@palisade/e2e-support';
import { installedVersion, writeProject } from './test-project.ts';

// The harness itself, with no proxy in between: real npm and pnpm must accept the fixture
// registry as a registry, so that what the proxy tests see is the proxy's doing.
describe('real npm and pnpm against the fixture registry directly', { timeout: 90_000 }, () => {
  let temp: TempFolder;
  let registry: FixtureRegistry;

  beforeAll(async () => {
    temp = await createTempFolder('direct');
    const fixtures = await packFixtures(await temp.subfolder('fixtures'), [
      { name: 'direct-dep', version: '1.0.0' },
      { name: 'direct-app', version: '1.0.0', dependencies: { 'direct-dep': '^1.0.0' } },
      { name: 'direct-app', version: '1.1.0', dependencies: { 'direct-dep': '^1.0.0', '@direct/scoped': '^1.0.0' } },
      { name: '@direct/scoped', version: '1.0.0' },
    ]);
    registry = await startFixtureRegistry(fixtures);
  }, 60_000);

  afterAll(async () => {
    await registry?.close();
    await temp?.remove();
  }, 60_000);

  it('npm installs a package with a plain and a scoped dependency, then npm ci reinstalls it from the lockfile', async () => {
    const npm = await createNpmClient({ registry: `${registry.url}/`, home: await temp.subfolder('npm-home'), audit: true });
    const project = await temp.subfolder('npm-project');
    await writeProject(project);
    const install = await npm.run(['install', 'direct-app'], project);
    expect(install.exitCode, describeResult('npm install', install)).toBe(0);
    expect(await installedVersion(project, 'direct-app')).toBe('1.1.0');
    expect(await installedVersion(project, '@direct/scoped')).toBe('1.0.0');
    const lock = await readFile(join(project, 'package-lock.json'), 'utf8');
    expect(lock).toContain(`"resolved": "${registry.url}/@direct/scoped/-/scoped-1.0.0.tgz"`);
    const scopedRequest = registry.requests().find((r) => r.url.toLowerCase() === '/@direct%2fscoped');
    expect(scopedRequest?.headers['npm-command']).toBe('install');
    expect(registry.requests().some((r) => r.url === '/-/npm/v1/security/advisories/bulk')).toBe(true);

    const ci = await npm.run(['ci'], project);
    expect(ci.exitCode, describeResult('npm ci', ci)).toBe(0);
    expect(await installedVersion(project, 'direct-dep')).toBe('1.0.0');
  });

  it('npm view shows a scoped package', async () => {
    const npm = await createNpmClient({ registry: `${registry.url}/`, home: await temp.subfolder('npm-view-home') });
    const view = await npm.run(['view', '@direct/scoped', 'version'], temp.path);
    expect(view.exitCode, describeResult('npm view', view)).toBe(0);
    expect(view.stdout.trim()).toBe('1.0.0');
  });

  it('npm audit finds nothing', async () => {
    const npm = await createNpmClient({ registry: `${registry.url}/`, home: await temp.subfolder('npm-audit-home') });
    const project = await temp.subfolder('npm-audit-project');
    await writeProject(project, { 'direct-app': '1.0.0' });
    const lock = await npm.run(['install', '--package-lock-only'], project);
    expect(lock.exitCode, describeResult('npm install --package-lock-only', lock)).toBe(0);
    const audit = await npm.run(['audit'], project);
    expect(audit.exitCode, describeResult('npm audit', audit)).toBe(0);
    expect(audit.stdout).toContain('found 0 vulnerabilities');
  });

  it('pnpm adds a package with a plain and a scoped dependency, and pnpm audit finds nothing', async () => {
    const pnpm = await createPnpmClient({ registry: `${registry.url}/`, home: await temp.subfolder('pnpm-home') });
    const project = await temp.subfolder('pnpm-project');
    await writeProject(project);
    const add = await pnpm.run(['add', 'direct-app'], project);
    expect(add.exitCode, describeResult('pnpm add', add)).toBe(0);
    expect(await installedVersion(project, 'direct-app')).toBe('1.1.0');
    expect(registry.requests().some((r) => r.url === '/@direct%2Fscoped')).toBe(true);
    const audit = await pnpm.run(['audit'], project);
    expect(audit.exitCode, describeResult('pnpm audit', audit)).toBe(0);
    expect(audit.output).toContain('No known vulnerabilities found');
    expect(registry.requests().some((r) => r.url === '/-/npm/v1/security/audits/quick')).toBe(true);
  });
});
