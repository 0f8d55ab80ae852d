import type { Context } from 'hono';
import { PalisadeError, printable } from '@palisade/core';
import { CACHE_HEADER, entryResponse, noteTarget, PROXY_TYPE_HEADER } from '@palisade/http';
import type { GoAppState } from './go-app.ts';
import type { GoSumdbRequest } from './sumdb-path.ts';
import { streamUpstream } from './go-upstream.ts';

/**
 * `GET /sumdb/<name>/...`: the checksum database, passed through to the configured one and
 * cached (`supported` is answered here: it says the proxy does so), so `go` verifies modules through the proxy with `GOSUMDB` unchanged. `go` checks
 * every answer against the database's signed tree itself; tiles and lookups never change
 * (kept as long as module files), `supported` and `latest` do (kept as long as lists).
 */
export async function handleSumdb(c: Context, state: GoAppState, request: GoSumdbRequest): Promise<Response> {
  noteTarget(c, { kind: 'other' });
  const sumdb = state.options.sumdb;
  // Only the configured database is proxied: for another name `go` then asks that database itself.
  if (request.name !== sumdb.name) throw new PalisadeError(404, 'not-found', `This proxy passes through the checksum database ${sumdb.name} only, not ${printable(request.name)}`);
  if (request.endpoint === 'supported') return new Response(null, { status: 200, headers: { [PROXY_TYPE_HEADER]: 'go', [CACHE_HEADER]: 'BYPASS' } });
  const lasting = request.endpoint === 'tile' || request.endpoint === 'lookup';
  const upstream = streamUpstream(sumdb.client, request.path, `the checksum database's ${printable(request.path)}`);
  const answer = await state.options.cache.fetch({ ecosystem: 'go', name: `sumdb/${request.name}`, resource: request.path }, lasting ? 'go-module' : 'go-list', upstream);
  noteTarget(c, { kind: 'other', answered: { cache: answer.state } });
  const headers = { 'Content-Type': answer.entry.meta.contentType, [PROXY_TYPE_HEADER]: 'go', [CACHE_HEADER]: answer.state };
  return entryResponse(c, answer.entry, { ecosystem: 'go', target: { kind: 'other' }, headers });
}
