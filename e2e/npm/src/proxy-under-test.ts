import { loadConfig, startProxy } from '@palisade/proxy';

/** A Palisade proxy running in this process for a test file. */
export interface ProxyUnderTest {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  /** The npm registry root clients are pointed at: `<url>/npm/`. */
  readonly npmRegistry: string;
  close(): Promise<void>;
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

/**
 * Starts the proxy on a free port of 127.0.0.1, configured only through its environment
 * settings. Upstream retries are off so that each client request makes one upstream request.
 */
export async function startProxyUnderTest(options: ProxyOptions): Promise<ProxyUnderTest> {
  const env = {
    PALISADE_HOST: '127.0.0.1',
    PALISADE_PORT: '0',
    PALISADE_DATA_DIR: options.dataDir,
    PALISADE_NPM_UPSTREAM: `${options.upstream}/`,
    PALISADE_DB_SOURCE: options.dbSource,
    PALISADE_UPSTREAM_RETRIES: '0',
    ...options.settings,
  };
  const loaded = await loadConfig({ argv: [], env, cwd: options.dataDir });
  if (!loaded.ok) throw new Error(`proxy configuration refused: ${loaded.error}`);
  const proxy = await startProxy(loaded.value);
  return { url: proxy.url, npmRegistry: `${proxy.url}/npm/`, close: () => proxy.close() };
}
