import { PalisadeError, printable } from '@palisade/core';
import type { Upstream, UpstreamAnswer } from '@palisade/cache';
import type { UpstreamClient } from '@palisade/http';

// How the Go adapter asks the module proxy and the checksum database, as `Upstream`
// functions the cache calls. A 404 or 410 is the upstream's answer (no such module or
// version: `go` probes path prefixes and expects them), kept as a 404; a 5xx is a failure,
// for which a stale entry may be served.

/** What is wrong with a body the upstream sent, or undefined when it is usable. */
export type GoBodyCheck = (bytes: Uint8Array) => string | undefined;

const MAX_METADATA_BYTES = 16 << 20;

function answerError(response: Response, what: string): PalisadeError {
  if (response.status === 404 || response.status === 410) return new PalisadeError(404, 'not-found', `${what} was not found upstream`);
  if (response.status === 401 || response.status === 403) return new PalisadeError(response.status, 'upstream-refused', `The upstream refused ${what} (${response.status})`);
  if (response.status >= 500 || response.status === 408 || response.status === 429) return new PalisadeError(502, 'upstream-error', `The upstream failed to answer for ${what} (${response.status})`);
  return new PalisadeError(502, 'upstream-protocol', `The upstream answered ${response.status} for ${what}`);
}

const validators = (response: Response) => ({ etag: response.headers.get('etag') ?? undefined, lastModified: response.headers.get('last-modified') ?? undefined });

/** A small document (a version list, `.info`, `.mod`), read whole and checked before the cache keeps it. */
export function documentUpstream(client: UpstreamClient, path: string, what: string, check?: GoBodyCheck): Upstream {
  return async (held): Promise<UpstreamAnswer> => {
    const response = await client.request({ path, validators: held });
    if (response.status === 304) return { kind: 'not-modified', ...validators(response) };
    if (response.status !== 200) {
      await response.body?.cancel();
      throw answerError(response, what);
    }
    if (Number(response.headers.get('content-length') ?? 0) > MAX_METADATA_BYTES) throw new PalisadeError(502, 'upstream-too-large', `${what} is larger than ${MAX_METADATA_BYTES} bytes`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const problem = check?.(bytes);
    if (problem !== undefined) throw new PalisadeError(502, 'upstream-malformed', `The upstream sent a malformed ${what}: ${printable(problem)}`);
    return { kind: 'body', body: bytes, contentType: response.headers.get('content-type') ?? 'text/plain; charset=utf-8', ...validators(response) };
  };
}

/** A body streamed into the cache as it arrives (module zips, checksum database tiles). */
export function streamUpstream(client: UpstreamClient, path: string, what: string): Upstream {
  return async (held): Promise<UpstreamAnswer> => {
    const response = await client.request({ path, validators: held });
    if (response.status === 304) return { kind: 'not-modified', ...validators(response) };
    if (response.status !== 200 || !response.body) {
      await response.body?.cancel();
      throw answerError(response, what);
    }
    return { kind: 'body', body: response.body, contentType: response.headers.get('content-type') ?? 'application/octet-stream', ...validators(response) };
  };
}
