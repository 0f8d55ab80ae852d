import type { Ecosystem } from '@palisade/core';

/** How one upstream fared lately: `unknown` until it first answers or fails. */
export interface UpstreamStatus {
  readonly ecosystem: Ecosystem;
  /** The upstream's URL without credentials. */
  readonly url: string;
  readonly state: 'unknown' | 'up' | 'down';
  /** Since when it is in that state (ISO 8601); absent while unknown. */
  readonly since?: string;
  readonly lastSuccessAt?: string;
  readonly lastFailureAt?: string;
  /** The last failure: `status 503`, or `no answer` (network error or timeout). */
  readonly lastFailure?: string;
}

/** An upstream URL as logs and the API show it: origin and path, never credentials. */
export function upstreamLabel(baseUrl: string): string {
  const url = new URL(baseUrl);
  return `${url.origin}${url.pathname}`;
}

/** A final upstream answer that says the registry is not serving: none at all, a 5xx, or 429 (after the client's retries). */
const isFailure = (status: number | 'error') => status === 'error' || status >= 500 || status === 429;

interface Tracked {
  ecosystem: Ecosystem;
  url: string;
  state: 'unknown' | 'up' | 'down';
  since?: number;
  lastSuccessAt?: number;
  lastFailureAt?: number;
  lastFailure?: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The health of each upstream, from the final answers of the upstream clients: the last
 * success and failure, and whether it is up or down now. A change between up and down is
 * logged once (`upstream-down`, `upstream-up`), not once per request.
 */
export class UpstreamHealth {
  readonly #upstreams = new Map<string, Tracked>();
  readonly #now: () => number;
  readonly #log: (event: string, fields: Record<string, unknown>) => void;

  constructor(options: { readonly now: () => number; readonly log: (event: string, fields: Record<string, unknown>) => void }) {
    this.#now = options.now;
    this.#log = options.log;
  }

  /** Records a final answer (`status`) or its absence (`error`) from the upstream `url` of `ecosystem`. */
  observe(ecosystem: Ecosystem, url: string, status: number | 'error'): void {
    const key = `${ecosystem} ${url}`;
    let tracked = this.#upstreams.get(key);
    if (tracked === undefined) this.#upstreams.set(key, (tracked = { ecosystem, url, state: 'unknown' }));
    const now = this.#now();
    const failed = isFailure(status);
    if (failed) Object.assign(tracked, { lastFailureAt: now, lastFailure: status === 'error' ? 'no answer' : `status ${status}` });
    else tracked.lastSuccessAt = now;
    const state = failed ? 'down' : 'up';
    if (state === tracked.state) return;
    const wasDownSince = tracked.state === 'down' ? tracked.since : undefined;
    const wasKnown = tracked.state !== 'unknown';
    Object.assign(tracked, { state, since: now });
    if (state === 'down') this.#log('upstream-down', { ecosystem, upstream: url, problem: tracked.lastFailure });
    else if (wasKnown) this.#log('upstream-up', { ecosystem, upstream: url, ...(wasDownSince !== undefined && { downSeconds: Math.round((now - wasDownSince) / 1000) }) });
  }

  /** Every upstream seen so far. */
  statuses(): UpstreamStatus[] {
    return [...this.#upstreams.values()].map((tracked) => ({
      ecosystem: tracked.ecosystem,
      url: tracked.url,
      state: tracked.state,
      ...(tracked.since !== undefined && { since: iso(tracked.since) }),
      ...(tracked.lastSuccessAt !== undefined && { lastSuccessAt: iso(tracked.lastSuccessAt) }),
      ...(tracked.lastFailureAt !== undefined && tracked.lastFailure !== undefined && { lastFailureAt: iso(tracked.lastFailureAt), lastFailure: tracked.lastFailure }),
    }));
  }
}
