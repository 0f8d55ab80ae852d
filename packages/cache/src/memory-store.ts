import type { Ecosystem, Result } from '@palisade/core';
import { LRUCache } from 'lru-cache';
import { digestBody, sizeOf, streamOf } from './body-digest.ts';
import { keyId, type BodySource, type CacheKey, type CacheStore, type EntryInfo, type EntryMeta, type PutOptions, type StoreStats, type StoredEntry } from './cache-store.ts';

export interface MemoryStoreOptions {
  /** Bytes of bodies held at most; the least recently used entries go first. */
  readonly maxBytes: number;
  /** Larger bodies are not held (they are still hashed and checked). Default: an eighth of `maxBytes`. */
  readonly maxEntryBytes?: number;
}

interface Held {
  readonly meta: EntryMeta;
  readonly chunks: readonly Uint8Array[];
  readonly size: number;
}

// Bookkeeping per entry beside its body (meta object, map slots), so that many small
// entries cannot exceed the bound by their overhead.
const ENTRY_OVERHEAD = 512;

const packageId = (ecosystem: Ecosystem, name: string) => JSON.stringify([ecosystem, name]);

/** A store in memory, bounded by bytes, holding bodies that were verified when they came in. */
export class MemoryStore implements CacheStore {
  readonly maxEntryBytes: number;
  readonly #entries: LRUCache<string, Held>;
  readonly #byPackage = new Map<string, Set<string>>();
  #evictions = 0;
  #bytesWritten = 0;
  #bytesRead = 0;

  constructor(options: MemoryStoreOptions) {
    // An entry must fit the bound with its bookkeeping, or the LRU would refuse it.
    this.maxEntryBytes = Math.max(0, Math.min(options.maxEntryBytes ?? Math.floor(options.maxBytes / 8), options.maxBytes - ENTRY_OVERHEAD));
    this.#entries = new LRUCache<string, Held>({
      maxSize: Math.max(1, options.maxBytes),
      sizeCalculation: (held) => held.size + ENTRY_OVERHEAD,
      dispose: (held, id, reason) => {
        if (reason === 'evict') this.#evictions++;
        if (reason !== 'set') this.#forget(held.meta.key, id);
      },
    });
  }

  async get(key: CacheKey): Promise<StoredEntry | undefined> {
    const held = this.#entries.get(keyId(key));
    if (!held) return undefined;
    this.#bytesRead += held.size;
    return { meta: held.meta, chunks: held.chunks, body: () => streamOf(held.chunks) };
  }

  async put(info: EntryInfo, body: BodySource, options: PutOptions = {}): Promise<Result<EntryMeta>> {
    const chunks: Uint8Array[] = [];
    let kept = 0;
    const digest = await digestBody(body, (chunk) => {
      kept += chunk.byteLength;
      if (kept <= this.maxEntryBytes) chunks.push(chunk);
    }, options.expectedDigest);
    if (!digest.ok) return digest;
    const meta: EntryMeta = { ...info, sha256: digest.value.sha256, size: digest.value.size };
    if (meta.size <= this.maxEntryBytes) this.adopt(meta, chunks);
    else this.#drop(info.key);
    return { ok: true, value: meta };
  }

  /** Holds a body that another store already checked against `meta.sha256`. */
  adopt(meta: EntryMeta, chunks: readonly Uint8Array[]): void {
    const size = sizeOf(chunks);
    if (size > this.maxEntryBytes) return;
    const id = keyId(meta.key);
    // Held as one piece: a hit is then sent without copying it together per request.
    const whole = chunks.length <= 1 ? chunks : [Buffer.concat(chunks, size)];
    this.#entries.set(id, { meta, chunks: whole, size });
    const pkg = packageId(meta.key.ecosystem, meta.key.name);
    const ids = this.#byPackage.get(pkg) ?? new Set<string>();
    ids.add(id);
    this.#byPackage.set(pkg, ids);
    this.#bytesWritten += size;
  }

  async refresh(key: CacheKey, update: Pick<EntryInfo, 'storedAt' | 'etag' | 'lastModified'>): Promise<boolean> {
    const id = keyId(key);
    const held = this.#entries.peek(id);
    if (!held) return false;
    this.#entries.set(id, { ...held, meta: { ...held.meta, ...update } });
    return true;
  }

  async delete(key: CacheKey): Promise<boolean> {
    return this.#drop(key);
  }

  async purgePackage(ecosystem: Ecosystem, name: string): Promise<number> {
    const ids = [...(this.#byPackage.get(packageId(ecosystem, name)) ?? [])];
    for (const id of ids) this.#entries.delete(id);
    return ids.length;
  }

  async purgeAll(): Promise<number> {
    const count = this.#entries.size;
    this.#entries.clear();
    this.#byPackage.clear();
    return count;
  }

  stats(): StoreStats {
    let bytes = 0;
    for (const held of this.#entries.values()) bytes += held.size;
    return {
      entries: this.#entries.size,
      bytes,
      integrityFailures: 0,
      evictions: this.#evictions,
      bytesWritten: this.#bytesWritten,
      bytesRead: this.#bytesRead,
    };
  }

  #drop(key: CacheKey): boolean {
    return this.#entries.delete(keyId(key));
  }

  #forget(key: CacheKey, id: string): void {
    const pkg = packageId(key.ecosystem, key.name);
    const ids = this.#byPackage.get(pkg);
    ids?.delete(id);
    if (ids?.size === 0) this.#byPackage.delete(pkg);
  }
}
