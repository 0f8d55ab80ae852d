import { describe, expect, it } from 'vitest';
import { parseGoPath, type GoRequest } from './go-request.ts';

function request(path: string): GoRequest {
  const result = parseGoPath('GET', path);
  if (!result.ok) throw new Error(`${path} refused: ${result.status} ${result.reason}`);
  return result.request;
}

function status(path: string, method = 'GET'): number {
  const result = parseGoPath(method, path);
  if (result.ok) throw new Error(`${path} accepted as ${JSON.stringify(result.request)}`);
  return result.status;
}

describe('parseGoPath: checksum database pass-through', () => {
  it('recognises supported and latest', () => {
    expect(request('/sumdb/sum.golang.org/supported')).toEqual({ kind: 'sumdb', name: 'sum.golang.org', endpoint: 'supported', path: '/supported' });
    expect(request('/sumdb/sum.golang.org/latest')).toEqual({ kind: 'sumdb', name: 'sum.golang.org', endpoint: 'latest', path: '/latest' });
    expect(request('/sumdb/localhost:8080/latest')).toMatchObject({ name: 'localhost:8080' });
  });

  it('recognises a lookup, with case-encoding decoded and written back for the database', () => {
    expect(request('/sumdb/sum.golang.org/lookup/github.com/!burnt!sushi/toml@v1.3.2')).toEqual({
      kind: 'sumdb',
      name: 'sum.golang.org',
      endpoint: 'lookup',
      path: '/lookup/github.com/!burnt!sushi/toml@v1.3.2',
      module: 'github.com/BurntSushi/toml',
      version: 'v1.3.2',
    });
    expect(request('/sumdb/sum.golang.org/lookup/github.com/%21burnt%21sushi/toml@v1.3.2')).toMatchObject({
      path: '/lookup/github.com/!burnt!sushi/toml@v1.3.2',
    });
    expect(request('/sumdb/sum.golang.org/lookup/example.com/m@v2.0.0+incompatible')).toMatchObject({ version: 'v2.0.0+incompatible' });
  });

  it.each([
    'tile/8/0/000',
    'tile/8/0/123',
    'tile/8/1/x001/234',
    'tile/8/2/x001/x234/567',
    'tile/8/0/x123/456.p/12',
    'tile/8/data/000',
    'tile/8/data/x001/234.p/255',
    'tile/1/0/000.p/1',
    'tile/30/0/000',
  ])('recognises %s', (tile) => {
    expect(request(`/sumdb/sum.golang.org/${tile}`)).toEqual({ kind: 'sumdb', name: 'sum.golang.org', endpoint: 'tile', path: `/${tile}` });
  });

  it.each([
    'tile/0/0/000',
    'tile/31/0/000',
    'tile/08/0/000',
    'tile/8/00/000',
    'tile/8/-1/000',
    'tile/8/0/12',
    'tile/8/0/1234',
    'tile/8/0/x123',
    'tile/8/0/123/456',
    'tile/8/0/x000/456',
    'tile/8/0/123.p/256',
    'tile/8/0/123.p/0',
    'tile/8/0/123.p/01',
    'tile/8/0/123.p',
    'tile/8/0/123.p/5/6',
    'tile/8/0/x001/x002/x003/x004/x005/x006/789',
    'tile/8/0',
    'tile/8',
    'tile',
    'lookup/example.com/m',
    'lookup/example.com/M@v1.0.0',
    'lookup/example.com/m@v1.0',
    'lookup/example.com/m@master',
    'lookup/example.com/m@v1.0.0/go.mod',
    'lookup/@v1.0.0',
  ])('refuses %s with 400', (rest) => {
    expect(status(`/sumdb/sum.golang.org/${rest}`)).toBe(400);
  });

  it.each([
    '/sumdb',
    '/sumdb/sum.golang.org',
    '/sumdb/sum.golang.org/',
    '/sumdb/sum.golang.org/supported/x',
    '/sumdb/sum.golang.org/latest/x',
    '/sumdb/sum.golang.org/lookup',
    '/sumdb/sum.golang.org/other',
  ])('answers 404 for %s', (path) => {
    expect(status(path)).toBe(404);
  });

  it.each([
    '/sumdb/../latest',
    '/sumdb/%2e%2e/latest',
    '/sumdb/sum.golang.org/%2e%2e/%2e%2e/etc/passwd',
    '/sumdb/sum.golang.org/tile/8/0/../000',
    '/sumdb/sum%00.golang.org/latest',
    '/sumdb/sum.golang.org+key/latest',
    '/sumdb/-sum/latest',
    `/sumdb/${'a'.repeat(300)}/latest`,
  ])('refuses hostile %s with 400', (path) => {
    expect(status(path)).toBe(400);
  });

  it('refuses anything but GET and HEAD', () => {
    expect(status('/sumdb/sum.golang.org/latest', 'POST')).toBe(405);
  });
});
