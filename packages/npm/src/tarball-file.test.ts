import { describe, expect, it } from 'vitest';
import { tarballFileName, tarballFileProblem } from './tarball-file.ts';

describe('tarballFileName', () => {
  it.each([
    ['https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz', 'lodash-4.17.21.tgz'],
    ['https://registry.npmjs.org/@babel/core/-/core-7.24.0.tgz', 'core-7.24.0.tgz'],
    ['https://registry.npmjs.org/@babel%2fcore/-/core-7.24.0.tgz', 'core-7.24.0.tgz'],
    ['https://example.test/x/-/x-1.0.0%2Bbuild.5.tgz', 'x-1.0.0+build.5.tgz'],
    ['https://example.test/x/-/x-1.0.0.tgz?token=abc#frag', 'x-1.0.0.tgz'],
    ['x-1.0.0.tgz', 'x-1.0.0.tgz'],
    ["https://example.test/x/-/x-1.0.0+b~(1)!$&',;=:@*.tgz", "x-1.0.0+b~(1)!$&',;=:@*.tgz"],
    ['https://example.test/x/-/%41.tgz', 'A.tgz'],
    ['https://example.test/x/-/..x.tgz', '..x.tgz'],
    ['https://example.test/x/-/x%C3%B6.tgz', 'x\u00f6.tgz'],
    ['https://example.test/x/-/x.tgz#a/b', 'x.tgz'],
    ['https://example.test/x/-/x 1.tgz', 'x 1.tgz'],
    ['https://example.test/x/-/x\u00f6.tgz', 'x\u00f6.tgz'],
  ])('reads %s as %s', (url, file) => {
    expect(tarballFileName(url)).toBe(file);
  });

  it.each([
    ['a missing URL', undefined],
    ['a number', 42],
    ['an empty string', ''],
    ['a URL ending in /', 'https://example.test/x/-/'],
    ['a zip', 'https://example.test/x/-/x-1.0.0.zip'],
    ['a bare .tgz', 'https://example.test/x/-/.tgz'],
    ['an encoded slash', 'https://example.test/x/-/%40scope%2fx-1.0.0.tgz'],
    ['encoded dots', 'https://example.test/x/-/%2e%2e'],
    ['an encoded NUL', 'https://example.test/x/-/x%00.tgz'],
    ['malformed escapes', 'https://example.test/x/-/x%zz.tgz'],
    ['double encoding', 'https://example.test/x/-/x%2541.tgz'],
    ['a backslash', 'https://example.test/x/-/..\\x.tgz'],
    ['a query only', '?x.tgz'],
    ['a file name too long', `https://example.test/x/-/${'a'.repeat(600)}.tgz`],
    ['a huge URL', `https://example.test/${'a'.repeat(10_000)}.tgz`],
    ['a lone surrogate', 'https://example.test/x/-/x\ud800.tgz'],
  ])('gives nothing for %s', (_case, url) => {
    expect(tarballFileName(url)).toBeUndefined();
  });
});

describe('tarballFileProblem', () => {
  it('accepts a file name and explains refusals', () => {
    expect(tarballFileProblem('x-1.0.0.tgz')).toBeUndefined();
    expect(tarballFileProblem('a/x-1.0.0.tgz')).toMatch(/"\/"/);
    expect(tarballFileProblem('x-1.0.0.tar')).toMatch(/\.tgz/);
    expect(tarballFileProblem(`${'x'.repeat(600)}.tgz`)).toMatch(/longer/);
  });
});
