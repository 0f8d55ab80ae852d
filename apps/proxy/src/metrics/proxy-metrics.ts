import type { CacheStats } from '@palisade/cache';
import type { Ecosystem, PolicyDecision } from '@palisade/core';
import { collectDefaultMetrics, Counter, Registry } from 'prom-client';
import { createCacheMetrics } from './cache-metrics.ts';
import { createDatabaseMetrics, type DatabaseInfo } from './database-metrics.ts';
import { createPolicyMetrics } from './policy-effects.ts';
import { createRequestLogMetrics, type RequestLogFigures } from './request-log-metrics.ts';
import { SeriesHistogram } from './series-histogram.ts';
import { statusClass, type CacheLabel, type EcosystemLabel, type RequestKind, type RequestOutcome } from './labels.ts';

/** One finished request, as the server reports it. */
export interface RequestObservation {
  readonly ecosystem: EcosystemLabel;
  readonly kind: RequestKind;
  readonly cache: CacheLabel;
  readonly outcome: RequestOutcome;
  readonly durationSeconds: number;
  /** The package a `blocked` request was refused for (its name as the database has it); other outcomes ignore it. */
  readonly blockedPackage?: string | undefined;
}

/** The proxy's Prometheus metrics, on a registry of their own. */
export interface ProxyMetrics {
  /** The registry holding every metric, default process metrics included. */
  readonly registry: Registry;
  /** The `Content-Type` of `metricsText()`. */
  readonly contentType: string;
  /** Records a finished request; a `blocked` one is also counted per package. */
  observeRequest(observation: RequestObservation): void;
  /** Records an upstream response by status class, or `error` when none came. */
  observeUpstream(ecosystem: Ecosystem, status: number | 'error'): void;
  /** Publishes a cache's statistics under `label` (an ecosystem, or `shared`), read at each scrape. */
  registerCache(label: string, stats: () => CacheStats): void;
  /** The database in use, or undefined when none is loaded. */
  setDatabase(info: DatabaseInfo | undefined): void;
  /** Counts a decision the policy settings or audit mode shaped, by its effects (see `POLICY_EFFECTS`). */
  observePolicyDecision(decision: PolicyDecision): void;
  /** Publishes the request log's figures, read at each scrape. */
  registerRequestLog(stats: () => RequestLogFigures): void;
  /** Counts a retroactive alert. */
  observeRetroactiveAlert(ecosystem: Ecosystem): void;
  /** Every metric in the Prometheus text exposition format. */
  metricsText(): Promise<string>;
}

export interface ProxyMetricsOptions {
  /** The clock for the database age, in milliseconds since the epoch (default `Date.now`). */
  readonly now?: () => number;
}

/** Request durations from 1 ms to 30 s: a cache hit takes milliseconds, a large artifact from a slow upstream seconds. */
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Package names are bounded by the database, but a label value is still kept short. */
const MAX_PACKAGE_LABEL = 256;

/** Creates the proxy's metrics on a new registry (the global one is left alone), with `palisade_` process metrics. */
export function createProxyMetrics(options: ProxyMetricsOptions = {}): ProxyMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'palisade_' });
  const duration = new SeriesHistogram({
    name: 'palisade_request_duration_seconds',
    help: 'Time from receiving a request to finishing its response, by ecosystem, kind, cache answer and outcome.',
    buckets: DURATION_BUCKETS,
  });
  duration.registerOn(registry);
  const blocked = new Counter({
    name: 'palisade_blocked_requests_total',
    help: 'Requests refused because the policy denies the package, by ecosystem and package.',
    labelNames: ['ecosystem', 'package'],
    registers: [registry],
  });
  const upstream = new Counter({
    name: 'palisade_upstream_requests_total',
    help: 'Requests sent to upstream registries, by ecosystem and response status class (error: no response).',
    labelNames: ['ecosystem', 'status_class'],
    registers: [registry],
  });
  const registerCache = createCacheMetrics(registry);
  const setDatabase = createDatabaseMetrics(registry, options.now ?? Date.now);
  const observePolicyDecision = createPolicyMetrics(registry);
  const requestLogMetrics = createRequestLogMetrics(registry);
  // One series per label combination (a closed set), found label by label: no key is built per request.
  type Observe = (seconds: number) => void;
  const durationSeries = new Map<string, Map<string, Map<string, Map<string, Observe>>>>();
  const durationFor = (ecosystem: string, kind: string, cache: string, outcome: string): Observe => {
    let byKind = durationSeries.get(ecosystem);
    if (!byKind) durationSeries.set(ecosystem, (byKind = new Map()));
    let byCache = byKind.get(kind);
    if (!byCache) byKind.set(kind, (byCache = new Map()));
    let byOutcome = byCache.get(cache);
    if (!byOutcome) byCache.set(cache, (byOutcome = new Map()));
    let observe = byOutcome.get(outcome);
    if (!observe) byOutcome.set(outcome, (observe = duration.series({ ecosystem, kind, cache, outcome })));
    return observe;
  };
  return {
    registry,
    contentType: registry.contentType,
    observeRequest({ ecosystem, kind, cache, outcome, durationSeconds, blockedPackage }) {
      durationFor(ecosystem, kind, cache, outcome)(Number.isFinite(durationSeconds) && durationSeconds > 0 ? durationSeconds : 0);
      if (outcome === 'blocked') blocked.inc({ ecosystem, package: (blockedPackage ?? '').slice(0, MAX_PACKAGE_LABEL) });
    },
    observeUpstream(ecosystem, status) {
      upstream.inc({ ecosystem, status_class: statusClass(status) });
    },
    registerCache,
    setDatabase,
    observePolicyDecision,
    registerRequestLog: requestLogMetrics.registerRequestLog,
    observeRetroactiveAlert: requestLogMetrics.observeRetroactiveAlert,
    metricsText: () => registry.metrics(),
  };
}
