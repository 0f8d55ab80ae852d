import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Context } from 'hono';
import { requestHeader } from './request-header.ts';

const gzipAsync = promisify(gzip);

/**
 * A document made ready to serve: its bytes, their ETag, and their gzip form, made once
 * in the background. Requests are answered from these bytes without serialising or
 * compressing anything; until the gzip form is there, the identity bytes are sent.
 */
export interface PreparedBody {
  readonly identity: Uint8Array;
  /** The gzip form, once made. */
  readonly gzip: Uint8Array | undefined;
  readonly etag: string;
}

/** Prepares `identity` to be served: its ETag now, its gzip form started. */
export function prepareBody(identity: Uint8Array): PreparedBody {
  const etag = `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`;
  const prepared: { -readonly [K in keyof PreparedBody]: PreparedBody[K] } = { identity, gzip: undefined, etag };
  gzipAsync(identity, { level: 6 }).then(
    (compressed) => void (prepared.gzip = compressed),
    () => undefined, // without a compressed form, the identity bytes are served
  );
  return prepared;
}

/** Whether an `Accept-Encoding` header accepts gzip (a q of 0 refuses it). */
export function acceptsGzip(header: string | undefined): boolean {
  return (
    header !== undefined &&
    header.split(',').some((part) => {
      const [coding, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
      return (coding === 'gzip' || coding === 'x-gzip') && (q === undefined || Number(q.slice(2)) > 0);
    })
  );
}

/**
 * Sends a prepared body with `headers` (its `ETag` added): a 304 to a matching
 * `If-None-Match`, the gzip form to a client that accepts it, no body to HEAD. `complete`
 * is told of a whole GET answer in its final form (not while the gzip form is still
 * being made), for it to be remembered.
 */
export function sendPreparedBody(c: Context, prepared: PreparedBody, headers: Record<string, string>, complete?: (headers: Record<string, string>, body: Uint8Array) => void): Response {
  headers.ETag = prepared.etag;
  if (requestHeader(c, 'if-none-match') === prepared.etag) return new Response(null, { status: 304, headers });
  const wantsGzip = acceptsGzip(requestHeader(c, 'accept-encoding'));
  const gzip = wantsGzip ? prepared.gzip : undefined;
  const body = gzip ?? prepared.identity;
  if (gzip) headers['Content-Encoding'] = 'gzip';
  headers['Content-Length'] = String(body.byteLength);
  if (c.req.method === 'HEAD') return new Response(null, { status: 200, headers });
  if (complete && wantsGzip === (gzip !== undefined)) complete(headers, body);
  return new Response(body, { status: 200, headers });
}
