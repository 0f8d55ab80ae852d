import { escapeModulePath, escapeModuleVersion } from '@palisade/core';
import { describe, expect, it } from 'vitest';
import { parseGoPath, type GoRequest } from './go-request.ts';

function request(path: string, method = 'GET'): GoRequest {
  const result = parseGoPath(method, path);
  if (!result.ok) throw new Error(`${path} refused: ${result.status} ${result.reason}`);
  return result.request;
}

function refusal(path: string, method = 'GET'): { status: number; reason: string } {
  const result = parseGoPath(method, path);
  if (result.ok) throw new Error(`${path} accepted as ${JSON.stringify(result.request)}`);
  return { status: result.status, reason: result.reason };
}

describe('parseGoPath: module proxy endpoints', () => {
  it('recognises the version list and @latest', () => {
    expect(request('/golang.org/x/text/@v/list')).toEqual({ kind: 'list', module: 'golang.org/x/text', escapedModule: 'golang.org/x/text' });
    expect(request('/example.com/@v/list', 'HEAD')).toEqual({ kind: 'list', module: 'example.com', escapedModule: 'example.com' });
    expect(request('/rsc.io/quote/v3/@latest')).toEqual({ kind: 'latest', module: 'rsc.io/quote/v3', escapedModule: 'rsc.io/quote/v3' });
  });

  it.each(['info', 'mod', 'zip'] as const)('recognises the .%s of a version', (kind) => {
    expect(request(`/rsc.io/quote/@v/v1.5.2.${kind}`)).toEqual({
      kind,
      module: 'rsc.io/quote',
      escapedModule: 'rsc.io/quote',
      version: 'v1.5.2',
      escapedVersion: 'v1.5.2',
    });
  });

  it('decodes case-encoding, whether or not "!" is percent-encoded', () => {
    const expected = {
      kind: 'zip',
      module: 'github.com/Azure/AzureSDK',
      escapedModule: 'github.com/!azure/!azure!s!d!k',
      version: 'v1.0.0-RC1',
      escapedVersion: 'v1.0.0-!r!c1',
    };
    expect(request('/github.com/!azure/!azure!s!d!k/@v/v1.0.0-!r!c1.zip')).toEqual(expected);
    expect(request('/github.com/%21azure/%21azure%21s%21d%21k/@v/v1.0.0-%21r%21c1.zip')).toEqual(expected);
  });

  it('keeps +incompatible and pseudo-versions, which are canonical', () => {
    expect(request('/example.com/m/@v/v2.0.0+incompatible.mod')).toMatchObject({ version: 'v2.0.0+incompatible', escapedVersion: 'v2.0.0+incompatible' });
    expect(request('/example.com/m/@v/v0.0.0-20240101120000-abcdef123456.zip')).toMatchObject({ version: 'v0.0.0-20240101120000-abcdef123456' });
  });

  it('accepts any query for .info (the upstream resolves it) and writes it URL-safe for the upstream', () => {
    expect(request('/example.com/m/@v/master.info')).toMatchObject({ kind: 'info', version: 'master', escapedVersion: 'master' });
    expect(request('/example.com/m/@v/v1.2.info')).toMatchObject({ version: 'v1.2' });
    expect(request('/example.com/m/@v/!feature%23!one.info')).toMatchObject({ version: 'Feature#One', escapedVersion: '!feature%23!one' });
  });

  it('refuses non-canonical versions for .mod and .zip', () => {
    expect(refusal('/example.com/m/@v/v1.2.mod')).toMatchObject({ status: 400, reason: expect.stringContaining('v1.2.0 is') });
    expect(refusal('/example.com/m/@v/v1.2.3+meta.zip').status).toBe(400);
    expect(refusal('/example.com/m/@v/master.zip').status).toBe(400);
  });

  it.each([
    ['/example.com/m/@v/list', 'golang.org/x/net/html'],
    ['/example.com/m/@v/v1.0.0.info', 'example.com/Upper/Case'],
  ])('round-trips module paths through the escape functions', (_, module) => {
    const escaped = escapeModulePath(module);
    if (!escaped.ok) throw new Error(escaped.error);
    expect(request(`/${escaped.value}/@v/list`)).toMatchObject({ module, escapedModule: escaped.value });
  });

  it.each(['v1.0.0', 'v1.0.0-Beta.2', 'v0.0.0-20190101000000-ABCDEF123456', 'v2.0.0+incompatible'])('round-trips version %s', (version) => {
    const escaped = escapeModuleVersion(version);
    if (!escaped.ok) throw new Error(escaped.error);
    expect(request(`/example.com/m/@v/${escaped.value}.zip`)).toMatchObject({ version, escapedVersion: escaped.value });
  });
});

describe('parseGoPath: refusals', () => {
  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('refuses %s with 405', (method) => {
    expect(refusal('/example.com/m/@v/list', method).status).toBe(405);
  });

  it.each([
    '/',
    '/example.com/m',
    '/example.com/m/@v',
    '/example.com/m/@v/',
    '/example.com/m/@v/list/',
    '/example.com/m/@v/v1.0.0.tar.gz',
    '/example.com/m/@v/v1.0.0',
    '/example.com/m/@latest/x',
    '/example.com/m/@v/v1.0.0.info/extra',
    '/@v/list',
    '/example.com/m/@x/list',
  ])('answers 404 for %s', (path) => {
    expect(refusal(path).status).toBe(404);
  });

  it.each([
    ['upper-case letter not case-encoded', '/github.com/Azure/sdk/@v/list'],
    ['percent-encoded upper-case letter', '/github.com/%41zure/@v/list'],
    ['upper-case in a version', '/example.com/m/@v/v1.0.0-RC1.info'],
    ['"!" before a non-letter', '/example.com/!1/@v/list'],
    ['trailing "!"', '/example.com/m!/@v/list'],
    ['no dot in the first element', '/localhost/m/@v/list'],
    ['"..": path traversal', '/example.com/../m/@v/list'],
    ['"%2e%2e": encoded traversal', '/example.com/%2e%2e/m/@v/list'],
    ['"." element', '/example.com/./m/@v/list'],
    ['NUL', '/example.com/m\0/@v/list'],
    ['"%00"', '/example.com/m%00/@v/list'],
    ['encoded "/"', '/example.com%2fm/@v/list'],
    ['double percent-encoding', '/example.com/%2521m/@v/list'],
    ['malformed percent-encoding', '/example.com/%zz/@v/list'],
    ['backslash', '/example.com/a%5cb/@v/list'],
    ['empty segment', '/example.com//m/@v/list'],
    ['query', '/example.com/m/@v/list?x=1'],
    ['bad major suffix', '/example.com/m/v1/@v/list'],
    ['empty version', '/example.com/m/@v/.info'],
    ['version of dots', '/example.com/m/@v/...info'],
    ['version with "/"', '/example.com/m/@v/a%2fb.info'],
    ['Windows reserved name', '/example.com/con/@v/list'],
    ['non-ASCII', '/example.com/%C3%A9/@v/list'],
    ['overlong', `/example.com/${'a'.repeat(5000)}/@v/list`],
  ])('answers 400 for %s', (_, path) => {
    const refused = refusal(path);
    expect(refused.status).toBe(400);
    expect(refused.reason).not.toBe('');
  });

  it('never throws on hostile input', () => {
    for (const path of ['', 'no-slash', '/%', '/%E0%A4%A', '/\uD800/@v/list', `/${'%21'.repeat(2000)}`, '/a.b/@v/\u202e.info']) {
      expect(parseGoPath('GET', path).ok).toBe(false);
    }
  });
});
