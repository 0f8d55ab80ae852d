import type { Context, Hono } from 'hono';
import { PalisadeError, type Decision } from '@palisade/core';
import { createAdapterApp, PreparedAnswers, rawPathBelowRoute, type AdapterOptions, type PreparedBody, type UpstreamClient } from '@palisade/http';
import { parseGoPath } from './go-request.ts';
import { handleLatest } from './go-handlers-latest.ts';
import { handleList, handleModuleFile } from './go-handlers-module.ts';
import { handleSumdb } from './go-handlers-sumdb.ts';

export interface GoAppOptions extends AdapterOptions {
  /** The module proxy to fetch from (`https://proxy.golang.org/`; see `createUpstreamClient` in `@palisade/http`). */
  readonly upstream: UpstreamClient;
  /** The checksum database `/sumdb/<name>/...` passes through to: its name as `GOSUMDB` gives it (`sum.golang.org`) and a client for its URL. */
  readonly sumdb: { readonly name: string; readonly client: UpstreamClient };
}

/** A version list filtered under one policy revision, ready to serve. */
export interface PreparedList {
  readonly body: PreparedBody;
  readonly removed: readonly string[];
  readonly kept: readonly string[];
  /** Findings served anyway (audit mode), for the decision headers. */
  readonly audited: readonly Decision[];
  /** Until when its decisions hold (ms since the epoch): a version the cooldown held back then comes of age. */
  readonly validUntil: number;
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
 * versions (those younger than the cooldown included), `@latest` that never names one,
 * `.info`/`.mod`/`.zip` of denied versions refused with 403 (never 404, so `GOPROXY=palisade,direct` cannot fall back around a
 * block), and the checksum database passed through so that `go` keeps verifying. Mount it
 * where clients expect a GOPROXY root, e.g. `app.route('/go', createGoApp(options))`.
 */
export function createGoApp(options: GoAppOptions): Hono {
  const lists = new PreparedAnswers<PreparedList>(16 << 20, (list) => list.body.identity.byteLength * 2 + 256, (list) => list.validUntil);
  const state: GoAppState = { options, lists };
  return createAdapterApp('go', options, goErrorBody, (c) => route(c, state));
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
