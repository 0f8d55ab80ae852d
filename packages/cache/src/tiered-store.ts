import type { Ecosystem, Result } from '@palisade/core';
import type { BodySource, CacheKey, CacheStore, EntryInfo, EntryMeta, PutOptions, StoreStats, StoredEntry } from './cache-store.ts';
import type { MemoryStore } from './memory-store.ts';

/**
 * A bounded memory tier over a durable store (the disk store). Reads are served from
 * memory when the entry is there; entries read from below, or written, go into memory
 * when they are small enough, as the bytes that were checked on the way in.
 */
export class TieredStore implements CacheStore {
  readonly #memory: MemoryStore;
  readonly #below: CacheStore;

  constructor(memory: MemoryStore, below: CacheStore) {
    this.#memory = memory;
    this.#below = below;
  }

  async get(key: CacheKey): Promise<StoredEntry | undefined> {
    const held = await this.#memory.get(key);
    if (held) return held;
    const entry = await this.#below.get(key);
    if (entry?.chunks) this.#memory.adopt(entry.meta, entry.chunks);
    return entry;
  }

  async put(info: EntryInfo, body: BodySource, options?: PutOptions): Promise<Result<EntryMeta>> {
    // Keep a copy of a small body on its way down, so that it need not be read back.
    const limit = this.#memory.maxEntryBytes;
    const chunks: Uint8Array[] = [];
    let seen = 0;
    async function* copying(source: BodySource): AsyncIterable<Uint8Array> {
      for await (const chunk of source instanceof Uint8Array ? [source] : source) {
        seen += chunk.byteLength;
        if (seen <= limit) chunks.push(chunk);
        yield chunk;
      }
    }
    await this.#memory.delete(info.key);
    const stored = await this.#below.put(info, copying(body), options);
    if (stored.ok && stored.value.size <= limit) this.#memory.adopt(stored.value, chunks);
    return stored;
  }

  async refresh(key: CacheKey, update: Pick<EntryInfo, 'storedAt' | 'etag' | 'lastModified'>): Promise<boolean> {
    const refreshed = await this.#below.refresh(key, update);
    if (refreshed) await this.#memory.refresh(key, update);
    else await this.#memory.delete(key);
    return refreshed;
  }

  async delete(key: CacheKey): Promise<boolean> {
    const inMemory = await this.#memory.delete(key);
    return (await this.#below.delete(key)) || inMemory;
  }

  async purgePackage(ecosystem: Ecosystem, name: string): Promise<number> {
    await this.#memory.purgePackage(ecosystem, name);
    return this.#below.purgePackage(ecosystem, name);
  }

  async purgeAll(): Promise<number> {
    await this.#memory.purgeAll();
    return this.#below.purgeAll();
  }

  /** The durable store's entries and bytes; failures, evictions and traffic of both tiers. */
  stats(): StoreStats {
    const memory = this.#memory.stats();
    const below = this.#below.stats();
    return {
      entries: below.entries,
      bytes: below.bytes,
      integrityFailures: below.integrityFailures,
      evictions: below.evictions + memory.evictions,
      bytesWritten: below.bytesWritten,
      bytesRead: below.bytesRead + memory.bytesRead,
    };
  }

  /** The memory tier's own figures. */
  memoryStats(): StoreStats {
    return this.#memory.stats();
  }
}
