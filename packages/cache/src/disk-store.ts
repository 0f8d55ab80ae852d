import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, unlink, type FileHandle } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { failure, success, type Ecosystem, type Result } from '@palisade/core';
import { digestBody, streamOf, type BodyDigest } from './body-digest.ts';
import { keyId, type BodySource, type CacheKey, type CacheStore, type EntryInfo, type EntryMeta, type PutOptions, type StoreStats, type StoredEntry } from './cache-store.ts';
import { bodyFileName, locate, locationId, metaFileName, packageDirOf, type EntryLocation } from './disk-layout.ts';
import { scanEntries } from './disk-scan.ts';
import { DiskUsage } from './disk-usage.ts';
import { decodeMeta, encodeMeta, sameKey } from './entry-meta-file.ts';
import { KeyLock } from './key-lock.ts';
import { syncDirectory, writeAtomically } from './temporary-file.ts';
import { checkFile, streamCheckedFile } from './verified-file.ts';

export interface DiskStoreOptions {
  /** The cache folder; created when absent. */
  readonly root: string;
  /** Bytes of bodies kept at most; the least recently used entries are evicted. */
  readonly maxBytes: number;
  /** Bodies up to this size are read whole when checked and handed out as bytes (default 8 MiB). */
  readonly inlineBytes?: number;
}

const DEFAULT_INLINE_BYTES = 8 << 20;

/** A file being opened, held so that a failure is not unhandled while nobody waits on it yet. */
type Opened = { readonly handle: FileHandle; readonly error?: undefined } | { readonly handle?: undefined; readonly error: unknown };
const settle = (opening: Promise<FileHandle>): Promise<Opened> => opening.then((handle) => ({ handle }), (error: unknown) => ({ error }));
const unsettle = (opened: Opened): Promise<FileHandle> => (opened.handle ? Promise.resolve(opened.handle) : Promise.reject(opened.error));
// Sidecars are far smaller; one that fills this is not one the store wrote.
const META_READ_BYTES = 64 << 10;

/**
 * The embedded default store: one folder per package, each entry a body file named by
 * its SHA-256 and a `.meta` sidecar that records it. Every read checks the body against
 * the sidecar; every write goes through a temporary file and a rename, body first, so
 * the sidecar's rename is the moment the new entry replaces the old one.
 */
export class DiskStore implements CacheStore {
  readonly #entriesDir: string;
  readonly #tmpDir: string;
  readonly #maxBytes: number;
  readonly #inlineBytes: number;
  readonly #usage: DiskUsage;
  readonly #locks = new KeyLock();
  #integrityFailures = 0;
  #evictions = 0;
  #bytesWritten = 0;
  #bytesRead = 0;

  private constructor(options: DiskStoreOptions, usage: DiskUsage) {
    this.#entriesDir = join(options.root, 'entries');
    this.#tmpDir = join(options.root, 'tmp');
    this.#maxBytes = options.maxBytes;
    this.#inlineBytes = options.inlineBytes ?? DEFAULT_INLINE_BYTES;
    this.#usage = usage;
  }

  /** Opens (or creates) a cache folder, accounting for what it holds and clearing what a crash left behind. */
  static async open(options: DiskStoreOptions): Promise<DiskStore> {
    const entriesDir = join(options.root, 'entries');
    const tmpDir = join(options.root, 'tmp');
    await rm(tmpDir, { recursive: true, force: true });
    await mkdir(tmpDir, { recursive: true });
    await mkdir(entriesDir, { recursive: true });
    const store = new DiskStore(options, await scanEntries(entriesDir));
    await store.#evict();
    return store;
  }

  async get(key: CacheKey): Promise<StoredEntry | undefined> {
    const location = locate(key);
    const id = locationId(location);
    // A write may replace the entry between reading its sidecar and opening its body
    // (the old body is then gone): read the sidecar again once before judging.
    for (let attempt = 0; ; attempt++) {
      // The body this store last recorded is opened while its sidecar is read; the
      // sidecar still decides which body counts and what its SHA-256 must be.
      const known = this.#usage.get(id)?.bodyFile;
      const early = known === undefined ? undefined : settle(open(join(this.#entriesDir, location.packageDir, known), 'r'));
      const meta = await this.#readMeta(location);
      const bodyFile = typeof meta === 'object' ? bodyFileName(location.stem, meta.sha256) : undefined;
      if (early !== undefined && bodyFile !== known) void early.then((opened) => opened.handle?.close().catch(() => undefined));
      // No sidecar: a miss, unless the store holds the entry's body (its sidecar was lost).
      if (meta === 'missing') return this.#usage.has(id) ? this.#discard(key, location) : undefined;
      if (meta === 'corrupt' || !sameKey(meta.key, key)) return this.#discard(key, location);
      const bodyPath = this.#bodyPath(location, meta.sha256);
      const opening = early !== undefined && bodyFile === known ? early.then(unsettle) : open(bodyPath, 'r');
      const check = await checkFile(opening, meta.sha256, meta.size, this.#inlineBytes);
      if (check.status === 'missing' && attempt === 0) continue;
      if (check.status !== 'verified') return this.#discard(key, location);
      this.#usage.touch(id);
      this.#bytesRead += meta.size;
      const chunks = check.chunks;
      return { meta, chunks, body: () => (chunks ? streamOf(chunks) : streamCheckedFile(bodyPath, meta.sha256)) };
    }
  }

  put(info: EntryInfo, body: BodySource, options: PutOptions = {}): Promise<Result<EntryMeta>> {
    return this.#locks.run(keyId(info.key), async () => {
      const location = locate(info.key);
      const folder = join(this.#entriesDir, location.packageDir);
      await mkdir(folder, { recursive: true });
      const written = await writeAtomically<Result<BodyDigest>>(
        this.#tmpDir,
        (digest) => (digest.ok ? this.#bodyPath(location, digest.value.sha256) : ''),
        async (handle) => {
          const digest = await digestBody(body, async (chunk) => void (await handle.write(chunk)), options.expectedDigest);
          return { keep: digest.ok, result: digest };
        },
      );
      if (!written.result.ok) return failure(written.result.error);
      const meta: EntryMeta = { ...info, sha256: written.result.value.sha256, size: written.result.value.size };
      const previous = await this.#readMeta(location);
      await this.#writeMeta(location, meta);
      if (typeof previous === 'object' && previous.sha256 !== meta.sha256) await unlink(this.#bodyPath(location, previous.sha256)).catch(() => undefined);
      this.#usage.set(locationId(location), { size: meta.size, bodyFile: bodyFileName(location.stem, meta.sha256) });
      this.#bytesWritten += meta.size;
      await this.#evict(locationId(location));
      return success(meta);
    });
  }

  refresh(key: CacheKey, update: Pick<EntryInfo, 'storedAt' | 'etag' | 'lastModified'>): Promise<boolean> {
    return this.#locks.run(keyId(key), async () => {
      const location = locate(key);
      const meta = await this.#readMeta(location);
      if (typeof meta !== 'object' || !sameKey(meta.key, key)) return false;
      await this.#writeMeta(location, { ...meta, ...update });
      return true;
    });
  }

  delete(key: CacheKey): Promise<boolean> {
    return this.#locks.run(keyId(key), () => this.#remove(locate(key)));
  }

  async purgePackage(ecosystem: Ecosystem, name: string): Promise<number> {
    const packageDir = packageDirOf(ecosystem, name);
    const removed = this.#usage.removeUnder(packageDir + sep);
    await this.#removeFolder(join(this.#entriesDir, packageDir));
    return removed.length;
  }

  async purgeAll(): Promise<number> {
    const removed = this.#usage.removeUnder('');
    await this.#removeFolder(this.#entriesDir);
    await mkdir(this.#entriesDir, { recursive: true });
    return removed.length;
  }

  stats(): StoreStats {
    return {
      entries: this.#usage.entries,
      bytes: this.#usage.bytes,
      integrityFailures: this.#integrityFailures,
      evictions: this.#evictions,
      bytesWritten: this.#bytesWritten,
      bytesRead: this.#bytesRead,
    };
  }

  /**
   * Moves a folder of entries aside in one step, then removes it: a write finishing
   * meanwhile makes a new folder instead of landing in one half deleted.
   */
  async #removeFolder(folder: string): Promise<void> {
    const aside = join(this.#tmpDir, `${randomUUID()}.purged`);
    try {
      await rename(folder, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    await rm(aside, { recursive: true, force: true });
  }

  #bodyPath(location: EntryLocation, sha256: string): string {
    return join(this.#entriesDir, location.packageDir, bodyFileName(location.stem, sha256));
  }

  #metaPath(location: EntryLocation): string {
    return join(this.#entriesDir, location.packageDir, metaFileName(location.stem));
  }

  async #readMeta(location: EntryLocation): Promise<EntryMeta | 'missing' | 'corrupt'> {
    let handle;
    try {
      handle = await open(this.#metaPath(location), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
      throw error;
    }
    try {
      // A sidecar is a few hundred bytes: one read, no size query, no wait for the close.
      const buffer = Buffer.allocUnsafe(META_READ_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, META_READ_BYTES, 0);
      return (bytesRead < META_READ_BYTES && decodeMeta(buffer.toString('utf8', 0, bytesRead))) || 'corrupt';
    } finally {
      handle.close().catch(() => undefined);
    }
  }

  async #writeMeta(location: EntryLocation, meta: EntryMeta): Promise<void> {
    await writeAtomically(this.#tmpDir, () => this.#metaPath(location), async (handle) => {
      await handle.writeFile(encodeMeta(meta));
      return { keep: true, result: undefined };
    });
    await syncDirectory(join(this.#entriesDir, location.packageDir));
  }

  /** An entry that failed its check: removed, counted, reported as a miss. */
  async #discard(key: CacheKey, location: EntryLocation): Promise<undefined> {
    this.#integrityFailures++;
    await this.#locks.run(keyId(key), () => this.#remove(location));
    return undefined;
  }

  /** Removes an entry's sidecar and every body of its stem; false when there was nothing. */
  async #remove(location: EntryLocation): Promise<boolean> {
    const record = this.#usage.remove(locationId(location));
    const folder = join(this.#entriesDir, location.packageDir);
    const files = await readdir(folder).catch(() => [] as string[]);
    const own = files.filter((file) => file === metaFileName(location.stem) || file.startsWith(`${location.stem}-`));
    for (const file of own) await unlink(join(folder, file)).catch(() => undefined);
    return own.length > 0 || record !== undefined;
  }

  async #evict(keep?: string): Promise<void> {
    for (const id of this.#usage.overflow(this.#maxBytes, keep)) {
      const slash = id.lastIndexOf(sep);
      await this.#remove({ packageDir: id.slice(0, slash), stem: id.slice(slash + 1) });
      this.#evictions++;
    }
  }
}
