import { createHash } from 'node:crypto';

/** A package version held by the fake registry: its tarball bytes and what the packument publishes for them. */
export interface FakeVersion {
  readonly version: string;
  readonly tarball: Uint8Array;
  /** Publish an integrity that does not match the bytes. */
  readonly tampered?: boolean;
  /** When it was published, in ms since the epoch (default: day N of 2024 for the Nth version); null: no `time` entry. */
  readonly publishedAt?: number | null;
}

/**
 * An npm registry as a `fetch` function, for in-process tests: packuments (ETag and 304;
 * abbreviated ones, without `time`, to a client asking for them), tarballs, a bulk audit
 * answer, a log of requests, and a switch that makes it fail.
 */
export class FakeRegistry {
  readonly base = 'http://registry.test/prefix/';
  readonly requests: { url: string; accept: string | null; method: string }[] = [];
  readonly packages = new Map<string, FakeVersion[]>();
  down = false;
  malformed = new Set<string>();
  auditAnswer: unknown = {};

  add(name: string, versions: readonly FakeVersion[]): void {
    this.packages.set(name, [...versions]);
  }

  packument(name: string, abbreviated = false): Record<string, unknown> {
    const versions = this.packages.get(name) ?? [];
    const bare = name.startsWith('@') ? name.slice(name.indexOf('/') + 1) : name;
    const sri = (bytes: Uint8Array) => `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
    return {
      name,
      'dist-tags': { latest: versions.at(-1)?.version },
      versions: Object.fromEntries(
        versions.map((entry) => [
          entry.version,
          { name, version: entry.version, dist: { tarball: `${this.base}${name}/-/${bare}-${entry.version}.tgz`, integrity: entry.tampered ? sri(Buffer.from('other bytes')) : sri(entry.tarball) } },
        ]),
      ),
      ...(!abbreviated && {
        time: Object.fromEntries(versions.flatMap((entry, index) => (entry.publishedAt === null ? [] : [[entry.version, new Date(entry.publishedAt ?? Date.UTC(2024, 0, 1 + index)).toISOString()]]))),
      }),
    };
  }

  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    this.requests.push({ url: request.url, accept: request.headers.get('accept'), method: request.method });
    if (this.down) return new Response('down', { status: 503 });
    const path = decodeURIComponent(request.url.slice(this.base.length));
    if (path.startsWith('-/npm/v1/security/')) return Response.json(this.auditAnswer);
    if (path === '-/ping' || path.startsWith('-/v1/search')) return Response.json({ echo: path }, { headers: { 'Cache-Control': 'max-age=60', 'Set-Cookie': 'tracking=1' } });
    const tarball = /^(.+)\/-\/(.+)$/.exec(path);
    if (tarball) {
      const [, name, file] = tarball as unknown as [string, string, string];
      const entry = this.packages.get(name)?.find((candidate) => file.endsWith(`-${candidate.version}.tgz`));
      return entry ? new Response(entry.tarball, { headers: { 'Content-Type': 'application/octet-stream' } }) : new Response('{}', { status: 404 });
    }
    if (!this.packages.has(path)) return new Response('{"error":"Not found"}', { status: 404 });
    if (this.malformed.has(path)) return new Response('{"name": "broken', { headers: { 'Content-Type': 'application/json' } });
    const body = JSON.stringify(this.packument(path, request.headers.get('accept')?.startsWith('application/vnd.npm.install-v1+json') === true));
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers: { ETag: etag } });
    return new Response(body, { headers: { 'Content-Type': 'application/json', ETag: etag } });
  };
}
