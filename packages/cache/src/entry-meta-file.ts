import { isEcosystem } from '@palisade/core';
import type { CacheKey, EntryMeta } from './cache-store.ts';
import { TTL_CLASSES, type TtlClass } from './ttl.ts';

// A `.meta` file: the entry's metadata as JSON, with a format number so that a later
// layout can tell old files apart. It is the sidecar that carries the body's SHA-256.

const FORMAT = 1;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export function encodeMeta(meta: EntryMeta): string {
  return JSON.stringify({ format: FORMAT, ...meta });
}

const isString = (value: unknown): value is string => typeof value === 'string';
const optionalString = (value: unknown) => value === undefined || isString(value);

/** The metadata in a `.meta` file, or undefined when the file is not one this store writes. */
export function decodeMeta(text: string): EntryMeta | undefined {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || value['format'] !== FORMAT) return undefined;
  const key = value['key'] as Partial<CacheKey> | undefined;
  const { contentType, etag, lastModified, storedAt, ttlClass, sha256, size } = value;
  if (!key || !isString(key.ecosystem) || !isEcosystem(key.ecosystem) || !isString(key.name) || !isString(key.resource)) return undefined;
  if (!isString(contentType) || !optionalString(etag) || !optionalString(lastModified)) return undefined;
  if (typeof storedAt !== 'number' || !Number.isFinite(storedAt)) return undefined;
  if (!TTL_CLASSES.includes(ttlClass as TtlClass) || !isString(sha256) || !SHA256_HEX.test(sha256)) return undefined;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return undefined;
  return {
    key: { ecosystem: key.ecosystem, name: key.name, resource: key.resource },
    contentType,
    etag: etag as string | undefined,
    lastModified: lastModified as string | undefined,
    storedAt,
    ttlClass: ttlClass as TtlClass,
    sha256,
    size,
  };
}

export const sameKey = (a: CacheKey, b: CacheKey) => a.ecosystem === b.ecosystem && a.name === b.name && a.resource === b.resource;
