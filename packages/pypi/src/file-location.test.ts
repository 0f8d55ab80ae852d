import { describe, expect, it } from 'vitest';
import { decodedPath, fileLocation, formatFileLocation, parseFileLocation } from './file-location.ts';

describe('file locations', () => {
  it.each([
    ['numpy', 'https://files.pythonhosted.org/packages/ab/cd/numpy-2.1.0-cp312-cp312-manylinux_2_17_x86_64.whl'],
    ['python-dateutil', 'https://files.pythonhosted.org/packages/4c/c4/python-dateutil-2.8.2.tar.gz'],
    ['torch', 'http://127.0.0.1:8080/files/torch-2.4.0%2Bcpu-cp312-none-any.whl'],
    ['zope-interface', 'https://FILES.example.org:8443/a/zope.interface-5.4.0.tar.gz'],
  ])('formats and reads back the location of a %s file', (project, url) => {
    const location = fileLocation(project, new URL(url));
    const path = formatFileLocation(location);
    expect(path.startsWith(`${project}/${new URL(url).host.toLowerCase()}/`)).toBe(true);
    expect(parseFileLocation(path)).toEqual({ ok: true, value: location });
    expect(parseFileLocation(`/${path}`)).toEqual({ ok: true, value: location });
    expect(`${new URL(url).protocol}//${location.host}${location.path}`).toBe(new URL(url).href.replace(new URL(url).host, new URL(url).host.toLowerCase()));
  });

  it.each([
    ['Not_Normalised/files.example/a.whl', 'normalised project'],
    ['numpy/files.example', 'file path'],
    ['numpy/files.example/', 'file path'],
    ['numpy/files.example/a/../b.whl', 'file path'],
    ['numpy/files.example/a/%2e%2e/b.whl', 'file path'],
    ['numpy/files.example/%2E%2E/b.whl', 'file path'],
    ['numpy/files.example/a%2fb.whl', 'file path'],
    ['numpy/files.example/a%5cb.whl', 'file path'],
    ['numpy/files.example/a%00.whl', 'file path'],
    ['numpy/files.example/a\u0000.whl', 'file path'],
    ['numpy/files.example/a%zz.whl', 'file path'],
    ['numpy/files.example/a%c3%28.whl', 'file path'],
    ['numpy/user@files.example/a.whl', 'host'],
    ['numpy/files.example:99999x/a.whl', 'host'],
    ['numpy//a.whl', 'host'],
    ['', 'normalised project'],
  ])('refuses %j (%s)', (path, problem) => {
    const parsed = parseFileLocation(path);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(problem);
  });

  it('reads a host whose colon the client quoted, and compares paths decoded', () => {
    expect(parseFileLocation('numpy/127.0.0.1%3A8080/files/a%2Bcpu.whl')).toEqual({ ok: true, value: { project: 'numpy', host: '127.0.0.1:8080', path: '/files/a%2Bcpu.whl' } });
    expect(decodedPath('/files/a%2Bcpu.whl')).toBe(decodedPath('/files/a+cpu.whl'));
    expect(decodedPath('/files/bad%zz.whl')).toBe('/files/bad%zz.whl');
  });

  it('refuses a 10 KB path segment full of escapes without trouble', () => {
    expect(parseFileLocation(`numpy/files.example/${'%41'.repeat(3500)}.whl`).ok).toBe(true);
    expect(parseFileLocation(`numpy/files.example/${'%2e'.repeat(2)}`).ok).toBe(false);
  });
});
