import type { StoredEntry } from '@palisade/cache';

/** A verified cache entry as a response body: its bytes when held whole, else its stream. */
export function entryBody(entry: StoredEntry): Uint8Array | ReadableStream<Uint8Array> {
  const chunks = entry.chunks;
  if (chunks?.length === 1) return chunks[0] as Uint8Array;
  if (chunks && entry.meta.size <= 1 << 20) return Buffer.concat(chunks);
  return entry.body();
}

/** The body of a verified entry, whole. */
export async function entryBytes(entry: StoredEntry): Promise<Buffer> {
  if (entry.chunks) return Buffer.concat(entry.chunks);
  return Buffer.from(await new Response(entry.body()).arrayBuffer());
}
