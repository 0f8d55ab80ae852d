import ky, { HTTPError, TimeoutError } from 'ky';
import { PalisadeError, printable, type Ecosystem } from '@palisade/core';
import type { UpstreamValidators } from '@palisade/cache';
import { viaValue } from './via.ts';

export interface UpstreamClientOptions {
  readonly ecosystem: Ecosystem;
  /** The registry's root, ending in `/`; it may carry a path prefix, and credentials (sent as Basic authorization, never as part of a URL). */
  readonly baseUrl: string;
  /** Per attempt, until the response headers arrive (default 30 s). */
  readonly timeoutMs?: number;
  /** Further attempts for GET and HEAD after a network error, a timeout, 408, 429 or a 5xx (default 2). */
  readonly retries?: number;
  /** The pseudonym sent in `Via` (default `palisade`). */
  readonly proxyName?: string;
  /** Whether a client's `Authorization` header is passed to the registry (default false). */
  readonly forwardAuthorization?: boolean;
  readonly fetch?: typeof globalThis.fetch;
  /** Told of every final answer: its status, or `error` when none came. */
  readonly onResponse?: (status: number | 'error') => void;
}

export interface UpstreamRequest {
  /** Relative to the registry's root, already percent-encoded; a leading `/` is ignored. */
  readonly path: string;
  readonly method?: 'GET' | 'HEAD' | 'POST';
  readonly accept?: string;
  readonly validators?: UpstreamValidators | undefined;
  readonly body?: string;
  readonly contentType?: string;
  /** The client's `Authorization`; sent only when `forwardAuthorization` is set. */
  readonly authorization?: string | undefined;
  readonly signal?: AbortSignal;
}

/** Requests to one registry. Any HTTP status is returned; only a failure to get one throws. */
export interface UpstreamClient {
  readonly baseUrl: string;
  /** The absolute URL a path resolves to (never outside the registry's root). */
  url(path: string): string;
  /** Throws `PalisadeError` 504 `upstream-timeout` or 502 `upstream-unreachable`. */
  request(request: UpstreamRequest): Promise<Response>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_RETRIES = 2;
// Statuses that say the registry failed now rather than what the answer is: retried.
const RETRIED_STATUSES = [408, 429, 500, 502, 503, 504];

/** The answer ky held back as an error after its last retry, as a plain response. */
function finalAnswer(error: HTTPError): Response {
  const { data, response } = error;
  const body = data === undefined ? null : typeof data === 'string' ? data : JSON.stringify(data);
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/**
 * Credentials written into the registry's URL (`https://user:token@host/`) become a Basic
 * `Authorization` header: fetch refuses URLs that carry them, and logs must not show them.
 */
function splitCredentials(url: string): { baseUrl: string; authorization: string | undefined } {
  const parsed = new URL(url);
  if (parsed.username === '' && parsed.password === '') return { baseUrl: parsed.href, authorization: undefined };
  const pair = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
  parsed.username = '';
  parsed.password = '';
  return { baseUrl: parsed.href, authorization: `Basic ${Buffer.from(pair, 'utf8').toString('base64')}` };
}

/** A client for one registry, built on ky: timeouts, bounded retries on idempotent requests, a `Via` header. */
export function createUpstreamClient(options: UpstreamClientOptions): UpstreamClient {
  const { ecosystem } = options;
  const { baseUrl, authorization: configuredAuthorization } = splitCredentials(options.baseUrl);
  const via = viaValue(options.proxyName ?? 'palisade');
  const http = ky.create({
    // ky retries only what it throws: the failing statuses are thrown, then handed back.
    throwHttpErrors: (status) => RETRIED_STATUSES.includes(status),
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retry: { limit: options.retries ?? DEFAULT_RETRIES, methods: ['get', 'head'], statusCodes: RETRIED_STATUSES, retryOnTimeout: true, backoffLimit: 2_000 },
    redirect: 'follow',
    ...(options.fetch && { fetch: options.fetch }),
  });

  const url = (path: string): string => {
    const resolved = new URL(path.replace(/^\/+/, ''), baseUrl).href;
    if (!resolved.startsWith(baseUrl)) throw new PalisadeError(400, 'bad-path', `The path "${printable(path)}" leaves the registry's root`);
    return resolved;
  };

  return {
    baseUrl,
    url,
    async request(request) {
      const headers: Record<string, string> = { Via: via, 'User-Agent': 'palisade' };
      if (request.accept) headers['Accept'] = request.accept;
      if (request.contentType) headers['Content-Type'] = request.contentType;
      if (request.validators?.etag) headers['If-None-Match'] = request.validators.etag;
      if (request.validators?.lastModified) headers['If-Modified-Since'] = request.validators.lastModified;
      if (configuredAuthorization) headers['Authorization'] = configuredAuthorization;
      else if (options.forwardAuthorization && request.authorization) headers['Authorization'] = request.authorization;
      const target = url(request.path);
      try {
        const response = await http(target, {
          method: request.method ?? 'GET',
          headers,
          ...(request.body !== undefined && { body: request.body }),
          ...(request.signal && { signal: request.signal }),
        });
        options.onResponse?.(response.status);
        return response;
      } catch (error) {
        if (error instanceof HTTPError) {
          options.onResponse?.(error.response.status);
          return finalAnswer(error);
        }
        options.onResponse?.('error');
        if (request.signal?.aborted) throw error;
        if (error instanceof TimeoutError) throw new PalisadeError(504, 'upstream-timeout', `The ${ecosystem} registry did not answer in time (${new URL(target).host})`, { cause: error });
        throw new PalisadeError(502, 'upstream-unreachable', `The ${ecosystem} registry could not be reached (${new URL(target).host})`, { cause: error });
      }
    },
  };
}
