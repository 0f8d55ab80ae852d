import { failure, printable, success, type Result } from '@palisade/core';
import { isJsonObject } from './json-object.ts';

/** A digest as published in a packument (shaped as `@palisade/cache`'s `Digest`). */
export interface PublishedDigest {
  readonly algorithm: 'sha1' | 'sha256' | 'sha384' | 'sha512';
  /** Lower-case hexadecimal. */
  readonly hex: string;
}

type Algorithm = PublishedDigest['algorithm'];

/** Digest lengths in bytes, strongest first: the order `integrity` hashes are preferred in. */
const ALGORITHMS: readonly { readonly name: Algorithm; readonly bytes: number }[] = [
  { name: 'sha512', bytes: 64 },
  { name: 'sha384', bytes: 48 },
  { name: 'sha256', bytes: 32 },
  { name: 'sha1', bytes: 20 },
];
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const SHA1_HEX = /^[0-9a-fA-F]{40}$/;
const MAX_INTEGRITY_LENGTH = 4096;

/**
 * The digest a tarball must have, read from a version's `dist`: the strongest hash of
 * `integrity` (Subresource Integrity: space-separated `algorithm-base64` hashes, each
 * possibly followed by `?options`; sha512 > sha384 > sha256 > sha1, the first of the
 * strongest when it appears twice; hashes of other algorithms are skipped), else `shasum`
 * (40 hex digits of SHA-1). Fails when `integrity` is malformed, or when neither gives a digest.
 */
export function publishedDigest(dist: unknown): Result<PublishedDigest> {
  if (!isJsonObject(dist)) return failure('version has no "dist" object');
  const integrity = dist['integrity'];
  if (integrity !== undefined) {
    const strongest = strongestHash(integrity);
    if (!strongest.ok) return strongest;
    if (strongest.value !== undefined) return success(strongest.value);
  }
  const shasum = dist['shasum'];
  if (typeof shasum === 'string' && SHA1_HEX.test(shasum)) return success({ algorithm: 'sha1', hex: shasum.toLowerCase() });
  if (shasum !== undefined) return failure(`"dist.shasum" "${printable(String(shasum))}" is not 40 hex digits`);
  return failure('version publishes neither "dist.integrity" nor "dist.shasum"');
}

/** The strongest hash of an SRI string, undefined when it has none of a known algorithm. */
function strongestHash(integrity: unknown): Result<PublishedDigest | undefined> {
  if (typeof integrity !== 'string') return failure('"dist.integrity" is not a string');
  if (integrity.length > MAX_INTEGRITY_LENGTH) return failure('"dist.integrity" is too long');
  let best: PublishedDigest | undefined;
  let bestRank = Number.POSITIVE_INFINITY;
  for (const token of integrity.split(/\s+/)) {
    if (token === '') continue;
    const dash = token.indexOf('-');
    const name = dash < 0 ? token : token.slice(0, dash);
    const rank = ALGORITHMS.findIndex((algorithm) => algorithm.name === name);
    const algorithm = ALGORITHMS[rank];
    if (algorithm === undefined) continue;
    const query = token.indexOf('?');
    const hex = base64ToHex(token.slice(dash + 1, query < 0 ? undefined : query), algorithm.bytes);
    if (hex === undefined) return failure(`"dist.integrity" hash "${printable(token)}" is not ${name} in base64`);
    if (rank < bestRank) {
      best = { algorithm: algorithm.name, hex };
      bestRank = rank;
    }
  }
  return success(best);
}

function base64ToHex(base64: string, bytes: number): string | undefined {
  if (base64.length !== Math.ceil(bytes / 3) * 4 || !BASE64.test(base64)) return undefined;
  const decoded = Buffer.from(base64, 'base64');
  return decoded.length === bytes ? decoded.toString('hex') : undefined;
}
