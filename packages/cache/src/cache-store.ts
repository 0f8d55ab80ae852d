import type { Ecosystem, Result } from '@palisade/core';
import type { TtlClass } from './ttl.ts';

/**
 * What a cache entry is: one resource (a packument, a tarball, an index page) of one
 * package. Names are normalised; `resource` is any string the adapter chooses. Stores
 * never use these strings as file names as they are.
 */
export interface CacheKey {
  readonly ecosystem: Ecosystem;
  readonly name: string;
  readonly resource: string;
}

/** What the caller says about an entry when storing it. */
export interface EntryInfo {
  readonly key: CacheKey;
  readonly contentType: string;
  readonly etag?: string | undefined;
  readonly lastModified?: string | undefined;
  /** When the body was fetched, in milliseconds since the epoch, by the caller's clock. */
  readonly storedAt: number;
  readonly ttlClass: TtlClass;
}

/** An entry's metadata as stored: what the caller gave, plus the body's SHA-256 and size. */
export interface EntryMeta extends EntryInfo {
  /** SHA-256 of the body, lower-case hex. */
  readonly sha256: string;
  readonly size: number;
}

/** An entry whose body was checked against its SHA-256 before it was handed out. */
export interface StoredEntry {
  readonly meta: EntryMeta;
  /**
   * The whole body in memory, in one or more pieces (in order), when the store holds it
   * there or read it whole to check it; undefined for bodies served from disk as a stream.
   */
  readonly chunks: readonly Uint8Array[] | undefined;
  /** The body as a stream, for bodies too large to hold; each call opens a new stream. */
  body(): ReadableStream<Uint8Array>;
}

export type BodySource = Uint8Array | AsyncIterable<Uint8Array>;

/** A digest a registry publishes for a file (npm: sha512 or sha1; PyPI: sha256). */
export interface Digest {
  readonly algorithm: 'sha1' | 'sha256' | 'sha384' | 'sha512';
  /** Lower-case hex. */
  readonly hex: string;
}

export interface PutOptions {
  /** When given, a body whose digest differs is refused and nothing is kept. */
  readonly expectedDigest?: Digest | undefined;
}

/** What a store counts, for the metrics endpoint. */
export interface StoreStats {
  readonly entries: number;
  readonly bytes: number;
  readonly integrityFailures: number;
  readonly evictions: number;
  readonly bytesWritten: number;
  readonly bytesRead: number;
}

/**
 * A place entries live: memory, a disk, or (later) an object store shared by replicas.
 * Every store passes the same behaviour suite (`testing/cache-store-suite.ts`).
 */
export interface CacheStore {
  /**
   * The entry, checked against its SHA-256; undefined when absent. An entry that fails the
   * check (corrupted, truncated, half of it missing) is removed and reported as absent.
   */
  get(key: CacheKey): Promise<StoredEntry | undefined>;
  /**
   * Stores a body, streaming it and hashing it as it comes. Fails, keeping nothing (and
   * leaving any previous entry as it was), when the body does not match `expectedDigest`.
   * A crash at any moment leaves the previous entry or the new one, never a mix.
   */
  put(info: EntryInfo, body: BodySource, options?: PutOptions): Promise<Result<EntryMeta>>;
  /** Records a revalidation (an upstream 304): new stored time and validators, same body. */
  refresh(key: CacheKey, update: Pick<EntryInfo, 'storedAt' | 'etag' | 'lastModified'>): Promise<boolean>;
  delete(key: CacheKey): Promise<boolean>;
  /** Removes every entry of a package; returns how many. */
  purgePackage(ecosystem: Ecosystem, name: string): Promise<number>;
  /** Removes every entry of every package; returns how many. A write under way finishes (see `purgePackage`). */
  purgeAll(): Promise<number>;
  stats(): StoreStats;
}

/** A string that identifies a key in maps; the parts cannot run into each other. */
export function keyId(key: CacheKey): string {
  return JSON.stringify([key.ecosystem, key.name, key.resource]);
}
