import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { isEcosystem, type Ecosystem } from '@palisade/core';
import type { CacheKey } from './cache-store.ts';

// Where the disk store puts things. No part of a name or resource reaches the file
// system: both are hashed, so no name however crafted (`..`, `%2e%2e`, `/`, NUL, 4 KB
// long, any Unicode) can address a file outside the root.
//
//   <root>/entries/<ecosystem>/<2 hex>/<sha256(name)>/<sha256(resource)>.meta
//   <root>/entries/<ecosystem>/<2 hex>/<sha256(name)>/<sha256(resource)>-<sha256(body)>.body
//   <root>/tmp/   bodies and metadata being written, renamed into place when complete

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export interface EntryLocation {
  /** The package's folder, relative to `<root>/entries`. */
  readonly packageDir: string;
  /** The resource's hash: the stem of its `.meta` and `.body` files. */
  readonly stem: string;
}

function checkedEcosystem(ecosystem: Ecosystem): Ecosystem {
  // Types say this already; the check keeps a value from outside the types off the path.
  if (!isEcosystem(ecosystem)) throw new TypeError(`not an ecosystem: ${JSON.stringify(ecosystem)}`);
  return ecosystem;
}

export function packageDirOf(ecosystem: Ecosystem, name: string): string {
  const hash = sha256Hex(name);
  return join(checkedEcosystem(ecosystem), hash.slice(0, 2), hash);
}

export function locate(key: CacheKey): EntryLocation {
  return { packageDir: packageDirOf(key.ecosystem, key.name), stem: sha256Hex(key.resource) };
}

/** A location as one string, for the store's index. */
export const locationId = (location: EntryLocation) => join(location.packageDir, location.stem);

export const metaFileName = (stem: string) => `${stem}.meta`;
export const bodyFileName = (stem: string, sha256: string) => `${stem}-${sha256}.body`;

const BODY_FILE = /^([0-9a-f]{64})-([0-9a-f]{64})\.body$/;
const META_FILE = /^([0-9a-f]{64})\.meta$/;

/** Reads a file name of a package folder: a body (its stem and SHA-256), a meta file, or neither. */
export function parseEntryFileName(name: string): { kind: 'body'; stem: string; sha256: string } | { kind: 'meta'; stem: string } | undefined {
  const body = BODY_FILE.exec(name);
  if (body) return { kind: 'body', stem: body[1] as string, sha256: body[2] as string };
  const meta = META_FILE.exec(name);
  return meta ? { kind: 'meta', stem: meta[1] as string } : undefined;
}
