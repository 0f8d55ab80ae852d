import { loadConfig, startProxy } from '@palisade/proxy';

/** A Palisade proxy running in this process for a test file. */
export interface ProxyUnderTest {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  /** What the proxy logged so far (event name and fields), oldest first, one JSON line each. */
  logLines(): string[];
  close(): Promise<void>;
}

export interface ProxyOptions {
  /** An empty folder for the proxy's cache and snapshot. */
  readonly dataDir: string;
  /** The database source folder, in the OpenSSF layout; without one, the proxy reads only the snapshot in `dataDir` (as a sync writes it). */
  readonly dbSource?: string;
  /** `PALISADE_*` settings: the upstream under test, TTLs, modes. */
  readonly settings?: Readonly<Record<string, string>>;
}

/**
 * Starts the proxy on a free port of 127.0.0.1, configured only through its environment
 * settings. Upstream retries are off so that each client request makes one upstream request.
 * Its log is kept in memory (see `logLines`) rather than printed. Fails unless `/readyz` answers
 * 200 (the database loaded).
 */
export async function startProxyUnderTest(options: ProxyOptions): Promise<ProxyUnderTest> {
  const env = {
    PALISADE_HOST: '127.0.0.1',
    PALISADE_PORT: '0',
    PALISADE_DATA_DIR: options.dataDir,
    ...(options.dbSource !== undefined && { PALISADE_DB_SOURCE: options.dbSource }),
    PALISADE_UPSTREAM_RETRIES: '0',
    ...options.settings,
  };
  const loaded = await loadConfig({ argv: [], env, cwd: options.dataDir });
  if (!loaded.ok) throw new Error(`proxy configuration refused: ${loaded.error}`);
  const lines: string[] = [];
  const proxy = await startProxy(loaded.value, { log: (event, fields) => void lines.push(JSON.stringify({ event, ...fields })) });
  const ready = await fetch(`${proxy.url}/readyz`);
  if (ready.status !== 200) {
    const body = await ready.text();
    await proxy.close();
    throw new Error(`the proxy is not ready (${ready.status} ${body}); its log:\n${lines.join('\n')}`);
  }
  return { url: proxy.url, logLines: () => [...lines], close: () => proxy.close() };
}
