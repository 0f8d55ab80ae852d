import { createCache, type Cache, type CacheOptions } from './cache.ts';
import { DiskStore } from './disk-store.ts';
import { MemoryStore } from './memory-store.ts';
import { TieredStore } from './tiered-store.ts';

export interface OpenCacheOptions extends Omit<CacheOptions, 'store'> {
  /** The cache folder (the disk store's root). */
  readonly root: string;
  /** Bytes of bodies kept on disk at most. */
  readonly diskBytes: number;
  /** Bytes of bodies held in memory at most. */
  readonly memoryBytes: number;
  /** Bodies larger than this stay on disk only (default: an eighth of `memoryBytes`). */
  readonly memoryEntryBytes?: number;
}

/** The embedded default: a bounded memory tier over the disk store under `root`. */
export async function openCache(options: OpenCacheOptions): Promise<Cache> {
  const { root, diskBytes, memoryBytes, memoryEntryBytes, ...cacheOptions } = options;
  const memory = new MemoryStore(memoryEntryBytes === undefined ? { maxBytes: memoryBytes } : { maxBytes: memoryBytes, maxEntryBytes: memoryEntryBytes });
  const disk = await DiskStore.open({ root, maxBytes: diskBytes });
  return createCache({ ...cacheOptions, store: new TieredStore(memory, disk) });
}
