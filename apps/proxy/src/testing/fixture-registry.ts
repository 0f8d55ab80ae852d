import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An npm registry on loopback for tests: packuments by name, one tarball for every file. */
export interface FixtureRegistry {
  /** Its URL, ending in `/`. */
  readonly url: string;
  /** Every path asked for, in order (tests may empty it). */
  readonly asked: string[];
  close(): Promise<void>;
}

/** The SRI integrity (sha512) of `bytes`, as a packument carries it. */
export const integrityOf = (bytes: Uint8Array): string => `sha512-${createHash('sha512').update(bytes).digest('base64')}`;

/**
 * A packument of `name` with `versions`, each file at `base` holding `tarball`, `latest` on
 * the last version; with `published` (version → ms since the epoch), npm's `time` too.
 */
export function fixturePackument(base: string, name: string, versions: readonly string[], tarball: Uint8Array, published?: Readonly<Record<string, number>>): object {
  const integrity = integrityOf(tarball);
  const entries = Object.fromEntries(versions.map((v) => [v, { name, version: v, dist: { tarball: `${base}${name}/-/${name}-${v}.tgz`, integrity } }]));
  const time = published && Object.fromEntries(Object.entries(published).map(([v, ms]) => [v, new Date(ms).toISOString()]));
  return { name, 'dist-tags': { latest: versions.at(-1) }, versions: entries, ...(time && { time }) };
}

/**
 * Starts a registry answering `/<name>` with `packumentOf(name, its URL)` (404 when that is
 * undefined) and any `.tgz` with `tarball`.
 */
export async function startFixtureRegistry(packumentOf: (name: string, base: string) => object | undefined, tarball: Uint8Array): Promise<FixtureRegistry> {
  const asked: string[] = [];
  let url = '';
  const server = createServer((request, response) => {
    const path = request.url ?? '';
    asked.push(path);
    if (path.endsWith('.tgz')) return void response.writeHead(200).end(tarball);
    const packument = /^\/[^/]+$/.test(path) ? packumentOf(path.slice(1), url) : undefined;
    if (packument !== undefined) return void response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(packument));
    response.writeHead(404).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { url, asked, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
