import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { PackedFixture } from './fixture-packages.ts';
import { buildPackument, publishedAt } from './packument.ts';
import type { PackumentShape } from './packument.ts';
import { registryRoute } from './registry-route.ts';
import { startLoopbackServer, type LoopbackServer, type ServerFailure } from '@palisade/e2e-support';

/** One request the fixture registry received. */
export interface LoggedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** How the registry misbehaves: not at all, 503 to everything, or refusing connections. */
export type RegistryFailure = ServerFailure;

/** A local npm registry serving packed fixtures on 127.0.0.1. */
export interface FixtureRegistry {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  /** Every request so far, oldest first (a copy). */
  requests(): LoggedRequest[];
  /** Makes the registry fail (or recover); resolves once the change is in effect. */
  setFailure(failure: RegistryFailure): Promise<void>;
  /** Serves other bytes than the published ones for `name@version`'s tarball (the packument is unchanged). */
  tamperTarball(name: string, version: string): void;
  close(): Promise<void>;
}

const ABBREVIATED_TYPE = 'application/vnd.npm.install-v1+json';
/** What the legacy quick/full audit endpoints answer when nothing is vulnerable. */
const EMPTY_LEGACY_AUDIT = {
  actions: [],
  advisories: {},
  muted: [],
  metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0 }, dependencies: 0, devDependencies: 0, optionalDependencies: 0, totalDependencies: 0 },
};

function sendJson(res: ServerResponse, status: number, value: unknown, contentType = 'application/json'): void {
  res.writeHead(status, { 'content-type': contentType });
  res.end(JSON.stringify(value));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Answers 304 when the request's validators match; returns true when it did. */
function notModified(req: IncomingMessage, res: ServerResponse, etag: string, lastModified: Date): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  const ifModifiedSince = req.headers['if-modified-since'];
  const matches =
    ifNoneMatch !== undefined
      ? ifNoneMatch.split(',').some((tag) => tag.trim() === etag)
      : ifModifiedSince !== undefined && Date.parse(ifModifiedSince) >= Math.floor(lastModified.getTime() / 1000) * 1000;
  if (!matches) return false;
  res.writeHead(304, { etag, 'last-modified': lastModified.toUTCString() });
  res.end();
  return true;
}

function sendCacheable(req: IncomingMessage, res: ServerResponse, body: Buffer, contentType: string, lastModified: Date): void {
  const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
  if (notModified(req, res, etag, lastModified)) return;
  res.writeHead(200, {
    'content-type': contentType,
    'content-length': String(body.length),
    etag,
    'last-modified': lastModified.toUTCString(),
    'cache-control': 'public, max-age=300',
    vary: 'Accept',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Starts a registry on 127.0.0.1 (a free port) serving `fixtures`, each package's versions in publication order. */
export async function startFixtureRegistry(fixtures: readonly PackedFixture[]): Promise<FixtureRegistry> {
  const log: LoggedRequest[] = [];
  const tampered = new Set<string>();
  let loopback: LoopbackServer | undefined;
  let url = '';
  const packages = new Map<string, PackedFixture[]>();
  for (const fixture of fixtures) packages.set(fixture.name, [...(packages.get(fixture.name) ?? []), fixture]);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    log.push({ method, url: rawUrl, headers: { ...req.headers }, body });
    if ((loopback?.failure() ?? 'none') !== 'none') return sendJson(res, 503, { error: 'fixture registry is unavailable' });
    const route = registryRoute(method, rawUrl);
    if (route.kind === 'bulk-advisories') return sendJson(res, 200, {});
    if (route.kind === 'legacy-audit') return sendJson(res, 200, EMPTY_LEGACY_AUDIT);
    const versions = route.kind === 'unknown' ? undefined : packages.get(route.name);
    if (route.kind === 'unknown' || versions === undefined) return sendJson(res, 404, { error: 'Not found' });
    if (route.kind === 'packument') {
      const shape: PackumentShape = (req.headers.accept ?? '').includes(ABBREVIATED_TYPE) ? 'abbreviated' : 'full';
      const json = Buffer.from(JSON.stringify(buildPackument(url, versions, shape)));
      return sendCacheable(req, res, json, shape === 'abbreviated' ? ABBREVIATED_TYPE : 'application/json', publishedAt(versions.length - 1));
    }
    const index = versions.findIndex((f) => f.fileName === route.fileName);
    const fixture = versions[index];
    if (fixture === undefined) return sendJson(res, 404, { error: 'Not found' });
    const bytes = tampered.has(`${fixture.name}@${fixture.version}`) ? Buffer.concat([fixture.tarball, Buffer.from('tampered')]) : fixture.tarball;
    return sendCacheable(req, res, bytes, 'application/octet-stream', publishedAt(index));
  }

  loopback = await startLoopbackServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  url = loopback.url;

  return {
    url,
    requests: () => [...log],
    setFailure: (next) => (loopback as LoopbackServer).setFailure(next),
    tamperTarball: (name, version) => void tampered.add(`${name}@${version}`),
    close: () => (loopback as LoopbackServer).close(),
  };
}
