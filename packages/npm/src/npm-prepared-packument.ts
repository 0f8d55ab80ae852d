import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import type { Decision } from '@palisade/core';

const gzipAsync = promisify(gzip);

/**
 * A packument made ready to serve: filtered under one database revision, its tarball URLs
 * rewritten, serialised once, and compressed once. Requests are answered from these bytes
 * without parsing, serialising or compressing anything. The compressed form is made in the
 * background: until it is there, clients that accept gzip get the identity bytes.
 */
export interface PreparedPackument {
  readonly identity: Uint8Array;
  /** The gzip form, once made. */
  readonly gzip: Uint8Array | undefined;
  readonly etag: string;
  /** Versions removed by the policy. */
  readonly removed: readonly string[];
  /** Findings served anyway (audit mode), for the decision headers. */
  readonly audited: readonly Decision[];
}

/** Or, when the policy denied every version, the refusal to send instead. */
export type PreparedAnswer = { readonly kind: 'document'; readonly packument: PreparedPackument } | { readonly kind: 'blocked'; readonly decision: Decision };

/** A filtered document's JSON, made ready to serve: its ETag now, its compressed form started. */
export function preparePackument(identity: Uint8Array, removed: readonly string[], audited: readonly Decision[]): PreparedPackument {
  const etag = `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`;
  const prepared: { -readonly [K in keyof PreparedPackument]: PreparedPackument[K] } = { identity, gzip: undefined, etag, removed, audited };
  gzipAsync(identity, { level: 6 }).then(
    (compressed) => void (prepared.gzip = compressed),
    () => undefined, // without a compressed form, the identity bytes are served
  );
  return prepared;
}

// Compressed packuments are a fifth to a tenth of their size: a third is a safe allowance.
const sizeOf = (answer: PreparedAnswer) => (answer.kind === 'document' ? Math.ceil(answer.packument.identity.byteLength * 1.34) + 256 : 1024);

/**
 * Prepared packuments in memory, bounded by bytes, keyed by what they were derived from:
 * the upstream body's SHA-256, the database revision, the format and the public URL.
 * Concurrent requests for one key share one preparation.
 */
export class PreparedPackuments {
  readonly #entries: LRUCache<string, PreparedAnswer>;
  readonly #pending = new Map<string, Promise<PreparedAnswer>>();

  constructor(maxBytes: number) {
    this.#entries = new LRUCache<string, PreparedAnswer>({ maxSize: Math.max(1, maxBytes), sizeCalculation: (answer) => Math.max(1, sizeOf(answer)) });
  }

  get(key: string, prepare: () => Promise<PreparedAnswer>): Promise<PreparedAnswer> {
    const held = this.#entries.get(key);
    if (held) return Promise.resolve(held);
    const running = this.#pending.get(key);
    if (running) return running;
    const started = prepare().then(
      (answer) => {
        this.#pending.delete(key);
        this.#entries.set(key, answer);
        return answer;
      },
      (error: unknown) => {
        this.#pending.delete(key);
        throw error;
      },
    );
    this.#pending.set(key, started);
    return started;
  }

  clear(): void {
    this.#entries.clear();
  }
}
