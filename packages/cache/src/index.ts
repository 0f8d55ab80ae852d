export { digestBody, streamOf } from './body-digest.ts';
export type { BodyDigest } from './body-digest.ts';
export { keyId } from './cache-store.ts';
export type { BodySource, CacheKey, CacheStore, Digest, EntryInfo, EntryMeta, PutOptions, StoreStats, StoredEntry } from './cache-store.ts';
export { MemoryStore } from './memory-store.ts';
export type { MemoryStoreOptions } from './memory-store.ts';
export { DEFAULT_MAX_STALE_SECONDS, DEFAULT_TTL_SECONDS, freshness, TTL_CLASSES } from './ttl.ts';
export type { Freshness, TtlClass } from './ttl.ts';
