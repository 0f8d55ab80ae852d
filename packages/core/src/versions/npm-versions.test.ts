import { describe, expect, it } from 'vitest';
import { checkVersion, inVersionRange, versionScheme } from './versions.ts';

describe('npm versions', () => {
  it.each([
    ['1.0.0', '1.0.0'],
    ['0.0.0', '0.0.0'],
    ['1.0.0-alpha.1', '1.0.0-alpha.1'],
    ['1.0.0-0A.is.legal', '1.0.0-0A.is.legal'],
    ['1.0.0+build.5', '1.0.0'],
    ['1.0.0-rc.1+build.5', '1.0.0-rc.1'],
    ['v1.2.3', '1.2.3'],
    ['10.20.30', '10.20.30'],
  ])('%j is valid, in canonical form %j', (version, canonical) => {
    expect(checkVersion('npm', version)).toEqual({ ok: true, value: canonical });
  });

  it.each([
    '1.0',
    '1',
    'latest',
    'next',
    '01.0.0',
    '1.01.0',
    '1.0.0.0',
    '',
    '1.0.0-',
    '1.0.0-01',
    '1.0.0+',
    '^1.0.0',
    '=1.0.0',
    '1.0.0-beta..1',
    '1.0.0-bêta',
    '1.0.0\u0000',
  ])('%j is not a version, and says so without throwing', (version) => {
    const result = checkVersion('npm', version);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/ is not a valid npm version$/);
  });

  it.each([
    ['1.0.0-alpha', true],
    ['1.0.0-0', true],
    ['1.0.0', false],
    ['1.0.0+build', false],
  ])('%s is a pre-release: %s', (version, prerelease) => {
    expect(versionScheme('npm').isPrerelease(version)).toBe(prerelease);
  });

  it.each([
    ['^1.2.0', '1.2.0', true],
    ['^1.2.0', '1.9.9', true],
    ['^1.2.0', '1.5.0-beta', true],
    ['^1.2.0', '1.1.9', false],
    ['^1.2.0', '1.2.0-rc.1', false],
    ['^1.2.0', '2.0.0-beta', false],
    ['^1.2.0', '2.0.0', false],
    ['>=1.0.0 <2.0.0', '1.0.0', true],
    ['>=1.0.0 <2.0.0', '1.5.0-beta', true],
    ['>=1.0.0 <2.0.0', '1.99.99', true],
    ['>=1.0.0 <2.0.0', '0.9.9', false],
    ['>=1.0.0 <2.0.0', '1.0.0-beta', false],
    ['>=1.0.0 <2.0.0', '2.0.0', false],
    ['1.x', '1.4.0', true],
    ['1.x', '2.0.0', false],
    ['~1.2.3', '1.2.9', true],
    ['~1.2.3', '1.3.0', false],
    ['1.2.3', '1.2.3', true],
    ['1.2.3', '1.2.4', false],
    ['<1.0.0 || >=3.0.0', '0.1.0', true],
    ['<1.0.0 || >=3.0.0', '2.0.0', false],
    ['<1.0.0 || >=3.0.0', '3.1.0', true],
    ['*', '0.0.1-alpha', true],
  ])('%j contains %s: %s', (range, version, expected) => {
    expect(inVersionRange('npm', version, range)).toEqual({ ok: true, value: expected });
  });

  it.each(['', '   ', 'latest', 'not a range', '>>1', '^^1.0.0', '1.0.0 -', '>=v1.0.0 <v2.0.0 |'])(
    '%j is not a range',
    (range) => {
      expect(inVersionRange('npm', '1.0.0', range)).toEqual({
        ok: false,
        error: `"${range}" is not a valid npm version range`,
      });
    },
  );
});
