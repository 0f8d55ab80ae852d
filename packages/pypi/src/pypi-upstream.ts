import { PalisadeError, printable } from '@palisade/core';
import type { Digest, Upstream, UpstreamAnswer } from '@palisade/cache';
import type { UpstreamClient } from '@palisade/http';

// How the PyPI adapter asks the index and the file hosts, as `Upstream` functions the
// cache calls: a 304 becomes `not-modified`, a 404 a PalisadeError that says so (an
// answer, never hidden by a stale entry), a 5xx a failure (a stale entry may be served).

/** What Palisade asks the index for: JSON first (PEP 691), HTML from an index that has only that. */
export const UPSTREAM_PAGE_ACCEPT = 'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01';

const MAX_PAGE_BYTES = 128 << 20;

function answerError(response: Response, what: string): PalisadeError {
  if (response.status === 404 || response.status === 410) return new PalisadeError(404, 'not-found', `${what} was not found on the index`);
  if (response.status === 401 || response.status === 403) return new PalisadeError(response.status, 'upstream-refused', `The index refused ${what} (${response.status})`);
  if (response.status >= 500 || response.status === 408 || response.status === 429) return new PalisadeError(502, 'upstream-error', `The index failed to answer for ${what} (${response.status})`);
  return new PalisadeError(502, 'upstream-protocol', `The index answered ${response.status} for ${what}`);
}

function validators(response: Response) {
  return { etag: response.headers.get('etag') ?? undefined, lastModified: response.headers.get('last-modified') ?? undefined };
}

/** Says what is wrong with a body the index sent, or undefined when it is usable. */
export type BodyCheck = (bytes: Uint8Array, contentType: string) => string | undefined;

/**
 * A project page (or JSON API document), read whole (it is parsed to be filtered), in
 * whichever form the index chose. `check` runs before the cache keeps it: a malformed
 * body is a 502 `upstream-malformed` and is not kept, so the next request asks again.
 */
export function pageUpstream(client: UpstreamClient, path: string, project: string, check: BodyCheck, accept = UPSTREAM_PAGE_ACCEPT): Upstream {
  return async (held): Promise<UpstreamAnswer> => {
    const response = await client.request({ path, accept, validators: held });
    if (response.status === 304) return { kind: 'not-modified', ...validators(response) };
    if (response.status !== 200) {
      await response.body?.cancel();
      throw answerError(response, `project "${printable(project)}"`);
    }
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > MAX_PAGE_BYTES) throw new PalisadeError(502, 'upstream-too-large', `The index page of "${printable(project)}" is larger than ${MAX_PAGE_BYTES} bytes`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const contentType = response.headers.get('content-type') ?? 'text/html';
    const problem = check(bytes, contentType);
    if (problem !== undefined) throw new PalisadeError(502, 'upstream-malformed', `The index sent a malformed page for "${printable(project)}": ${problem}`);
    return { kind: 'body', body: bytes, contentType, ...validators(response) };
  };
}

/** A body passed through as it streams (the root index), in the form the client asked for. */
export function streamedUpstream(client: UpstreamClient, path: string, accept: string, what: string): Upstream {
  return async (held): Promise<UpstreamAnswer> => {
    const response = await client.request({ path, accept, validators: held });
    if (response.status === 304) return { kind: 'not-modified', ...validators(response) };
    if (response.status !== 200 || !response.body) {
      await response.body?.cancel();
      throw answerError(response, what);
    }
    return { kind: 'body', body: response.body, contentType: response.headers.get('content-type') ?? 'text/html', ...validators(response) };
  };
}

/** A distribution file (or its PEP 658 metadata), streamed into the cache, which refuses it unless its SHA-256 is `sha256`. */
export function fileUpstream(client: UpstreamClient, path: string, sha256: string, what: string): Upstream {
  const expectedDigest: Digest = { algorithm: 'sha256', hex: sha256.toLowerCase() };
  return async (): Promise<UpstreamAnswer> => {
    // A file never changes under its name: no conditional request.
    const response = await client.request({ path, accept: '*/*' });
    if (response.status !== 200 || !response.body) {
      await response.body?.cancel();
      throw answerError(response, what);
    }
    return { kind: 'body', body: response.body, contentType: response.headers.get('content-type') ?? 'application/octet-stream', expectedDigest };
  };
}
