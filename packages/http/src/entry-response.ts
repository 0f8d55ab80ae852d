import type { Context } from 'hono';
import type { Ecosystem } from '@palisade/core';
import type { StoredEntry } from '@palisade/cache';
import { entryBody } from './entry-body.ts';
import type { HotAnswers } from './hot-answers.ts';
import type { RequestTarget } from './request-record.ts';

export interface EntryResponseOptions {
  readonly ecosystem: Ecosystem;
  /** What the request was for, for a remembered answer's record. */
  readonly target: RequestTarget;
  /** The response's headers; `Content-Length` is added. */
  readonly headers: Record<string, string>;
  /** Where a whole answer held in memory is remembered, and for how long it holds. */
  readonly hot?: { readonly answers: HotAnswers | undefined; readonly holds: () => boolean } | undefined;
}

/**
 * A verified cache entry as a 200 response: its bytes when held in memory, else its
 * stream; no body for HEAD. An entry held as one piece is remembered in `hot` (when given
 * and its `holds` is true), for the proxy to send again to the same request.
 */
export function entryResponse(c: Context, entry: StoredEntry, options: EntryResponseOptions): Response {
  const headers = { ...options.headers, 'Content-Length': String(entry.meta.size) };
  if (c.req.method === 'HEAD') return new Response(null, { status: 200, headers });
  const whole = entry.chunks?.length === 1 ? entry.chunks[0] : undefined;
  const hot = options.hot;
  if (whole && hot?.answers && hot.holds()) hot.answers.remember(c, { ecosystem: options.ecosystem, target: options.target, headers, body: whole, holds: hot.holds });
  return new Response(entryBody(entry), { status: 200, headers });
}
