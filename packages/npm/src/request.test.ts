import { describe, expect, it } from 'vitest';
import { parseNpmRequest, type NpmRequest } from './request.ts';

function request(method: string, path: string): NpmRequest {
  const result = parseNpmRequest(method, path);
  if (!result.ok) throw new Error(`${path} refused: ${result.status} ${result.reason}`);
  return result.request;
}

function refusal(method: string, path: string): { status: number; reason: string } {
  const result = parseNpmRequest(method, path);
  if (result.ok) throw new Error(`${path} accepted as ${JSON.stringify(result.request)}`);
  return { status: result.status, reason: result.reason };
}

describe('parseNpmRequest: package documents', () => {
  it.each([
    ['/lodash', 'lodash'],
    ['/@scope%2fname', '@scope/name'],
    ['/@scope%2Fname', '@scope/name'],
    ['/@scope/name', '@scope/name'],
    ['/JSONStream', 'JSONStream'],
    ['/%6codash', 'lodash'],
  ])('%s is the packument of %s', (path, name) => {
    expect(request('GET', path)).toEqual({ kind: 'packument', name });
    expect(request('HEAD', path)).toEqual({ kind: 'packument', name });
  });

  it.each([
    ['/lodash/4.17.21', 'lodash', '4.17.21'],
    ['/lodash/latest', 'lodash', 'latest'],
    ['/@scope%2fname/1.0.0', '@scope/name', '1.0.0'],
    ['/@scope/name/next', '@scope/name', 'next'],
    ['/lodash/%5E4.0.0', 'lodash', '^4.0.0'],
  ])('%s is version %s@%s', (path, name, spec) => {
    expect(request('GET', path)).toEqual({ kind: 'version', name, spec });
  });

  it.each([
    ['/lodash/-/lodash-4.17.21.tgz', 'lodash', 'lodash-4.17.21.tgz'],
    ['/@scope/name/-/name-1.0.0.tgz', '@scope/name', 'name-1.0.0.tgz'],
    ['/@scope%2fname/-/name-1.0.0.tgz', '@scope/name', 'name-1.0.0.tgz'],
    ['/@scope%2Fname/-/name-1.0.0.tgz', '@scope/name', 'name-1.0.0.tgz'],
  ])('%s is the tarball %s %s', (path, name, file) => {
    expect(request('GET', path)).toEqual({ kind: 'tarball', name, file });
    expect(request('HEAD', path)).toEqual({ kind: 'tarball', name, file });
  });
});

describe('parseNpmRequest: registry endpoints', () => {
  it.each([
    ['/-/package/lodash/dist-tags', 'lodash'],
    ['/-/package/@scope%2fname/dist-tags', '@scope/name'],
    ['/-/package/@scope%2Fname/dist-tags', '@scope/name'],
    ['/-/package/@scope/name/dist-tags', '@scope/name'],
  ])('%s is the dist-tags of %s', (path, name) => {
    expect(request('GET', path)).toEqual({ kind: 'dist-tags', name });
  });

  it.each([
    ['/-/npm/v1/security/advisories/bulk', 'bulk'],
    ['/-/npm/v1/security/audits/quick', 'quick'],
    ['/-/npm/v1/security/audits', 'full'],
  ] as const)('POST %s is the %s audit', (path, endpoint) => {
    expect(request('POST', path)).toEqual({ kind: 'audit', endpoint });
    expect(refusal('GET', path)).toMatchObject({ status: 405, reason: expect.stringContaining('POST') });
  });

  it('recognises search and ping', () => {
    expect(request('GET', '/-/v1/search')).toEqual({ kind: 'search' });
    expect(request('GET', '/-/ping')).toEqual({ kind: 'ping' });
    expect(request('HEAD', '/-/ping')).toEqual({ kind: 'ping' });
  });

  it.each(['/-/whoami', '/-/all', '/-/v1/search/x', '/-/npm/v1/security', '/-/package/lodash/access', '/-', '/'])(
    'GET %s is not an endpoint (404)',
    (path) => {
      expect(refusal('GET', path).status).toBe(404);
    },
  );

  it.each([
    '/-/package/lodash/dist-tags/latest',
    '/lodash/1.0.0/extra',
    '/lodash/-',
    '/@scope/name/-/x/name-1.0.0.tgz',
  ])('GET %s has nothing (404)', (path) => {
    expect(refusal('GET', path).status).toBe(404);
  });
});

describe('parseNpmRequest: a read-only proxy', () => {
  it.each([
    ['PUT', '/lodash'],
    ['PUT', '/@scope%2fname'],
    ['DELETE', '/lodash/-/lodash-4.17.21.tgz/-rev/3-abc'],
    ['DELETE', '/-/package/lodash/dist-tags/beta'],
    ['PUT', '/-/package/lodash/dist-tags/beta'],
    ['PATCH', '/lodash'],
    ['OPTIONS', '/lodash'],
    ['POST', '/lodash'],
    ['POST', '/-/v1/search'],
    ['POST', '/-/package/lodash/dist-tags'],
    ['PUT', '/-/user/org.couchdb.user:alice'],
    ['GET', '/-/user/org.couchdb.user:alice'],
    ['POST', '/-/v1/login'],
    ['GET', '/-/v1/login'],
    ['GET', '/lodash/-rev/3-abc'],
    ['PUT', '/lodash/-rev/3-abc'],
    ['PUT', '/%00'],
  ])('%s %s is refused with 405', (method, path) => {
    expect(refusal(method, path)).toEqual({ status: 405, reason: expect.stringContaining('read-only proxy') });
  });

  it('reads methods in any case', () => {
    expect(request('get', '/lodash')).toEqual({ kind: 'packument', name: 'lodash' });
    expect(refusal('put', '/lodash').status).toBe(405);
  });
});

describe('parseNpmRequest: hostile paths are refused with 400', () => {
  it.each([
    ['a name that is not one', '/.hidden'],
    ['an encoded slash then dots', '/lodash%2F..'],
    ['dots', '/..'],
    ['encoded dots', '/%2e%2e'],
    ['encoded dots in a scoped name', '/@scope%2f%2e%2e'],
    ['encoded dots before a tarball', '/lodash/%2e%2e/-/x.tgz'],
    ['a single dot', '/lodash/.'],
    ['NUL', '/lodash\u0000'],
    ['encoded NUL', '/lodash%00'],
    ['encoded line feed', '/lodash/1.0.0%0a'],
    ['encoded DEL', '/lodash%7f'],
    ['C1 control', '/lodash%C2%85'],
    ['malformed escape', '/lodash%2'],
    ['malformed escape in the middle', '/lo%zzdash'],
    ['an invalid UTF-8 escape', '/lodash%ff'],
    ['double encoding', '/lodash/%252e%252e'],
    ['an encoded slash in an unscoped name', '/a%2fb'],
    ['an encoded slash in a version', '/lodash/1.0.0%2f..'],
    ['an encoded slash in a tarball name', '/lodash/-/a%2flodash-1.0.0.tgz'],
    ['a scoped tarball name', '/@scope/name/-/@scope%2fname-1.0.0.tgz'],
    ['an encoded slash in an endpoint', '/-/npm%2fv1/security/audits'],
    ['two encoded slashes in a scoped name', '/@a%2fb%2fc'],
    ['an empty segment', '//lodash'],
    ['a trailing slash', '/lodash/'],
    ['an empty scoped name', '/@scope%2f'],
    ['a scope alone', '/@scope'],
    ['a backslash', '/lodash/-/..%5clodash.tgz'],
    ['a raw backslash', '/lo\\dash'],
    ['no leading slash', 'lodash'],
    ['an empty path', ''],
    ['a query', '/-/v1/search?text=x'],
    ['a tarball not ending in .tgz', '/lodash/-/lodash-4.17.21.tar.gz'],
    ['a tarball named .tgz', '/lodash/-/.tgz'],
    ['a name too long', `/${'a'.repeat(215)}`],
    ['a path too long', `/lodash/-/${'a'.repeat(5000)}.tgz`],
    ['a huge path', `/${'%2e'.repeat(1_000_000)}`],
    ['non-ASCII in a name', '/l%C3%B6dash'],
  ])('%s', (_case, path) => {
    const { status, reason } = refusal('GET', path);
    expect(status).toBe(400);
    expect(reason).toMatch(/^[\x20-\x7e]+$/);
    expect(reason.length).toBeLessThan(300);
  });

  it('quotes the offending input printably', () => {
    expect(refusal('GET', '/lodash%00').reason).toContain('lodash%00');
    expect(refusal('GET', '/l%C3%B6dash').reason).toContain('l\\u00f6dash');
  });
});
