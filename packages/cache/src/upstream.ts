import { PalisadeError, printable } from '@palisade/core';
import type { BodySource, CacheKey, Digest, EntryMeta } from './cache-store.ts';

/** What a conditional request sends: the validators of the entry held. */
export interface UpstreamValidators {
  readonly etag?: string | undefined;
  readonly lastModified?: string | undefined;
}

/** What the registry answered: a body (200) or that the entry held is still current (304). */
export type UpstreamAnswer =
  | {
      readonly kind: 'body';
      readonly body: BodySource;
      readonly contentType: string;
      readonly etag?: string | undefined;
      readonly lastModified?: string | undefined;
      /** The digest the registry publishes for this file; the body is refused when it differs. */
      readonly expectedDigest?: Digest | undefined;
    }
  | { readonly kind: 'not-modified'; readonly etag?: string | undefined; readonly lastModified?: string | undefined };

/**
 * Fetches the resource from the registry, conditionally when validators are given; throws
 * when the registry fails. A thrown `PalisadeError` with a 4xx status means the registry
 * answered (404: no such package) rather than failed.
 */
export type Upstream = (validators: UpstreamValidators | undefined) => Promise<UpstreamAnswer>;

/** The validators of an entry, or undefined when it has none (the request is then unconditional). */
export function validatorsOf(meta: EntryMeta): UpstreamValidators | undefined {
  const { etag, lastModified } = meta;
  if (etag === undefined && lastModified === undefined) return undefined;
  return { ...(etag !== undefined && { etag }), ...(lastModified !== undefined && { lastModified }) };
}

// 4xx statuses that say the registry could not answer now, not what the answer is.
const FAILURE_STATUSES_4XX: ReadonlySet<number> = new Set([408, 429]);

/**
 * Whether an error thrown while fetching is the registry failing (network error, timeout,
 * 5xx, rate limiting), so that a stale entry may be served instead, rather than the
 * registry answering with a 4xx that a stale entry must not hide.
 */
export function isUpstreamFailure(error: unknown): boolean {
  if (!(error instanceof PalisadeError)) return true;
  return error.status < 400 || error.status >= 500 || FAILURE_STATUSES_4XX.has(error.status);
}

/** The key as quoted in error messages: ecosystem, package and resource, made printable. */
export function describeKey(key: CacheKey): string {
  return `${key.ecosystem} package "${printable(key.name)}" (${printable(key.resource)})`;
}
