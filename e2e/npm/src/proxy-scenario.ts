import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packFixtures } from './fixture-packages.ts';
import type { FixtureSpec, PackedFixture } from './fixture-packages.ts';
import { startFixtureRegistry } from './fixture-registry.ts';
import type { FixtureRegistry } from './fixture-registry.ts';
import { writeReports } from './malicious-reports.ts';
import type { ReportSpec } from './malicious-reports.ts';
import { createNpmClient, createPnpmClient } from './package-clients.ts';
import type { PackageClient } from './package-clients.ts';
import { startProxyUnderTest } from './proxy-under-test.ts';
import type { ProxyUnderTest } from './proxy-under-test.ts';
import { createTempFolder } from '@palisade/e2e-support';
import type { TempFolder } from '@palisade/e2e-support';
import { writeProject } from './test-project.ts';

/** What one test file sets up: fixtures on a registry, reports in a database, a proxy in front. */
export interface ScenarioOptions {
  readonly fixtures: readonly FixtureSpec[];
  readonly reports: readonly ReportSpec[];
  /** Extra `PALISADE_*` settings for the proxy. */
  readonly proxySettings?: Readonly<Record<string, string>>;
  /** Policy settings, written to a policy file the proxy reads (`PALISADE_POLICY_FILE`). */
  readonly policy?: unknown;
}

/** A fixture registry with a proxy in front of it, and factories for clients and projects. */
export interface ProxyScenario {
  readonly temp: TempFolder;
  readonly fixtures: readonly PackedFixture[];
  readonly registry: FixtureRegistry;
  readonly proxy: ProxyUnderTest;
  /** A new npm client (fresh home and cache) for the proxy, or for the registry itself with `direct`. */
  npm(options?: { readonly direct?: boolean; readonly audit?: boolean }): Promise<PackageClient>;
  /** A new pnpm client (fresh home, store and cache) for the proxy, or for the registry itself with `direct`. */
  pnpm(options?: { readonly direct?: boolean }): Promise<PackageClient>;
  /** A new project folder with a package.json listing `dependencies`. */
  project(dependencies?: Readonly<Record<string, string>>): Promise<string>;
  /** GET `<proxy>/npm<path>`. */
  fetchFromProxy(path: string, headers?: Readonly<Record<string, string>>): Promise<Response>;
  close(): Promise<void>;
}

/** Packs the fixtures, starts the registry, writes the reports and starts the proxy. */
export async function startProxyScenario(label: string, options: ScenarioOptions): Promise<ProxyScenario> {
  const temp = await createTempFolder(label);
  let registry: FixtureRegistry | undefined;
  try {
    const fixtures = await packFixtures(await temp.subfolder('fixtures'), options.fixtures);
    registry = await startFixtureRegistry(fixtures);
    const dbSource = await writeReports(await temp.subfolder('db'), options.reports);
    const policyFile = options.policy === undefined ? undefined : join(await temp.subfolder('policy'), 'policy.json');
    if (policyFile !== undefined) await writeFile(policyFile, JSON.stringify(options.policy, null, 2));
    const settings = { ...options.proxySettings, ...(policyFile !== undefined && { PALISADE_POLICY_FILE: policyFile }) };
    const proxy = await startProxyUnderTest({ upstream: registry.url, dataDir: await temp.subfolder('data'), dbSource, settings });
    return scenarioOf(temp, fixtures, registry, proxy);
  } catch (error) {
    await registry?.close();
    await temp.remove();
    throw error;
  }
}

function scenarioOf(temp: TempFolder, fixtures: readonly PackedFixture[], registry: FixtureRegistry, proxy: ProxyUnderTest): ProxyScenario {
  const registryFor = (direct: boolean | undefined) => (direct === true ? `${registry.url}/` : proxy.npmRegistry);
  return {
    temp,
    fixtures,
    registry,
    proxy,
    npm: async (o = {}) => createNpmClient({ registry: registryFor(o.direct), home: await temp.subfolder('npm-home'), audit: o.audit === true }),
    pnpm: async (o = {}) => createPnpmClient({ registry: registryFor(o.direct), home: await temp.subfolder('pnpm-home') }),
    project: async (dependencies = {}) => {
      const dir = await temp.subfolder('project');
      await writeProject(dir, dependencies);
      return dir;
    },
    fetchFromProxy: (path, headers = {}) => fetch(`${proxy.url}/npm${path}`, { headers }),
    close: async () => {
      await proxy.close();
      await registry.close();
      await temp.remove();
    },
  };
}
