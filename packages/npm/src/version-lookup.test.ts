import { describe, expect, it } from 'vitest';
import { findTarballVersion, selectVersion } from './version-lookup.ts';
import { manifest, packument } from './testing/packument.ts';

const doc = packument('pkg', ['1.0.0', '1.2.0', '1.3.0-beta.1', '2.0.0'], { latest: '1.2.0', beta: '1.3.0-beta.1' });

describe('selectVersion', () => {
  it.each([
    ['an exact version', '2.0.0', '2.0.0'],
    ['latest', 'latest', '1.2.0'],
    ['another tag', 'beta', '1.3.0-beta.1'],
    ['a caret range', '^1.0.0', '1.2.0'],
    ['a range including prereleases', '>=1.3.0-beta.0 <2', '1.3.0-beta.1'],
    ['a star', '*', '2.0.0'],
    ['a loose exact version', 'v1.0.0', '1.0.0'],
  ])('finds %s', (_case, spec, version) => {
    const selected = selectVersion(doc, spec);
    expect(selected?.version).toBe(version);
    expect(selected?.manifest).toBe((doc['versions'] as Record<string, unknown>)[version]);
  });

  it.each([
    ['a version not there', '3.0.0'],
    ['a tag not there', 'next'],
    ['a range nothing satisfies', '^5.0.0'],
    ['a prototype key', '__proto__'],
    ['another prototype key', 'constructor'],
    ['garbage', '%%%'],
    ['a huge spec', '1'.repeat(100_000)],
  ])('gives nothing for %s', (_case, spec) => {
    expect(selectVersion(doc, spec)).toBeUndefined();
  });

  it('gives nothing for a tag pointing at a version that is gone', () => {
    const broken = { ...doc, 'dist-tags': { latest: '9.9.9' } };
    expect(selectVersion(broken, 'latest')).toBeUndefined();
  });

  it('gives nothing for a document without versions', () => {
    expect(selectVersion({ name: 'pkg' }, '1.0.0')).toBeUndefined();
    expect(selectVersion({ versions: { '1.0.0': 'odd' } }, '1.0.0')).toBeUndefined();
  });
});

describe('findTarballVersion', () => {
  it('maps a file to its version through the packument', () => {
    const found = findTarballVersion(doc, 'pkg-1.3.0-beta.1.tgz');
    const dist = ((doc['versions'] as Record<string, Record<string, unknown>>)['1.3.0-beta.1'] ?? {})['dist'];
    expect(found).toEqual({
      version: '1.3.0-beta.1',
      upstreamUrl: 'https://registry.npmjs.org/pkg/-/pkg-1.3.0-beta.1.tgz',
      dist,
    });
  });

  it('follows the URL, not the file name', () => {
    const odd = manifest('pkg', '1.0.0');
    (odd['dist'] as Record<string, unknown>)['tarball'] = 'https://cdn.test/files/pkg-9.9.9.tgz';
    const found = findTarballVersion({ versions: { '1.0.0': odd } }, 'pkg-9.9.9.tgz');
    expect(found?.version).toBe('1.0.0');
    expect(found?.upstreamUrl).toBe('https://cdn.test/files/pkg-9.9.9.tgz');
    expect(findTarballVersion({ versions: { '1.0.0': odd } }, 'pkg-1.0.0.tgz')).toBeUndefined();
  });

  it('matches percent-encoded URLs by their decoded file name', () => {
    const encoded = manifest('pkg', '1.0.0+build');
    (encoded['dist'] as Record<string, unknown>)['tarball'] = 'https://registry.test/pkg/-/pkg-1.0.0%2Bbuild.tgz';
    expect(findTarballVersion({ versions: { '1.0.0+build': encoded } }, 'pkg-1.0.0+build.tgz')?.version).toBe('1.0.0+build');
  });

  it('gives nothing when two versions claim the same file', () => {
    const twin = manifest('pkg', '1.0.1');
    (twin['dist'] as Record<string, unknown>)['tarball'] = 'https://evil.test/pkg/-/pkg-1.0.0.tgz';
    expect(findTarballVersion({ versions: { '1.0.0': manifest('pkg', '1.0.0'), '1.0.1': twin } }, 'pkg-1.0.0.tgz')).toBeUndefined();
  });

  it.each([
    ['a file no version has', doc, 'pkg-3.0.0.tgz'],
    ['a document that is not an object', 'nope', 'pkg-1.0.0.tgz'],
    ['a document without versions', { name: 'pkg' }, 'pkg-1.0.0.tgz'],
    ['versions without dist', { versions: { '1.0.0': { name: 'pkg' }, '1.0.1': 'odd', '1.0.2': { dist: 'x' } } }, 'pkg-1.0.0.tgz'],
    ['a dist without a string tarball', { versions: { '1.0.0': { dist: { tarball: 5 } } } }, 'pkg-1.0.0.tgz'],
  ])('gives nothing for %s', (_case, document, file) => {
    expect(findTarballVersion(document, file)).toBeUndefined();
  });
});
