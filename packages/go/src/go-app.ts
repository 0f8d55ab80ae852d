import { Hono, type Context } from 'hono';
import { PalisadeError } from '@palisade/core';
import type { Cache } from '@palisade/cache';
import { errorResponse, observeRequests, PreparedAnswers, rawPathBelowRoute, type HotAnswers, type PolicySource, type PreparedBody, type RequestRecord, type UpstreamClient } from '@palisade/http';
import { parseGoPath } from './go-request.ts';
import { handleLatest, handleList, handleModuleFile } from './go-handlers-module.ts';
import { handleSumdb } from './go-handlers-sumdb.ts';

export interface GoAppOptions {
  /** The module proxy to fetch from (`https://proxy.golang.org/`; see `createUpstreamClient` in `@palisade/http`). */
  readonly upstream: UpstreamClient;
  /** The checksum database `/sumdb/<name>/...` passes through to: its name as `GOSUMDB` gives it (`sum.golang.org`) and a client for its URL. */
  readonly sumdb: { readonly name: string; readonly client: UpstreamClient };
  readonly cache: Cache;
  /** The policy in force, read on every request. */
  readonly policy: PolicySource;
  /** Seconds from any origin, for request durations. */
  readonly clock: () => number;
  /** Told of every request once answered (metrics, request log). */
  readonly observe?: (record: RequestRecord) => void;
  /** Told of every error answered with a 5xx, for the log. */
  readonly onError?: (error: unknown, request: Request) => void;
  /** Where answers made from fresh cache entries are remembered (see `createNpmApp` in `@palisade/npm`). */
  readonly hotAnswers?: HotAnswers;
}

/** A version list filtered under one policy revision, ready to serve. */
export interface PreparedList {
  readonly body: PreparedBody;
  readonly removed: readonly string[];
  readonly kept: readonly string[];
}

/** What the handlers share. */
export interface GoAppState {
  readonly options: GoAppOptions;
  readonly lists: PreparedAnswers<PreparedList>;
}

/** The text/plain body `go` prints after `server response:`. */
export const goErrorBody = (message: string) => ({ body: `${message}\n`, contentType: 'text/plain; charset=utf-8' });

/**
 * A Go module proxy (GOPROXY protocol) as a Hono app: version lists without denied
 * versions, `@latest` that never names one, `.info`/`.mod`/`.zip` of denied versions
 * refused with 403 (never 404, so `GOPROXY=palisade,direct` cannot fall back around a
 * block), and the checksum database passed through so that `go` keeps verifying. Mount it
 * where clients expect a GOPROXY root, e.g. `app.route('/go', createGoApp(options))`.
 */
export function createGoApp(options: GoAppOptions): Hono {
  const state: GoAppState = { options, lists: new PreparedAnswers<PreparedList>(16 << 20, (list) => list.body.identity.byteLength * 2 + 256) };
  const app = new Hono();
  app.use(observeRequests({ ecosystem: 'go', clock: options.clock, observe: options.observe }));
  app.onError((error, c) => {
    if (!(error instanceof PalisadeError) || error.status >= 500) options.onError?.(error, c.req.raw);
    return errorResponse(error, goErrorBody);
  });
  app.all('*', (c) => route(c, state));
  return app;
}

async function route(c: Context, state: GoAppState): Promise<Response> {
  const parsed = parseGoPath(c.req.method, rawPathBelowRoute(c));
  if (!parsed.ok) throw new PalisadeError(parsed.status, parsed.status === 405 ? 'read-only' : parsed.status === 404 ? 'not-found' : 'bad-request', parsed.reason);
  const request = parsed.request;
  switch (request.kind) {
    case 'list':
      return handleList(c, state, request);
    case 'latest':
      return handleLatest(c, state, request);
    case 'info':
    case 'mod':
    case 'zip':
      return handleModuleFile(c, state, request);
    case 'sumdb':
      return handleSumdb(c, state, request);
  }
}
