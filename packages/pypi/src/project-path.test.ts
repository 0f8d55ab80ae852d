import { describe, expect, it } from 'vitest';
import { parsePypiPath, type PypiRequest } from './project-path.ts';

function request(method: string, path: string): PypiRequest {
  const result = parsePypiPath(method, path);
  if (!result.ok) throw new Error(`${path} refused: ${result.status} ${result.reason}`);
  return result.request;
}

function redirectOf(path: string): string {
  const result = request('GET', path);
  if (result.kind !== 'redirect') throw new Error(`${path} not redirected: ${JSON.stringify(result)}`);
  return result.location;
}

function refusal(method: string, path: string): { status: number; reason: string } {
  const result = parsePypiPath(method, path);
  if (result.ok) throw new Error(`${path} accepted as ${JSON.stringify(result.request)}`);
  return { status: result.status, reason: result.reason };
}

describe('parsePypiPath: the Simple index', () => {
  it('recognises the root index', () => {
    expect(request('GET', '/simple/')).toEqual({ kind: 'root' });
    expect(request('HEAD', '/simple/')).toEqual({ kind: 'root' });
    expect(redirectOf('/simple')).toBe('/simple/');
  });

  it.each(['numpy', 'python-dateutil', 'zope-interface', 'a', '0'])('recognises the page of %s', (project) => {
    expect(request('GET', `/simple/${project}/`)).toEqual({ kind: 'project', project });
    expect(request('head', `/simple/${project}/`)).toEqual({ kind: 'project', project });
  });

  it.each([
    ['/simple/Mixed_Case.Name/', '/simple/mixed-case-name/'],
    ['/simple/PyYAML/', '/simple/pyyaml/'],
    ['/simple/zope.interface/', '/simple/zope-interface/'],
    ['/simple/foo__bar/', '/simple/foo-bar/'],
    ['/simple/numpy', '/simple/numpy/'],
    ['/simple/Django', '/simple/django/'],
    ['/simple/%50yYAML/', '/simple/pyyaml/'],
  ])('redirects %s to %s', (path, location) => {
    expect(redirectOf(path)).toBe(location);
  });

  it('accepts a normalised name written with escapes without redirecting', () => {
    expect(request('GET', '/simple/foo%2Dbar/')).toEqual({ kind: 'project', project: 'foo-bar' });
  });
});

describe('parsePypiPath: files and the JSON API', () => {
  it.each([
    ['/files/packages/ab/cd/numpy-1.26.4.tar.gz', 'packages/ab/cd/numpy-1.26.4.tar.gz'],
    ['/files/packages/torch-2.1.0%2Bcpu-cp311-cp311-linux_x86_64.whl', 'packages/torch-2.1.0%2Bcpu-cp311-cp311-linux_x86_64.whl'],
    ['/files/foo-1.0-py3-none-any.whl.metadata', 'foo-1.0-py3-none-any.whl.metadata'],
  ])('%s is the file %s, kept raw', (path, file) => {
    expect(request('GET', path)).toEqual({ kind: 'file', path: file });
  });

  it('recognises the JSON API of projects and releases', () => {
    expect(request('GET', '/pypi/numpy/json')).toEqual({ kind: 'json-api', project: 'numpy' });
    expect(request('GET', '/pypi/numpy/1.26.4/json')).toEqual({ kind: 'json-api', project: 'numpy', version: '1.26.4' });
    expect(request('GET', '/pypi/foo/1!2.0%2Blocal/json')).toEqual({ kind: 'json-api', project: 'foo', version: '1!2.0+local' });
  });

  it('redirects the JSON API to normalised names, without a trailing "/"', () => {
    expect(redirectOf('/pypi/Django/json')).toBe('/pypi/django/json');
    expect(redirectOf('/pypi/Django/4.0rc1/json')).toBe('/pypi/django/4.0rc1/json');
    expect(redirectOf('/pypi/foo/1.0+cpu/json/')).toBe('/pypi/foo/1.0%2Bcpu/json');
    expect(redirectOf('/pypi/foo/json/')).toBe('/pypi/foo/json');
  });

  it('refuses a release that is not a PEP 440 version', () => {
    expect(refusal('GET', '/pypi/foo/latest/json')).toMatchObject({ status: 400, reason: expect.stringContaining('PEP 440') });
  });
});

describe('parsePypiPath: refusals', () => {
  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('refuses %s with 405', (method) => {
    expect(refusal(method, '/simple/foo/').status).toBe(405);
  });

  it.each([
    '/simple/../simple/foo/',
    '/simple/%2e%2e/',
    '/simple/%2E%2E/',
    '/simple/./',
    '/files/../../etc/passwd',
    '/files/packages/%2e%2e/secret',
    '/simple/foo%00/',
    '/simple/foo\u0000/',
    '/files/foo%00.tar.gz',
    '/simple/foo%2Fbar/',
    '/files/a%2fb/foo-1.0.tar.gz',
    '/simple/foo%5Cbar/',
    '/simple/foo%252e/',
    '/simple/foo%zz/',
    '/simple/%ff/',
    '/simple//',
    '//simple/',
    '/simple/foo bar/',
    '/simple/-foo/',
    '/simple/f%C3%B6o/',
    '/simple/foo/?format=json',
    'simple/foo/',
    `/simple/${'a'.repeat(5000)}/`,
  ])('refuses %j with 400', (path) => {
    expect(refusal('GET', path).status).toBe(400);
  });

  it.each(['/', '/simple/foo/bar/', '/files/', '/files/foo/', '/pypi/', '/pypi/foo/', '/pypi/foo', '/pypi/foo/1.0/2.0/json', '/other/'])(
    'answers %s with 404',
    (path) => {
      expect(refusal('GET', path).status).toBe(404);
    },
  );
});
