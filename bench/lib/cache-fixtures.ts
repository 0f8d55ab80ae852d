// What the cache benchmarks store and read: seeded bodies (whole, or as 64 KiB chunks that
// are never held together), entry metadata shaped like the proxy's, and the plain ways of
// reading a file that serve as baselines.
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CacheKey, EntryInfo, StoredEntry } from '@palisade/cache';

export { DiskStore, MemoryStore, TieredStore } from '@palisade/cache';

export const KiB = 1024;
export const MiB = 1024 * 1024;
export const CHUNK = 64 * KiB;

export const tarballKey = (name: string, version = '1.0.0'): CacheKey => ({ ecosystem: 'npm', name, resource: `tarball:${name}-${version}.tgz` });

export function tarballInfo(key: CacheKey): EntryInfo {
  return { key, contentType: 'application/octet-stream', etag: '"bench"', lastModified: 'Tue, 01 Jan 2030 00:00:00 GMT', storedAt: Date.now(), ttlClass: 'npm-tarball' };
}

/** mulberry32: a small seeded PRNG returning 32-bit words. */
function words(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** `size` seeded pseudo-random bytes (incompressible, as tarballs are). */
export function seededBytes(size: number, seed: number): Uint8Array {
  const next = words(seed);
  const buffer = new ArrayBuffer(Math.ceil(size / 4) * 4);
  const view = new Uint32Array(buffer);
  for (let i = 0; i < view.length; i++) view[i] = next();
  return new Uint8Array(buffer, 0, size);
}

/**
 * A body of `size` bytes as an async stream of 64 KiB chunks, as a network body arrives:
 * a seeded 64 KiB pattern with the body's seed and the chunk's index written into each
 * chunk. Every chunk is a new Buffer (a writer may keep it queued), none is kept here.
 */
export async function* patternBody(size: number, seed: number): AsyncGenerator<Uint8Array> {
  const pattern = Buffer.from(seededBytes(CHUNK, 0x5eed));
  for (let offset = 0, index = 0; offset < size; offset += CHUNK, index++) {
    const length = Math.min(CHUNK, size - offset);
    const chunk = Buffer.allocUnsafe(length);
    pattern.copy(chunk, 0, 0, length);
    if (length >= 8) {
      chunk.writeUInt32LE((pattern.readUInt32LE(0) ^ index) >>> 0, 0);
      chunk.writeUInt32LE((pattern.readUInt32LE(4) ^ seed) >>> 0, 4);
    }
    yield chunk;
  }
}

/** The one `.body` file under `<root>/entries` whose name contains `sha256`. */
export async function findBodyFile(root: string, sha256: string): Promise<string> {
  const found: string[] = [];
  async function walk(dir: string): Promise<void> {
    for (const item of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, item.name);
      if (item.isDirectory()) await walk(path);
      else if (item.name.endsWith(`-${sha256}.body`)) found.push(path);
    }
  }
  await walk(join(root, 'entries'));
  if (found.length !== 1) throw new Error(`expected one body file for ${sha256} under ${root}, found ${found.length}`);
  return found[0] as string;
}

/** Reads a web stream to its end; returns the bytes seen. */
export async function drainWeb(stream: ReadableStream<Uint8Array>): Promise<number> {
  const reader = stream.getReader();
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return bytes;
    bytes += value.byteLength;
  }
}

/** Serves an entry as the proxy will: the pieces it holds in memory, else its stream to the end. */
export async function serveEntry(entry: StoredEntry | undefined): Promise<number> {
  if (!entry) throw new Error('cache miss: the entry should be there');
  if (entry.chunks) return entry.chunks.reduce((total, chunk) => total + chunk.byteLength, 0);
  return drainWeb(entry.body());
}

/** A plain Node stream read of a file (default highWaterMark, 64 KiB) to its end. */
export async function drainFile(path: string, highWaterMark?: number): Promise<number> {
  let bytes = 0;
  for await (const chunk of createReadStream(path, highWaterMark === undefined ? {} : { highWaterMark })) bytes += (chunk as Buffer).byteLength;
  return bytes;
}
