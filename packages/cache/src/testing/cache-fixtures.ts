// Shared by the cache tests: keys, bodies, a clock, fake upstreams that count their calls.
import { createHash } from 'node:crypto';
import { createCache, type CacheOptions } from '../cache.ts';
import type { CacheKey, StoredEntry } from '../cache-store.ts';
import { MemoryStore } from '../memory-store.ts';
import type { TtlClass } from '../ttl.ts';
import type { Upstream, UpstreamAnswer, UpstreamValidators } from '../upstream.ts';
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const packument: CacheKey = { ecosystem: 'npm', name: 'left-pad', resource: 'packument' };
export const tarball: CacheKey = { ecosystem: 'npm', name: 'left-pad', resource: 'left-pad-1.3.0.tgz' };
export const otherPackage: CacheKey = { ecosystem: 'npm', name: 'right-pad', resource: 'packument' };

export const bytesOf = (text: string) => new TextEncoder().encode(text);
export const sha = (algorithm: 'sha256' | 'sha512', data: Uint8Array | string) => createHash(algorithm).update(data).digest('hex');

export function textOf(entry: StoredEntry): string {
  if (!entry.chunks) throw new Error('the entry holds no bytes');
  return new TextDecoder().decode(Buffer.concat(entry.chunks));
}

export const body = (text: string, extra: Partial<Extract<UpstreamAnswer, { kind: 'body' }>> = {}): UpstreamAnswer => ({
  kind: 'body',
  body: bytesOf(text),
  contentType: 'application/json',
  ...extra,
});

/** A gate the test opens; bodies and upstreams wait on it so that callers really overlap. */
export function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** A body arriving in chunks, once the gate opens, a turn of the event loop apart. */
export async function* slowly(text: string, opened: Promise<void>, failAfterFirstChunk?: Error): AsyncGenerator<Uint8Array> {
  await opened;
  const bytes = bytesOf(text);
  const half = Math.floor(bytes.byteLength / 2);
  yield bytes.subarray(0, half);
  await new Promise((resolve) => setImmediate(resolve));
  if (failAfterFirstChunk) throw failAfterFirstChunk;
  yield bytes.subarray(half);
}

/** An upstream that records what it was asked and answers with `respond`. */
export function fakeUpstream(respond: (validators: UpstreamValidators | undefined, call: number) => UpstreamAnswer | Promise<UpstreamAnswer>) {
  const calls: (UpstreamValidators | undefined)[] = [];
  const upstream: Upstream = async (validators) => {
    calls.push(validators);
    return respond(validators, calls.length);
  };
  return { upstream, calls };
}

export const failing = (error: unknown) => fakeUpstream(() => Promise.reject(error));

export function setup(options: Partial<CacheOptions> = {}) {
  const clock = { t: 1_000_000 };
  const store = new MemoryStore({ maxBytes: 1 << 20 });
  const cache = createCache({ store, now: () => clock.t, ...options });
  const advance = (ms: number) => {
    clock.t += ms;
  };
  /** Stores `text` under `key` through a miss, at the current time. */
  const prime = async (key: CacheKey, text: string, extra: Partial<Extract<UpstreamAnswer, { kind: 'body' }>> = {}, ttlClass: TtlClass = 'npm-metadata') =>
    cache.fetch(key, ttlClass, fakeUpstream(() => body(text, extra)).upstream);
  return { clock, store, cache, advance, prime };
}

export const settled = () => new Promise<void>((resolve) => setImmediate(resolve));
