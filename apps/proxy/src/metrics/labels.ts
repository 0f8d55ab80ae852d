/**
 * The label values the proxy's metrics take. They are closed sets so that no request can
 * create new time series by what it asks for.
 */

/** The ecosystem a request was for; `none` for requests outside any (health, metrics, unknown paths). */
export const ECOSYSTEM_LABELS = ['npm', 'pypi', 'go', 'none'] as const;
export type EcosystemLabel = (typeof ECOSYSTEM_LABELS)[number];

/** `metadata`: package documents, indexes, version lists. `artifact`: tarballs, wheels, module zips. `other`: the rest. */
export const REQUEST_KINDS = ['metadata', 'artifact', 'other'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** How the cache answered: as `@palisade/cache` reports it, or `BYPASS` when the request did not go through the cache. */
export const CACHE_LABELS = ['HIT', 'MISS', 'STALE', 'BYPASS'] as const;
export type CacheLabel = (typeof CACHE_LABELS)[number];

/**
 * How a request ended:
 * - `served`: answered with the content asked for (including a 304 to a conditional request);
 * - `filtered`: metadata served with flagged versions removed;
 * - `blocked`: refused because the policy denies the package or version;
 * - `audited`: served although the policy flags it (audit mode);
 * - `not_found`: the package, version or path does not exist;
 * - `bad_request`: the request was malformed (an invalid name or path);
 * - `loop_detected`: refused because the request already went through this proxy;
 * - `refused_unready`: refused because the proxy is not ready (the database is not loaded);
 * - `upstream_error`: the registry failed or timed out and nothing cached could be served;
 * - `error`: the proxy failed.
 */
export const REQUEST_OUTCOMES = ['served', 'filtered', 'blocked', 'audited', 'not_found', 'bad_request', 'loop_detected', 'refused_unready', 'upstream_error', 'error'] as const;
export type RequestOutcome = (typeof REQUEST_OUTCOMES)[number];

/** An upstream response by its status class; `error` when no response came (network error, timeout). */
export const STATUS_CLASSES = ['2xx', '3xx', '4xx', '5xx', 'error'] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

/** The class of an HTTP status; anything outside 200-599 (or not an integer) counts as `error`. */
export function statusClass(status: number | 'error'): StatusClass {
  if (status === 'error' || !Number.isInteger(status) || status < 200 || status > 599) return 'error';
  return STATUS_CLASSES[Math.floor(status / 100) - 2] ?? 'error';
}
