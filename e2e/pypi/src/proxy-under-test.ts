import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig, startProxy } from '@palisade/proxy';

/** A Palisade proxy running in this process, with a PyPI upstream. */
export interface ProxyUnderTest {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  /** The index URL pip is given: `<url>/pypi/simple/`. */
  readonly simpleUrl: string;
  /** What the proxy logged so far, one JSON line per event. */
  logLines(): string[];
  close(): Promise<void>;
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

/** Starts the proxy on a free port of 127.0.0.1 with `index` as its PyPI upstream; fails unless it is ready. */
export async function startProxyUnderTest(options: { index: string; dataDir: string; dbSource: string; settings?: Record<string, string> }): Promise<ProxyUnderTest> {
  const env = {
    PALISADE_HOST: '127.0.0.1',
    PALISADE_PORT: '0',
    PALISADE_DATA_DIR: options.dataDir,
    PALISADE_PYPI_UPSTREAM: options.index,
    PALISADE_DB_SOURCE: options.dbSource,
    PALISADE_UPSTREAM_RETRIES: '0',
    ...options.settings,
  };
  const loaded = await loadConfig({ argv: [], env, cwd: options.dataDir });
  if (!loaded.ok) throw new Error(`proxy configuration refused: ${loaded.error}`);
  const lines: string[] = [];
  const proxy = await startProxy(loaded.value, { log: (event, fields) => void lines.push(JSON.stringify({ event, ...fields })) });
  const ready = await fetch(`${proxy.url}/readyz`);
  if (ready.status !== 200) {
    await proxy.close();
    throw new Error(`the proxy is not ready (${ready.status}); its log:\n${lines.join('\n')}`);
  }
  return { url: proxy.url, simpleUrl: `${proxy.url}/pypi/simple/`, logLines: () => [...lines], close: () => proxy.close() };
}
