import type { Hono } from 'hono';
import type { Cache } from '@palisade/cache';
import { PalisadeError, type Ecosystem } from '@palisade/core';
import { createUpstreamClient, type HotAnswers, type RequestRecord, type UpstreamClient } from '@palisade/http';
import { createGoApp } from '@palisade/go';
import { createNpmApp } from '@palisade/npm';
import { createPypiApp } from '@palisade/pypi';
import type { ProxyConfig } from './config/proxy-config.ts';
import type { DatabasePolicy } from './database-policy.ts';
import type { ProxyMetrics } from './metrics/proxy-metrics.ts';
import { upstreamLabel, type UpstreamHealth } from './upstream-health.ts';
import { errorText } from './error-text.ts';

/** What every adapter is built with. */
export interface AdapterWiring {
  readonly config: ProxyConfig;
  readonly cache: Cache;
  readonly policy: DatabasePolicy;
  readonly metrics: ProxyMetrics;
  readonly hotAnswers: HotAnswers;
  /** The proxy's public URL, ending in `/` (known once it listens). */
  readonly publicUrl: () => string;
  readonly clock: () => number;
  readonly observe: (record: RequestRecord) => void;
  readonly log: (event: string, fields: Record<string, unknown>) => void;
  readonly fetch?: typeof globalThis.fetch | undefined;
  /** Told of every final upstream answer, for `/api/status` and the up/down log lines. */
  readonly upstreamHealth?: UpstreamHealth | undefined;
}

/** The JSON API beside a Simple index: `https://pypi.org/simple/` → `https://pypi.org/pypi/`; none for an index elsewhere. */
export function pypiJsonApiUrl(indexUrl: string): string | undefined {
  return indexUrl.endsWith('/simple/') ? `${indexUrl.slice(0, -'simple/'.length)}pypi/` : undefined;
}

/** The adapters by mount path, each with its upstream clients. */
export function createAdapters(wiring: AdapterWiring): Record<string, Hono> {
  const { config, metrics, log } = wiring;
  const client = (ecosystem: Ecosystem, baseUrl: string): UpstreamClient => {
    const label = upstreamLabel(baseUrl);
    return createUpstreamClient({
      ecosystem,
      baseUrl,
      timeoutMs: config.upstream.timeoutMs,
      retries: config.upstream.retries,
      proxyName: config.proxyName,
      forwardAuthorization: config.upstream.forwardAuthorization,
      onResponse: (status) => {
        metrics.observeUpstream(ecosystem, status);
        wiring.upstreamHealth?.observe(ecosystem, label, status);
      },
      ...(wiring.fetch && { fetch: wiring.fetch }),
    });
  };
  const onError = (error: unknown, request: Request) =>
    error instanceof PalisadeError
      ? log('request-failed', { url: request.url, status: error.status, code: error.code, message: error.message })
      : log('request-failed', { url: request.url, error: errorText(error) });
  const shared = { cache: wiring.cache, clock: wiring.clock, observe: wiring.observe, hotAnswers: wiring.hotAnswers, onError };
  const npm = createNpmApp({ ...shared, upstream: client('npm', config.upstreams.npm), policy: () => wiring.policy.view('npm'), publicUrl: () => `${wiring.publicUrl()}npm/` });
  const index = config.upstreams.pypi;
  const jsonApi = pypiJsonApiUrl(index);
  // Files may come from the index's own origin and the configured ones.
  const fileOrigins = [...new Set([`${new URL(index).origin}/`, ...config.pypiFileOrigins])];
  const pypi = createPypiApp({
    ...shared,
    index: client('pypi', index),
    ...(jsonApi && { jsonApi: client('pypi', jsonApi) }),
    files: fileOrigins.map((origin) => client('pypi', origin)),
    policy: () => wiring.policy.view('pypi'),
    publicUrl: () => `${wiring.publicUrl()}pypi/`,
    log,
  });
  const go = createGoApp({
    ...shared,
    upstream: client('go', config.upstreams.go),
    sumdb: { name: config.goSumdb.name, client: client('go', config.goSumdb.url) },
    policy: () => wiring.policy.view('go'),
  });
  return { '/npm': npm, '/pypi': pypi, '/go': go };
}
