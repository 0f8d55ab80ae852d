import { startProxyUnderTest as startProxy, type ProxyUnderTest as RunningProxy } from '@palisade/e2e-support';

/** The proxy under test, with the npm registry root clients are pointed at. */
export interface ProxyUnderTest extends RunningProxy {
  /** `<url>/npm/`. */
  readonly npmRegistry: string;
}

/** Where the proxy under test gets its packages and reports from. */
export interface ProxyOptions {
  /** The upstream npm registry, no trailing slash. */
  readonly upstream: string;
  /** An empty folder for the proxy's cache and snapshot. */
  readonly dataDir: string;
  /** The database source folder (see `writeReports`). */
  readonly dbSource: string;
  /** Extra `PALISADE_*` settings, such as `PALISADE_TTL_NPM_METADATA: '0'`. */
  readonly settings?: Readonly<Record<string, string>>;
}

/** Starts the proxy (see `startProxyUnderTest` in `@palisade/e2e-support`) with `upstream` as its npm registry. */
export async function startProxyUnderTest(options: ProxyOptions): Promise<ProxyUnderTest> {
  const proxy = await startProxy({ dataDir: options.dataDir, dbSource: options.dbSource, settings: { PALISADE_NPM_UPSTREAM: `${options.upstream}/`, ...options.settings } });
  return { ...proxy, npmRegistry: `${proxy.url}/npm/` };
}
