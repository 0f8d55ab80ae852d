import { describe, expect, it } from 'vitest';
import type { Ecosystem } from '../ecosystem.ts';
import { checkVersion, compareVersions, inVersionRange, sortVersions, versionScheme } from './versions.ts';

/** Each list is in strictly ascending order by its ecosystem's rules. */
const ASCENDING: ReadonlyArray<readonly [Ecosystem, readonly string[]]> = [
  ['npm', ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1', '1.10.0', '2.0.0']],
  ['pypi', ['1.0.dev1', '1.0a1', '1.0a2.dev1', '1.0a2', '1.0b1', '1.0rc1', '1.0', '1.0+local', '1.0.post1.dev1', '1.0.post1', '1.1', '2.0', '1!0.1']],
  ['go', ['v0.0.0-20200101000000-abcdefabcdef', 'v0.1.0', 'v1.0.0-rc.1', 'v1.0.0', 'v1.2.3', 'v1.2.4-0.20200101000000-abcdefabcdef', 'v1.2.4', 'v2.0.0+incompatible', 'v10.0.0']],
  ['go', ['v1.0.0-alpha', 'v1.0.0-alpha.1', 'v1.0.0-alpha.beta', 'v1.0.0-beta', 'v1.0.0-beta.2', 'v1.0.0-beta.11', 'v1.0.0-rc.1', 'v1.0.0', 'v9.0.0', 'v99999999999999999999.0.0']],
];

function pairsOf(list: readonly string[]): Array<[string, string]> {
  return list.flatMap((lower, i) => list.slice(i + 1).map((higher): [string, string] => [lower, higher]));
}

/** A fixed, thorough shuffle: odd positions from the back, then even positions from the front. */
function shuffled(list: readonly string[]): string[] {
  const odd = list.filter((_, i) => i % 2 === 1).reverse();
  const even = list.filter((_, i) => i % 2 === 0);
  return [...odd, ...even];
}

describe.each(ASCENDING)('%s ordering', (ecosystem, ascending) => {
  it.each(pairsOf(ascending))('%s < %s', (lower, higher) => {
    expect(compareVersions(ecosystem, lower, higher)).toEqual({ ok: true, value: -1 });
    expect(compareVersions(ecosystem, higher, lower)).toEqual({ ok: true, value: 1 });
  });

  it.each(ascending)('%s equals itself', (version) => {
    expect(compareVersions(ecosystem, version, version)).toEqual({ ok: true, value: 0 });
  });

  it('sorts the list from reversed and shuffled order', () => {
    const mixed = shuffled(ascending);
    expect(mixed).not.toEqual(ascending);
    expect(sortVersions(ecosystem, [...ascending].reverse())).toEqual({ sorted: ascending, invalid: [] });
    expect(sortVersions(ecosystem, mixed)).toEqual({ sorted: ascending, invalid: [] });
  });

  it('gives equal keys exactly to versions that compare equal', () => {
    const scheme = versionScheme(ecosystem);
    const keys = new Set(ascending.map((version) => scheme.key(version)));
    expect(keys.size).toBe(ascending.length);
  });
});

describe('versions that compare equal', () => {
  it.each([
    ['npm', '1.0.0+a', '1.0.0'],
    ['npm', '1.0.0+a', '1.0.0+b'],
    ['npm', 'v1.0.0', '1.0.0'],
    ['pypi', '1.0', '1.0.0'],
    ['pypi', '1', '1.0.0.0'],
    ['pypi', '1.0c1', '1.0rc1'],
    ['pypi', '1.0alpha1', '1.0a1'],
    ['pypi', '1.0-1', '1.0.post1'],
    ['pypi', '1.0a', '1.0a0'],
    ['pypi', 'v1.0', '1.0'],
    ['pypi', '0!1.0', '1.0'],
    ['pypi', '1.0+ABC', '1.0+abc'],
    ['pypi', '1.0+ab.1', '1.0+ab-1'],
    ['go', 'v1', 'v1.0.0'],
    ['go', 'v1.2', 'v1.2.0'],
    ['go', 'v2.0.0+incompatible', 'v2.0.0'],
    ['go', 'v1.0.0+build.1', 'v1.0.0'],
  ] satisfies Array<[Ecosystem, string, string]>)('%s: %s == %s, with one key', (ecosystem, a, b) => {
    expect(compareVersions(ecosystem, a, b)).toEqual({ ok: true, value: 0 });
    expect(compareVersions(ecosystem, b, a)).toEqual({ ok: true, value: 0 });
    const scheme = versionScheme(ecosystem);
    expect(scheme.key(a)).toBe(scheme.key(b));
  });
});

describe('compareVersions', () => {
  it.each([
    ['npm', '1.0', '1.0.0', '"1.0" is not a valid npm version'],
    ['npm', '1.0.0', 'latest', '"latest" is not a valid npm version'],
    ['npm', 'latest', '1.0', '"latest" is not a valid npm version'],
    ['pypi', 'not a version', '1.0', '"not a version" is not a valid PEP 440 version'],
    ['pypi', '1.0', '1.0-foo-bar', '"1.0-foo-bar" is not a valid PEP 440 version'],
    ['go', '1.2.3', 'v1.2.3', '"1.2.3" is not a valid Go module version'],
    ['go', 'v1.2.3', 'master', '"master" is not a valid Go module version'],
  ] satisfies Array<[Ecosystem, string, string, string]>)('%s: %j against %j fails, naming the culprit', (ecosystem, a, b, error) => {
    expect(compareVersions(ecosystem, a, b)).toEqual({ ok: false, error });
  });

  it.each([
    ['pypi', '1.0.0.0.0.1', '1'],
    ['go', 'v100.0.0', 'v2.0.0'],
    ['npm', '100.0.0', '2.0.0'],
  ] satisfies Array<[Ecosystem, string, string]>)('%s: gives only -1, 0 or 1 (%s against %s)', (ecosystem, higher, lower) => {
    expect(compareVersions(ecosystem, higher, lower)).toEqual({ ok: true, value: 1 });
    expect(compareVersions(ecosystem, lower, higher)).toEqual({ ok: true, value: -1 });
  });
});

describe('checkVersion', () => {
  it.each([
    ['npm', '1.0', false],
    ['pypi', '1.0', true],
    ['go', '1.0', false],
    ['npm', 'v1.0.0', true],
    ['pypi', 'v1.0.0', true],
    ['go', 'v1.0.0', true],
    ['npm', '1.0.0', true],
    ['go', '1.0.0', false],
  ] satisfies Array<[Ecosystem, string, boolean]>)('%s: %j is a version: %s', (ecosystem, version, valid) => {
    expect(checkVersion(ecosystem, version).ok).toBe(valid);
  });
});

describe('sortVersions', () => {
  it.each([
    ['npm', ['2.0.0', 'latest', '1.0.0', '1.0', '1.0.0-beta', ''], ['1.0.0-beta', '1.0.0', '2.0.0'], ['latest', '1.0', '']],
    ['pypi', ['2.0', 'not a version', '1.0', '1.0rc1', '1.0-foo-bar'], ['1.0rc1', '1.0', '2.0'], ['not a version', '1.0-foo-bar']],
    ['go', ['v2.0.0', '1.2.3', 'v1.0.0', 'master', 'v1.0.0-rc.1', 'v1-pre'], ['v1.0.0-rc.1', 'v1.0.0', 'v2.0.0'], ['1.2.3', 'master', 'v1-pre']],
  ] satisfies Array<[Ecosystem, string[], string[], string[]]>)(
    '%s: sets invalid versions apart, in the order given',
    (ecosystem, versions, sorted, invalid) => {
      const input = [...versions];
      expect(sortVersions(ecosystem, input)).toEqual({ sorted, invalid });
      expect(input).toEqual(versions);
    },
  );

  it('takes any iterable and keeps versions as spelled', () => {
    function* versions() {
      yield 'v1.2';
      yield 'v1.0.0';
      yield 'v1.1.0';
    }
    expect(sortVersions('go', versions())).toEqual({ sorted: ['v1.0.0', 'v1.1.0', 'v1.2'], invalid: [] });
    expect(sortVersions('pypi', new Set(['1.0-RC1', '0.9']))).toEqual({ sorted: ['0.9', '1.0-RC1'], invalid: [] });
  });

  it('keeps versions that compare equal in the order given', () => {
    expect(sortVersions('pypi', ['1.0.0', '0.1', '1.0', '1']).sorted).toEqual(['0.1', '1.0.0', '1.0', '1']);
    expect(sortVersions('go', ['v1', 'v1.0.0', 'v0.1.0']).sorted).toEqual(['v0.1.0', 'v1', 'v1.0.0']);
  });

  it('sorts nothing to nothing', () => {
    expect(sortVersions('npm', [])).toEqual({ sorted: [], invalid: [] });
  });
});

describe('inVersionRange', () => {
  it.each([
    ['npm', 'latest', '^1.0.0', '"latest" is not a valid npm version'],
    ['npm', '1.0.0', 'latest', '"latest" is not a valid npm version range'],
    ['npm', 'latest', 'not a range', '"latest" is not a valid npm version'],
    ['pypi', 'not a version', '>=1.0', '"not a version" is not a valid PEP 440 version'],
    ['pypi', '1.0', '>>1.0', '">>1.0" is not a valid PEP 440 version specifier'],
    ['pypi', '1.0', '', '"" is not a valid PEP 440 version specifier'],
    ['go', '1.0.0', '>=v1.0.0', '"1.0.0" is not a valid Go module version'],
    [
      'go',
      'v1.0.0',
      '>=1.0.0',
      '">=1.0.0" is not a Go version range (comparators such as ">=v1.2.0 <v2.0.0", joined by "||")',
    ],
  ] satisfies Array<[Ecosystem, string, string, string]>)('%s: %j in %j fails', (ecosystem, version, range, error) => {
    expect(inVersionRange(ecosystem, version, range)).toEqual({ ok: false, error });
  });

  it('quotes a refused range safely', () => {
    expect(inVersionRange('go', 'v1.0.0', '>=v1.0.0\u0000\u001b[2J')).toEqual({
      ok: false,
      error: '">=v1.0.0\\u0000\\u001b[2J" is not a Go version range (comparators such as ">=v1.2.0 <v2.0.0", joined by "||")',
    });
    expect(inVersionRange('npm', '1.0.0', '^1.0.0\u0000')).toEqual({
      ok: false,
      error: '"^1.0.0\\u0000" is not a valid npm version range',
    });
  });
});
