import type { Context, Hono } from 'hono';
import { LRUCache } from 'lru-cache';
import { PalisadeError } from '@palisade/core';
import { createAdapterApp, rawPathBelowRoute, type AdapterOptions, type PreparedAnswers, type UpstreamClient } from '@palisade/http';
import { handleAudit } from './npm-handlers-audit.ts';
import { handleDistTags, handlePackument, handleVersion } from './npm-handlers-packument.ts';
import { handlePassThrough } from './npm-handlers-pass-through.ts';
import { handleTarball, type TarballIndex } from './npm-handlers-tarball.ts';
import { preparedPackuments, type PreparedAnswer } from './npm-prepared-packument.ts';
import { parseNpmRequest, type NpmRequestResult } from './request.ts';

export interface NpmAppOptions extends AdapterOptions {
  /** The npm registry to fetch from (see `createUpstreamClient` in `@palisade/http`). */
  readonly upstream: UpstreamClient;
  /**
   * Where clients reach this app's root, ending in `/` (for the proxy:
   * `https://palisade.example/npm/`). Tarball URLs in packuments are rewritten to point
   * here, so every download comes back through the policy. A function is read per request.
   */
  readonly publicUrl: string | (() => string);
  /** Memory for prepared packuments and tarball indexes, in bytes (default 128 MiB). */
  readonly preparedBytes?: number;
  /** The largest audit request accepted, in bytes, after decompression (default 16 MiB). */
  readonly maxAuditBytes?: number;
}

/** What the handlers share. */
export interface NpmAppState {
  readonly options: NpmAppOptions;
  readonly publicUrl: () => string;
  readonly prepared: PreparedAnswers<PreparedAnswer>;
  readonly tarballIndexes: LRUCache<string, TarballIndex>;
  /** Versions' publish times read from full packuments, by the packument body's SHA-256 (for the release-age cooldown). */
  readonly publishTimes: LRUCache<string, ReadonlyMap<string, number>>;
  readonly maxAuditBytes: number;
  /** Request paths already parsed (reads only). */
  readonly parsedPaths: Map<string, NpmRequestResult>;
}

const DEFAULT_PREPARED_BYTES = 128 << 20;

/** The npm error body: `{"error": "..."}`, the field npm prints after the status line. */
export const npmErrorBody = (message: string) => ({ body: JSON.stringify({ error: message }), contentType: 'application/json' });

/**
 * An npm registry as a Hono app: packuments filtered by the policy and served from the
 * cache, tarballs checked, verified and streamed, audits that report malicious packages.
 * Mount it where clients expect a registry root, e.g. `app.route('/npm', createNpmApp(options))`
 * (or `app.mount('/npm', createNpmApp(options).fetch)` from another framework).
 */
export function createNpmApp(options: NpmAppOptions): Hono {
  const preparedBytes = options.preparedBytes ?? DEFAULT_PREPARED_BYTES;
  const state: NpmAppState = {
    options,
    publicUrl: typeof options.publicUrl === 'string' ? () => options.publicUrl as string : options.publicUrl,
    prepared: preparedPackuments(preparedBytes),
    tarballIndexes: new LRUCache<string, TarballIndex>({ maxSize: Math.max(1, Math.floor(preparedBytes / 4)), sizeCalculation: (index) => Math.max(1, index.bytes) }),
    // A time takes about 100 bytes in a map (key, number, entry).
    publishTimes: new LRUCache<string, ReadonlyMap<string, number>>({ maxSize: Math.max(1, Math.floor(preparedBytes / 16)), sizeCalculation: (times) => 256 + times.size * 100 }),
    maxAuditBytes: options.maxAuditBytes ?? 16 << 20,
    parsedPaths: new Map(),
  };
  return createAdapterApp('npm', options, npmErrorBody, (c) => route(c, state));
}


// Hot paths are parsed once: a pure function's answers, remembered for reads only and
// forgotten all at once when the table is full.
const PARSED_PATHS = 10_000;

function parseRead(state: NpmAppState, method: string, path: string): NpmRequestResult {
  if (method !== 'GET' && method !== 'HEAD') return parseNpmRequest(method, path);
  const key = `${method} ${path}`;
  const held = state.parsedPaths.get(key);
  if (held) return held;
  const parsed = parseNpmRequest(method, path);
  if (state.parsedPaths.size >= PARSED_PATHS) state.parsedPaths.clear();
  state.parsedPaths.set(key, parsed);
  return parsed;
}

async function route(c: Context, state: NpmAppState): Promise<Response> {
  const parsed = parseRead(state, c.req.method, rawPathBelowRoute(c));
  if (!parsed.ok) throw new PalisadeError(parsed.status, parsed.status === 405 ? 'read-only' : parsed.status === 404 ? 'not-found' : 'bad-request', parsed.reason);
  const request = parsed.request;
  switch (request.kind) {
    case 'packument':
      return handlePackument(c, state, request.name);
    case 'version':
      return handleVersion(c, state, request.name, request.spec);
    case 'dist-tags':
      return handleDistTags(c, state, request.name);
    case 'tarball':
      return handleTarball(c, state, request.name, request.file);
    case 'audit':
      return handleAudit(c, state, request.endpoint);
    case 'search':
    case 'ping':
      return handlePassThrough(c, state, rawPathBelowRoute(c));
  }
}
