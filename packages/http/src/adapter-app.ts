import { Hono, type Context } from 'hono';
import { PalisadeError, type Ecosystem } from '@palisade/core';
import type { Cache } from '@palisade/cache';
import { errorResponse } from './error-response.ts';
import type { HotAnswers } from './hot-answers.ts';
import type { PolicySource } from './policy-view.ts';
import type { RefusalBody } from './refusal.ts';
import { observeRequests, type RequestRecord } from './request-record.ts';

/** What every protocol adapter is built with, besides its upstreams. */
export interface AdapterOptions {
  readonly cache: Cache;
  /** The policy in force, read on every request. */
  readonly policy: PolicySource;
  /** Seconds from any origin, for request durations. */
  readonly clock: () => number;
  /** Told of every request once answered (metrics, request log). */
  readonly observe?: ((record: RequestRecord) => void) | undefined;
  /** Told of every error answered with a 5xx, for the log. */
  readonly onError?: ((error: unknown, request: Request) => void) | undefined;
  /**
   * Where answers made from fresh cache entries are remembered, for the server in front
   * to repeat without running the app (see `HotAnswers`). The policy source must then hand
   * out the same view object for as long as the policy is unchanged: answers are repeated
   * only while it does.
   */
  readonly hotAnswers?: HotAnswers | undefined;
}

/**
 * An adapter's Hono app: every request observed (headers of the contract, one record
 * each), errors answered in one place with the client's body format (`errorBody`), and
 * every path handed to `route`.
 */
export function createAdapterApp(ecosystem: Ecosystem, options: AdapterOptions, errorBody: (message: string) => RefusalBody, route: (c: Context) => Promise<Response>): Hono {
  const app = new Hono();
  app.use(observeRequests({ ecosystem, clock: options.clock, observe: options.observe }));
  app.onError((error, c) => {
    if (!(error instanceof PalisadeError) || error.status >= 500) options.onError?.(error, c.req.raw);
    return errorResponse(error, errorBody);
  });
  app.all('*', route);
  return app;
}
