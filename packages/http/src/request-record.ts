import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import type { Ecosystem } from '@palisade/core';
import { CACHE_HEADER, DECISION_HEADER, PROXY_TYPE_HEADER, REASON_HEADER, type CacheStatus } from './proxy-headers.ts';
import { requestClient, type RequestClient } from './request-client.ts';

/** What a request was for: a package's metadata, an artifact (tarball, wheel, zip), or anything else. */
export type RequestKind = 'metadata' | 'artifact' | 'other';

/**
 * How a request ended: `served`; `filtered` (metadata served with denied versions
 * removed); `blocked`; `audited` (audit mode served what enforce would refuse);
 * `not_found`; `bad_request` (a malformed, unsupported or oversized request);
 * `loop_detected`; `refused_unready` (no database loaded in enforce mode); `upstream_error`
 * (the registry failed or timed out and nothing cached could be served); `error`.
 */
export type RequestOutcome = 'served' | 'filtered' | 'blocked' | 'audited' | 'not_found' | 'bad_request' | 'loop_detected' | 'refused_unready' | 'upstream_error' | 'error';

/** One request as the metrics and the request log see it, with who sent it when the Node request was at hand. */
export interface RequestRecord extends RequestClient {
  readonly ecosystem: Ecosystem;
  readonly kind: RequestKind;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly cache: CacheStatus;
  readonly outcome: RequestOutcome;
  readonly package?: string | undefined;
  readonly version?: string | undefined;
  /** Report ids behind a block or an audit finding. */
  readonly reasons: readonly string[];
  readonly durationSeconds: number;
}

/** What a handler says about its request, for the record. */
export interface RequestTarget {
  readonly kind: RequestKind;
  readonly package?: string | undefined;
  readonly version?: string | undefined;
  /** Set when the policy removed versions from the metadata served. */
  readonly filtered?: boolean | undefined;
  /**
   * Set by a handler whose response already carries `X-Proxy-Type` and `X-Cache`: the
   * record is made from these values and the response is left as it is (reading or
   * changing its headers after the fact costs a copy of its body on @hono/node-server).
   */
  readonly answered?: { readonly cache: CacheStatus; readonly decision?: string | undefined; readonly reasons?: string | undefined } | undefined;
}

const TARGET = 'palisadeTarget';

/** Notes what the current request is for (package, version, kind). */
export function noteTarget(c: Context, target: RequestTarget): void {
  c.set(TARGET as never, target as never);
}

export interface ObserveOptions {
  readonly ecosystem: Ecosystem;
  /** Seconds from an arbitrary origin, for durations. */
  readonly clock: () => number;
  readonly observe?: ((record: RequestRecord) => void) | undefined;
}

/** The outcome a response's status, decision header and error code stand for. */
export function outcomeOf(status: number, decision: string | null | undefined, errorCode: string | null, target: RequestTarget | undefined): RequestOutcome {
  if (decision === 'blocked') return 'blocked';
  if (status === 404 || status === 410) return 'not_found';
  if (status === 508) return 'loop_detected';
  if (status === 503 && errorCode === 'database-unavailable') return 'refused_unready';
  if (status === 502 || status === 503 || status === 504) return 'upstream_error';
  if (status >= 500) return 'error';
  if (status >= 400) return 'bad_request';
  if (decision === 'audit') return 'audited';
  return target?.filtered ? 'filtered' : 'served';
}

/**
 * Middleware for an adapter's sub-app: stamps `X-Proxy-Type` and `X-Cache` (BYPASS when a
 * handler set none) on every response, and reports each request once it is answered.
 */
export function observeRequests(options: ObserveOptions): MiddlewareHandler {
  return async (c, next) => {
    const started = options.clock();
    await next();
    const target = c.get(TARGET as never) as RequestTarget | undefined;
    const answered = target?.answered;
    let cache: CacheStatus;
    let decision: string | null | undefined;
    let reasons: string | null | undefined;
    let errorCode: string | null = null;
    if (answered) {
      ({ cache, decision, reasons } = answered);
    } else {
      const headers = c.res.headers;
      headers.set(PROXY_TYPE_HEADER, options.ecosystem);
      if (!headers.has(CACHE_HEADER)) headers.set(CACHE_HEADER, 'BYPASS');
      cache = headers.get(CACHE_HEADER) as CacheStatus;
      decision = headers.get(DECISION_HEADER);
      reasons = headers.get(REASON_HEADER);
      errorCode = headers.get('X-Palisade-Error');
    }
    if (!options.observe) return;
    const status = c.res.status;
    const client = requestClient((c.env as { incoming?: IncomingMessage } | undefined)?.incoming);
    // Every property written, in one order (HotAnswers writes the same): records of one shape.
    options.observe({
      clientAddress: client.clientAddress,
      userAgent: client.userAgent,
      identity: client.identity,
      ecosystem: options.ecosystem,
      kind: target?.kind ?? 'other',
      method: c.req.method,
      path: c.req.path,
      status,
      cache,
      outcome: outcomeOf(status, decision, errorCode, target),
      package: target?.package,
      version: target?.version,
      reasons: reasons ? reasons.split(', ') : [],
      durationSeconds: Math.max(0, options.clock() - started),
    });
  };
}
