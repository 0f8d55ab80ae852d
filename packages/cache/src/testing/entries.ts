import { createHash } from 'node:crypto';
import type { BodySource, CacheKey, EntryInfo, StoredEntry } from '../cache-store.ts';

export const key = (name: string, resource = 'packument', ecosystem: CacheKey['ecosystem'] = 'npm'): CacheKey => ({ ecosystem, name, resource });

export function info(cacheKey: CacheKey, fields: Partial<EntryInfo> = {}): EntryInfo {
  return { key: cacheKey, contentType: 'application/json', etag: '"v1"', lastModified: 'Tue, 01 Jan 2030 00:00:00 GMT', storedAt: 1_000, ttlClass: 'npm-metadata', ...fields };
}

export const bytesOf = (text: string) => new TextEncoder().encode(text);
export const textOf = (body: Uint8Array | readonly Uint8Array[] | undefined) => new TextDecoder().decode(body instanceof Uint8Array || body === undefined ? body : Buffer.concat(body));
export const hex = (algorithm: string, bytes: Uint8Array) => createHash(algorithm).update(bytes).digest('hex');

/** A body that arrives in several chunks, as a network body does. */
export async function* chunked(bytes: Uint8Array, size = 7): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.byteLength; i += size) {
    await Promise.resolve();
    yield bytes.subarray(i, i + size);
  }
}

/** A body that fails after its first chunk, as a dropped connection does. */
export async function* failing(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes.subarray(0, 3);
  throw new Error('connection reset');
}

export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Both ways an entry hands out its body, which must agree. */
export async function bodyOf(entry: StoredEntry | undefined): Promise<string> {
  if (!entry) throw new Error('no entry');
  const streamed = textOf(await readAll(entry.body()));
  if (entry.chunks && textOf(entry.chunks) !== streamed) throw new Error('chunks and stream differ');
  return streamed;
}

export type { BodySource };
