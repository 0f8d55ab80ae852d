import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packFixtures, tarballDigests } from './fixture-packages.ts';
import type { PackedFixture } from './fixture-packages.ts';
import { startFixtureRegistry } from './fixture-registry.ts';
import type { FixtureRegistry } from './fixture-registry.ts';
import { createTempFolder } from '@palisade/e2e-support';
import type { TempFolder } from '@palisade/e2e-support';

const ABBREVIATED = 'application/vnd.npm.install-v1+json';

/** The parts of a packument these tests read. */
interface PackumentJson {
  readonly 'dist-tags': Record<string, string>;
  readonly versions: Record<string, Record<string, unknown>>;
  readonly time?: Record<string, string>;
  readonly modified?: string;
}

describe('the fixture registry', { timeout: 60_000 }, () => {
  let temp: TempFolder;
  let fixtures: PackedFixture[];
  let registry: FixtureRegistry;

  beforeAll(async () => {
    temp = await createTempFolder('registry');
    fixtures = await packFixtures(temp.path, [
      { name: 'plain', version: '1.0.0' },
      { name: 'plain', version: '1.1.0', dependencies: { '@scope/lib': '^2.0.0' } },
      { name: '@scope/lib', version: '2.0.0' },
    ]);
    registry = await startFixtureRegistry(fixtures);
  }, 60_000);

  afterAll(async () => {
    await registry?.close();
    await temp?.remove();
  }, 60_000);

  it('packs with npm pack and computes the digests from the bytes', () => {
    const plain = fixtures[1];
    expect(plain?.fileName).toBe('plain-1.1.0.tgz');
    expect(plain?.tarball.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(plain?.integrity).toMatch(/^sha512-[A-Za-z0-9+/]{86}==$/);
    expect(plain?.shasum).toMatch(/^[0-9a-f]{40}$/);
    expect(fixtures[2]?.fileName).toBe('lib-2.0.0.tgz');
  });

  it('serves the full packument as application/json with versions, dist-tags, time and dist', async () => {
    const response = await fetch(`${registry.url}/plain`, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const packument = (await response.json()) as PackumentJson;
    expect(packument['dist-tags']).toEqual({ latest: '1.1.0' });
    expect(Object.keys(packument.versions)).toEqual(['1.0.0', '1.1.0']);
    expect(Object.keys(packument.time ?? {})).toEqual(['created', 'modified', '1.0.0', '1.1.0']);
    expect(packument.versions['1.1.0']).toMatchObject({
      name: 'plain',
      version: '1.1.0',
      dependencies: { '@scope/lib': '^2.0.0' },
      dist: { tarball: `${registry.url}/plain/-/plain-1.1.0.tgz`, integrity: fixtures[1]?.integrity, shasum: fixtures[1]?.shasum },
    });
  });

  it('serves the abbreviated packument when asked with the install-v1 type', async () => {
    const response = await fetch(`${registry.url}/plain`, { headers: { accept: `${ABBREVIATED}; q=1.0, application/json; q=0.8, */*` } });
    expect(response.headers.get('content-type')).toBe(ABBREVIATED);
    const packument = (await response.json()) as PackumentJson;
    expect(packument.time).toBeUndefined();
    expect(packument.modified).toEqual(expect.any(String));
    expect(packument.versions['1.0.0']).toEqual({ name: 'plain', version: '1.0.0', dist: expect.objectContaining({ integrity: fixtures[0]?.integrity }) });
  });

  it.each(['%2f', '%2F', '/'])('serves a scoped packument and its tarball with the name written @scope%slib', async (separator) => {
    const packument = await fetch(`${registry.url}/@scope${separator}lib`);
    expect(packument.status).toBe(200);
    expect(((await packument.json()) as { name: string }).name).toBe('@scope/lib');
    const tarball = await fetch(`${registry.url}/@scope${separator}lib/-/lib-2.0.0.tgz`);
    expect(tarballDigests(Buffer.from(await tarball.arrayBuffer())).integrity).toBe(fixtures[2]?.integrity);
  });

  it('answers 304 to matching validators and 404 to unknown packages and files', async () => {
    const first = await fetch(`${registry.url}/plain/-/plain-1.0.0.tgz`);
    const etag = first.headers.get('etag') ?? '';
    const lastModified = first.headers.get('last-modified') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{40}"$/);
    expect((await fetch(`${registry.url}/plain/-/plain-1.0.0.tgz`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await fetch(`${registry.url}/plain/-/plain-1.0.0.tgz`, { headers: { 'if-modified-since': lastModified } })).status).toBe(304);
    expect((await fetch(`${registry.url}/plain/-/plain-1.0.0.tgz`, { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
    expect((await fetch(`${registry.url}/missing`)).status).toBe(404);
    expect((await fetch(`${registry.url}/plain/-/plain-9.9.9.tgz`)).status).toBe(404);
  });

  it('answers the audit endpoints with nothing found', async () => {
    const bulk = await fetch(`${registry.url}/-/npm/v1/security/advisories/bulk`, { method: 'POST', body: '{"plain":["1.0.0"]}' });
    expect(await bulk.json()).toEqual({});
    const quick = await fetch(`${registry.url}/-/npm/v1/security/audits/quick`, { method: 'POST', body: '{}' });
    expect(await quick.json()).toMatchObject({ advisories: {}, metadata: { vulnerabilities: { critical: 0 } } });
  });

  it('logs every request with its method, URL, headers and body', async () => {
    await fetch(`${registry.url}/-/npm/v1/security/advisories/bulk`, { method: 'POST', body: '{"logged":["1.0.0"]}', headers: { 'npm-command': 'audit' } });
    const last = registry.requests().at(-1);
    expect(last).toMatchObject({ method: 'POST', url: '/-/npm/v1/security/advisories/bulk', body: '{"logged":["1.0.0"]}' });
    expect(last?.headers['npm-command']).toBe('audit');
  });

  it('serves a tampered tarball whose bytes no longer match the published integrity', async () => {
    registry.tamperTarball('plain', '1.0.0');
    const bytes = Buffer.from(await (await fetch(`${registry.url}/plain/-/plain-1.0.0.tgz`)).arrayBuffer());
    expect(tarballDigests(bytes).integrity).not.toBe(fixtures[0]?.integrity);
  });

  it('fails with 503 or refuses connections on demand, then recovers', async () => {
    await registry.setFailure('unavailable');
    expect((await fetch(`${registry.url}/plain`)).status).toBe(503);
    await registry.setFailure('refused');
    await expect(fetch(`${registry.url}/plain`)).rejects.toThrow();
    await registry.setFailure('none');
    expect((await fetch(`${registry.url}/plain`)).status).toBe(200);
  });
});
