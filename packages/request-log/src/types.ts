import type { Ecosystem, Mode } from '@palisade/core';

/** What a request was for: a package's metadata, an artifact (tarball, wheel, zip), or anything else. */
export type RequestKind = 'metadata' | 'artifact' | 'other';

/** What the policy made of a request: served (`allowed`), refused (`blocked`), or served under audit mode although a rule flagged it (`audit`). */
export type RequestDecision = 'allowed' | 'blocked' | 'audit';

/** Where the answer came from: the cache (`HIT`, `STALE` when served past its freshness), the registry (`MISS`), or neither (`BYPASS`). */
export type CacheResult = 'HIT' | 'MISS' | 'STALE' | 'BYPASS';

export const REQUEST_KINDS: readonly RequestKind[] = ['metadata', 'artifact', 'other'];
export const REQUEST_DECISIONS: readonly RequestDecision[] = ['allowed', 'blocked', 'audit'];
export const CACHE_RESULTS: readonly CacheResult[] = ['HIT', 'MISS', 'STALE', 'BYPASS'];

/**
 * One package request as the proxy hands it to the log. Strings come from the request and
 * are untrusted: the log stores them shortened to fixed bounds.
 */
export interface RequestLogEntry {
  /** When the request arrived, in ms since the epoch (default: the log's clock when recorded). */
  readonly time?: number | undefined;
  readonly ecosystem: Ecosystem;
  /** The package as the proxy names it (normalised), when the request names one. */
  readonly package?: string | undefined;
  /** The version, when the request names one (artifact requests do). */
  readonly version?: string | undefined;
  readonly kind: RequestKind;
  readonly decision: RequestDecision;
  /** One-line findings behind a block or an audit. */
  readonly reasons?: readonly string[] | undefined;
  /** Report ids behind a block or an audit, such as `MAL-2024-1234`. */
  readonly reportIds?: readonly string[] | undefined;
  readonly mode: Mode;
  readonly cache: CacheResult;
  /** The HTTP status answered. */
  readonly status: number;
  readonly durationMs: number;
  readonly method?: string | undefined;
  readonly path: string;
  readonly clientAddress?: string | undefined;
  readonly userAgent?: string | undefined;
  /** Who the client authenticated as, when authentication is on. */
  readonly identity?: string | undefined;
}

/** A request as the log stored it: absent values are `null`, strings are bounded. */
export interface StoredRequest {
  /** Increases with each request written. */
  readonly id: number;
  readonly time: number;
  readonly ecosystem: Ecosystem;
  readonly package: string | null;
  readonly version: string | null;
  readonly kind: RequestKind;
  readonly decision: RequestDecision;
  readonly reasons: readonly string[];
  readonly reportIds: readonly string[];
  readonly mode: Mode;
  readonly cache: CacheResult;
  readonly status: number;
  readonly durationMs: number;
  readonly method: string | null;
  readonly path: string;
  readonly clientAddress: string | null;
  readonly userAgent: string | null;
  readonly identity: string | null;
}

/** One served download of a package version: who fetched it, when, and by which path. */
export interface Fetch {
  readonly time: number;
  readonly version: string;
  readonly path: string;
  readonly clientAddress: string | null;
  readonly identity: string | null;
  readonly userAgent: string | null;
}

/** A page of results, newest first; `next` is the cursor of the following page when there is one. */
export interface RequestPage {
  readonly entries: readonly StoredRequest[];
  readonly next?: string;
}
