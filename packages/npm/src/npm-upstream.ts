import { PalisadeError, printable } from '@palisade/core';
import type { PublishedDigest } from './published-digest.ts';
import type { Upstream, UpstreamAnswer } from '@palisade/cache';
import type { UpstreamClient } from '@palisade/http';

// How the npm adapter asks the registry for packuments and tarballs, as `Upstream`
// functions the cache calls: a 304 becomes `not-modified`, a 404 a PalisadeError that
// says so (a registry answer, never served stale), a 5xx a failure (stale may be served).

const MAX_PACKUMENT_BYTES = 256 << 20;

function answerError(response: Response, what: string): PalisadeError {
  if (response.status === 404 || response.status === 410) return new PalisadeError(404, 'not-found', `${what} was not found in the npm registry`);
  if (response.status === 401 || response.status === 403) return new PalisadeError(response.status, 'upstream-refused', `The npm registry refused ${what} (${response.status})`);
  if (response.status >= 500 || response.status === 408 || response.status === 429) return new PalisadeError(502, 'upstream-error', `The npm registry failed to answer for ${what} (${response.status})`);
  return new PalisadeError(502, 'upstream-protocol', `The npm registry answered ${response.status} for ${what}`);
}

function validators(response: Response) {
  return { etag: response.headers.get('etag') ?? undefined, lastModified: response.headers.get('last-modified') ?? undefined };
}

/** A packument from the registry, checked to be a JSON object before the cache keeps it. */
export function packumentUpstream(client: UpstreamClient, encodedName: string, accept: string, name: string): Upstream {
  return async (held): Promise<UpstreamAnswer> => {
    const response = await client.request({ path: encodedName, accept, validators: held });
    if (response.status === 304) return { kind: 'not-modified', ...validators(response) };
    if (response.status !== 200) {
      await response.body?.cancel();
      throw answerError(response, `package "${printable(name)}"`);
    }
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > MAX_PACKUMENT_BYTES) throw new PalisadeError(502, 'upstream-too-large', `The packument of "${printable(name)}" is larger than ${MAX_PACKUMENT_BYTES} bytes`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (!isJsonObject(bytes)) throw new PalisadeError(502, 'upstream-malformed', `The npm registry sent a packument for "${printable(name)}" that is not a JSON object`);
    return { kind: 'body', body: bytes, contentType: response.headers.get('content-type') ?? accept, ...validators(response) };
  };
}

function isJsonObject(bytes: Uint8Array): boolean {
  try {
    const value: unknown = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** A tarball from the registry, streamed into the cache, which refuses it unless it matches `digest`. */
export function tarballUpstream(client: UpstreamClient, path: string, digest: PublishedDigest, what: string): Upstream {
  return async (): Promise<UpstreamAnswer> => {
    // Tarballs never change under one name: no conditional request.
    const response = await client.request({ path, accept: 'application/octet-stream' });
    if (response.status !== 200 || !response.body) {
      await response.body?.cancel();
      throw answerError(response, what);
    }
    return { kind: 'body', body: response.body, contentType: 'application/octet-stream', expectedDigest: digest };
  };
}
