import type { Context } from 'hono';
import { noteTarget, requestHeader } from '@palisade/http';
import type { NpmAppState } from './npm-app.ts';

const PASSED_HEADERS = ['content-type', 'content-length', 'etag', 'last-modified', 'cache-control'];

/** `/-/v1/search` and `/-/ping`: asked of the registry as they are, not cached, not filtered. */
export async function handlePassThrough(c: Context, state: NpmAppState, path: string): Promise<Response> {
  noteTarget(c, { kind: 'other' });
  const query = new URL(c.req.url).search;
  const response = await state.options.upstream.request({
    path: `${path.replace(/^\/+/, '')}${query}`,
    method: c.req.method === 'HEAD' ? 'HEAD' : 'GET',
    accept: requestHeader(c, 'accept') ?? 'application/json',
    authorization: requestHeader(c, 'authorization'),
  });
  const headers = new Headers();
  for (const name of PASSED_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  // fetch decoded the body: its length as sent no longer applies.
  if (response.headers.has('content-encoding')) headers.delete('content-length');
  return new Response(response.body, { status: response.status, headers });
}
