import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startProxyUnderTest as startProxy, type ProxyUnderTest as RunningProxy } from '@palisade/e2e-support';

/** The proxy under test, with the index URL pip is given. */
export interface ProxyUnderTest extends RunningProxy {
  /** `<url>/pypi/simple/`. */
  readonly simpleUrl: string;
}

/** A malicious-package report for a PyPI project: some versions, or every version. */
export interface PypiReport {
  readonly id: string;
  readonly project: string;
  readonly versions?: readonly string[];
}

/** Writes reports in the OpenSSF layout (`osv/malicious/pypi/<project>/<id>.json`) under `root`, and returns `root`. */
export async function writePypiReports(root: string, reports: readonly PypiReport[]): Promise<string> {
  for (const report of reports) {
    const folder = join(root, 'osv', 'malicious', 'pypi', report.project);
    await mkdir(folder, { recursive: true });
    const affected =
      report.versions === undefined
        ? { package: { ecosystem: 'PyPI', name: report.project }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }] }
        : { package: { ecosystem: 'PyPI', name: report.project }, versions: [...report.versions] };
    const osv = { schema_version: '1.5.0', id: report.id, modified: '2099-01-02T00:00:00Z', published: '2099-01-01T00:00:00Z', summary: `Malicious code in ${report.project} (PyPI)`, details: 'Fixture report.', affected: [affected] };
    await writeFile(join(folder, `${report.id}.json`), JSON.stringify(osv, null, 2));
  }
  return root;
}

/** Starts the proxy (see `startProxyUnderTest` in `@palisade/e2e-support`) with `index` as its PyPI upstream. */
export async function startProxyUnderTest(options: { index: string; dataDir: string; dbSource: string; settings?: Record<string, string> }): Promise<ProxyUnderTest> {
  const proxy = await startProxy({ dataDir: options.dataDir, dbSource: options.dbSource, settings: { PALISADE_PYPI_UPSTREAM: options.index, ...options.settings } });
  return { ...proxy, simpleUrl: `${proxy.url}/pypi/simple/` };
}
