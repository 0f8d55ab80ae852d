import { STATUS_CODES, type ServerResponse } from 'node:http';
import { Hono, type MiddlewareHandler } from 'hono';
import { CACHE_HEADER, passedThrough, PROXY_TYPE_HEADER, reasonPhrase, requestHeader } from '@palisade/http';
import { databaseAgeSeconds, databaseCommit } from './database-freshness.ts';
import type { DatabasePolicy } from './database-policy.ts';
import type { ProxyMetrics } from './metrics/proxy-metrics.ts';

export interface ServerAppOptions {
  readonly policy: DatabasePolicy;
  readonly metrics: ProxyMetrics;
  readonly proxyName: string;
  /** The adapters' apps by mount path (`/npm`, ...). */
  readonly adapters: Readonly<Record<string, Hono>>;
  /** The operator API, mounted under `/api` (see `createApiApp`). */
  readonly api?: Hono | undefined;
  /** Milliseconds since the epoch, for the database's age (default `Date.now`). */
  readonly now?: () => number;
}

const json = (body: unknown, status: number, statusText?: string) =>
  new Response(JSON.stringify(body), { status, ...(statusText && { statusText: reasonPhrase(statusText) }), headers: { 'Content-Type': 'application/json' } });

/**
 * What every request meets first. One that already passed through this proxy (an upstream
 * pointing back at it) is refused with 508. And a response's custom reason phrase is put
 * on the wire: @hono/node-server writes the status without one, and Node then keeps a
 * `statusMessage` set beforehand. For several clients the phrase is the only text they
 * show when a request is refused.
 */
const proxyEdge = (proxyName: string, adapterPaths: readonly string[]): MiddlewareHandler => async (c, next) => {
  if (passedThrough(requestHeader(c, 'via'), proxyName)) {
    c.res = json({ error: `This request already passed through ${proxyName}: an upstream points back at the proxy` }, 508, `Loop detected: the request already passed through ${proxyName}`);
    const adapter = adapterPaths.find((path) => c.req.path.startsWith(`${path}/`));
    if (adapter) {
      c.res.headers.set(PROXY_TYPE_HEADER, adapter.slice(1));
      c.res.headers.set(CACHE_HEADER, 'BYPASS');
    }
  } else {
    await next();
  }
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  // Only refusals and errors carry their own phrase. Reading `statusText` makes
  // @hono/node-server build a full Response (a copy of the body): not for every answer.
  if (!outgoing || c.res.status < 400) return;
  const phrase = c.res.statusText;
  if (phrase && phrase !== STATUS_CODES[c.res.status]) outgoing.statusMessage = phrase;
};

/** What `/readyz` says of the database in use; undefined while none is. */
function databaseStatus(policy: DatabasePolicy, nowMs: number) {
  const header = policy.database?.header;
  if (!header) return undefined;
  const commit = databaseCommit(header);
  const stale = policy.staleness;
  return { builtAt: header.builtAt, ageSeconds: databaseAgeSeconds(header, nowMs) ?? null, reports: header.reports, ...(commit !== undefined && { commit }), stale: stale !== undefined, ...(stale !== undefined && { staleReason: stale }) };
}

/** The proxy's root app: health, readiness, metrics and the adapters. */
export function createServerApp(options: ServerAppOptions): Hono {
  const app = new Hono();
  app.use(proxyEdge(options.proxyName, Object.keys(options.adapters)));
  app.get('/healthz', () => json({ status: 'alive' }, 200));
  app.get('/readyz', () => {
    const { policy } = options;
    const database = databaseStatus(policy, (options.now ?? Date.now)());
    const problem = policy.problem;
    return policy.ready ? json({ status: 'ready', database }, 200) : json({ status: 'not ready', reason: problem, database }, 503, `Not ready: ${problem}`);
  });
  app.get('/metrics', async () => new Response(await options.metrics.metricsText(), { headers: { 'Content-Type': options.metrics.contentType } }));
  if (options.api) app.route('/api', options.api);
  // `route`, not `mount`: the adapter runs in this app's request, with no second Request built.
  for (const [path, adapter] of Object.entries(options.adapters)) app.route(path, adapter);
  app.notFound(() => json({ error: 'Not found: Palisade serves /npm/, /pypi/simple/, /go/, /healthz, /readyz, /metrics and /api/' }, 404));
  app.onError(() => json({ error: 'Palisade failed to answer this request; the error is in the proxy log' }, 500));
  return app;
}
