import { createHash, type Hash } from 'node:crypto';
import { failure, success, type Result } from '@palisade/core';
import type { BodySource, Digest } from './cache-store.ts';

/** The SHA-256 and size of a body that went through `digestBody`. */
export interface BodyDigest {
  readonly sha256: string;
  readonly size: number;
}

/**
 * Feeds a body chunk by chunk to `onChunk` while hashing it: SHA-256 always, and the
 * algorithm of `expected` when given. Fails when the body does not match `expected`;
 * throws what the body's source or `onChunk` throws.
 */
export async function digestBody(
  body: BodySource,
  onChunk: (chunk: Uint8Array) => void | Promise<void>,
  expected?: Digest,
): Promise<Result<BodyDigest>> {
  const sha256 = createHash('sha256');
  const other: Hash | undefined = expected && expected.algorithm !== 'sha256' ? createHash(expected.algorithm) : undefined;
  let size = 0;
  const chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array> = body instanceof Uint8Array ? [body] : body;
  for await (const chunk of chunks) {
    sha256.update(chunk);
    other?.update(chunk);
    size += chunk.byteLength;
    await onChunk(chunk);
  }
  const digest = { sha256: sha256.digest('hex'), size };
  if (expected) {
    const actual = other ? other.digest('hex') : digest.sha256;
    if (actual !== expected.hex.toLowerCase()) {
      return failure(`${expected.algorithm} of the body is ${actual}, the registry published ${expected.hex.toLowerCase()}`);
    }
  }
  return success(digest);
}

/** A stream over a body held in memory. */
export function streamOf(chunks: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) if (chunk.byteLength > 0) controller.enqueue(chunk);
      controller.close();
    },
  });
}

/** The size of a body held in memory. */
export const sizeOf = (chunks: readonly Uint8Array[]) => chunks.reduce((total, chunk) => total + chunk.byteLength, 0);
