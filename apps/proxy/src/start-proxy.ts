import { mkdir } from 'node:fs/promises';
import { createServer, type RequestListener, type ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { openCache } from '@palisade/cache';
import { HotAnswers, type RequestRecord } from '@palisade/http';
import { databaseSourceKind } from '@palisade/malicious-db';
import { createAdapters } from './adapters.ts';
import { createApiApp } from './api/api-app.ts';
import { clientGate } from './api/client-gate.ts';
import { TokenSet } from './api/token-set.ts';
import type { ProxyConfig } from './config/proxy-config.ts';
import { databaseSnapshotFile, loadDatabase } from './database.ts';
import { databaseCommit } from './database-freshness.ts';
import { DatabaseInUse } from './database-in-use.ts';
import { DatabasePolicy } from './database-policy.ts';
import { watchDatabase } from './database-watch.ts';
import { fileSignature } from './file-poll.ts';
import { createProxyMetrics } from './metrics/proxy-metrics.ts';
import { startingPolicy } from './policy-file.ts';
import { policyReporter } from './policy-report.ts';
import { describeSettings, watchPolicyFile } from './policy-watch.ts';
import { openProxyRequestLog } from './request-log/open-log.ts';
import { raiseRetroactiveAlerts } from './request-log/retroactive-alerts.ts';
import { requestObserver } from './request-observer.ts';
import { createServerApp } from './server-app.ts';
import { UpstreamHealth } from './upstream-health.ts';

export interface ProxyDependencies {
  /** Milliseconds since the epoch (default `Date.now`). */
  readonly now?: () => number;
  /** Where the proxy reports what happens (default: one JSON line per event on stdout). */
  readonly log?: (event: string, fields: Record<string, unknown>) => void;
  readonly fetch?: typeof globalThis.fetch;
}

export interface RunningProxy {
  /** `http://host:port`, without a trailing slash. */
  readonly url: string;
  readonly policy: DatabasePolicy;
  close(): Promise<void>;
}

const defaultLog = (event: string, fields: Record<string, unknown>) => void process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), event, ...fields })}\n`);

type Fetch = (request: Request, env: unknown) => Response | Promise<Response>;

/**
 * Listens with `fetch` behind `hot`: a request passes the client gate (credentials, the
 * address to log), then is offered to the remembered answers first. A request without
 * `Content-Length` or `Transfer-Encoding` has no body (RFC 9112, 6.3), and Node is told so
 * (`optimizeEmptyRequests`, Node 24.12 and later): its body stream starts ended instead of
 * being read to its end and closed on later ticks, which a GET otherwise pays for after
 * its answer is sent. The app reads bodies through @hono/node-server, which takes an ended
 * stream as an empty body.
 */
function listen(config: ProxyConfig, fetch: Fetch, hot: HotAnswers): Promise<{ server: ServerType; port: number }> {
  const { clientTokens, trustForwardedFor } = config.access;
  const admit = clientGate({ tokens: new TokenSet(clientTokens), trustForwardedFor });
  const withHotAnswers = (options: ServerOptions, listener: RequestListener) =>
    createServer({ ...options, optimizeEmptyRequests: true }, (incoming, outgoing) => {
      if (admit(incoming, outgoing) && !hot.serve(incoming, outgoing)) listener(incoming, outgoing);
    });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname: config.host, port: config.port, createServer: withHotAnswers as typeof createServer }, (info: AddressInfo) => resolve({ server, port: info.port }));
    server.once('error', reject);
  });
}

/**
 * Starts the proxy: reads the policy settings (rejects when the policy file is not valid,
 * naming its problem), opens the cache under the data folder, listens, then loads the
 * malicious-package database (requests are refused with 503 in enforce mode until it is
 * in). Resolves once the database is loaded or has failed to load. From then on the saved
 * snapshot and the policy file are watched: new ones are put in use without a restart.
 */
export async function startProxy(config: ProxyConfig, dependencies: ProxyDependencies = {}): Promise<RunningProxy> {
  const now = dependencies.now ?? Date.now;
  const log = dependencies.log ?? defaultLog;
  const starting = await startingPolicy(config.policyFile, config.policy);
  if (!starting.ok) throw new Error(starting.error);
  await mkdir(config.dataDir, { recursive: true });
  const cache = await openCache({
    root: join(config.dataDir, 'cache'),
    diskBytes: config.cache.diskBytes,
    memoryBytes: config.cache.memoryBytes,
    maxStaleSeconds: config.cache.maxStaleSeconds,
    ttlSeconds: config.cache.ttlSeconds,
    now,
  });
  const metrics = createProxyMetrics({ now });
  const report = policyReporter((decision) => metrics.observePolicyDecision(decision), log);
  const policy = new DatabasePolicy(config.modes, { refuseWhenStale: config.database.refuseWhenStale, settings: starting.value.settings, now, report });
  let publicUrl = config.publicUrl ?? '';
  const clock = () => performance.now() / 1000;
  const requestLog = openProxyRequestLog(config, log, now);
  if (requestLog) metrics.registerRequestLog(() => requestLog.stats());
  const entryContext = { settings: () => policy.settings, modes: config.modes, index: () => policy.database?.index, now };
  const observe: (record: RequestRecord) => void = requestObserver({ metrics, log, requestLog, entryContext });
  const upstreamHealth = new UpstreamHealth({ now, log });
  // Answers made from fresh entries, repeated without running the app. Their bodies are
  // mostly the very buffers the memory tier and the prepared packuments hold.
  const hotAnswers = new HotAnswers({ maxBytes: Math.floor(config.cache.memoryBytes / 4), clock, observe });
  // A repeated answer is a cache hit like any other.
  metrics.registerCache('shared', () => {
    const stats = cache.stats();
    return { ...stats, hits: stats.hits + hotAnswers.stats().served };
  });
  const adapters = createAdapters({ config, cache, policy, metrics, hotAnswers, publicUrl: () => publicUrl, clock, observe, log, fetch: dependencies.fetch, upstreamHealth });
  let reloadDatabase = async (): Promise<void> => undefined;
  const api = createApiApp({
    adminToken: config.access.adminToken,
    policy,
    cache,
    cacheStats: () => {
      const stats = cache.stats();
      return { ...stats, hits: stats.hits + hotAnswers.stats().served };
    },
    upstreams: () => upstreamHealth.statuses(),
    requestLog,
    reloadDatabase: () => reloadDatabase(),
    log,
    now,
  });
  const app = createServerApp({ policy, metrics, proxyName: config.proxyName, adapters, api, now });
  const { server, port } = await listen(config, app.fetch, hotAnswers);
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${port}`;
  publicUrl ||= `${url}/`;
  log('listening', { url, publicUrl, dataDir: config.dataDir });
  const policyFile = starting.value.file;
  if (policyFile !== undefined || config.policy !== undefined) log('policy-loaded', { ...(policyFile && { file: policyFile.path }), ...describeSettings(starting.value.settings) });
  const intervalMs = config.database.pollSeconds * 1000;
  const policyWatch = policyFile && watchPolicyFile({ file: policyFile.path, intervalMs, use: (settings) => policy.useSettings(settings), log, seen: policyFile.signature });

  const snapshotFile = databaseSnapshotFile(config.dataDir);
  const afterSwap = requestLog && ((change: Parameters<typeof raiseRetroactiveAlerts>[1]) => raiseRetroactiveAlerts({ requestLog, log, count: (ecosystem) => metrics.observeRetroactiveAlert(ecosystem) }, change));
  const database = new DatabaseInUse({ policy, cache, metrics, log, now, maxAgeSeconds: config.database.maxAgeSeconds, afterSwap });
  // Read before the load, so that a snapshot a sync writes meanwhile is seen as new; when
  // the load itself writes the snapshot (from dbSource), after it.
  let seen = await fileSignature(snapshotFile);
  // A folder is read here too; a git repository or an OSV zip is the sync's to read.
  const folder = config.dbSource !== undefined && databaseSourceKind(config.dbSource) === 'folder' ? config.dbSource : undefined;
  const loaded = await loadDatabase({ source: folder, snapshotFile, now });
  if (loaded.ok) {
    const { builtAt, reports, source } = loaded.value.header;
    const commit = databaseCommit(loaded.value.header);
    log('database-loaded', { reports, builtAt, source: source.location, ...(commit !== undefined && { commit }) });
    database.install(loaded.value);
    if (folder !== undefined) seen = await fileSignature(snapshotFile);
  } else {
    policy.fail(loaded.error);
    log('database-unavailable', { problem: loaded.error });
  }
  const watch = watchDatabase({ file: snapshotFile, intervalMs, database, log, seen });
  reloadDatabase = () => watch.check();
  return {
    url,
    policy,
    close: async () => {
      await watch.close();
      await policyWatch?.close();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      requestLog?.close();
    },
  };
}
