import { describe, expect, it } from 'vitest';
import { isPseudoVersion } from './go-versions.ts';
import { checkVersion, compareVersions, inVersionRange, versionScheme } from './versions.ts';

describe('Go module versions', () => {
  it.each([
    ['v1.2.3', 'v1.2.3'],
    ['v1.2', 'v1.2.0'],
    ['v1', 'v1.0.0'],
    ['v0.0.0', 'v0.0.0'],
    ['v2.0.0+incompatible', 'v2.0.0+incompatible'],
    ['v1.0.0+build.1', 'v1.0.0'],
    ['v1.2.3-pre+meta', 'v1.2.3-pre'],
    ['v1.0.0-rc.1', 'v1.0.0-rc.1'],
    ['v1.0.0-0a.x-y', 'v1.0.0-0a.x-y'],
    ['v0.0.0-20191109021931-daa7c04131f5', 'v0.0.0-20191109021931-daa7c04131f5'],
    ['v99999999999999999999.0.0', 'v99999999999999999999.0.0'],
  ])('%j is valid, in canonical form %j', (version, canonical) => {
    expect(checkVersion('go', version)).toEqual({ ok: true, value: canonical });
  });

  it.each([
    '1.2.3',
    'V1.2.3',
    'v',
    'v1.',
    'v1.2.',
    'v1.2.3.4',
    'v01.0.0',
    'v1.02.0',
    'v1.0.00',
    'v1-pre',
    'v1.2-pre',
    'v1+meta',
    'v1.2.3-',
    'v1.2.3-01',
    'v1.2.3-pre..1',
    'v1.2.3+',
    'v1.2.3+a..b',
    'v1.0.0-ä',
    ' v1.2.3',
    'v1.2.3\n',
    'latest',
    'master',
    '',
  ])('%j is not a version, and says so without throwing', (version) => {
    expect(checkVersion('go', version)).toEqual({ ok: false, error: expect.stringMatching(/ is not a valid Go module version$/) });
  });

  it('orders numbers of any size', () => {
    expect(compareVersions('go', 'v99999999999999999999.0.0', 'v9.0.0')).toEqual({ ok: true, value: 1 });
    expect(compareVersions('go', 'v1.99999999999999999999.0', 'v1.99999999999999999998.0')).toEqual({ ok: true, value: 1 });
    expect(compareVersions('go', 'v1.0.0-99999999999999999999', 'v1.0.0-99999999999999999998')).toEqual({ ok: true, value: 1 });
  });

  it.each([
    ['v0.0.0-20191109021931-daa7c04131f5', true],
    ['v1.2.4-0.20191109021931-daa7c04131f5', true],
    ['v1.2.3-pre.0.20191109021931-daa7c04131f5', true],
    ['v1.2.4-0.20191109021931-daa7c04131f5+incompatible', true],
    ['v1.2.3', false],
    ['v1.2.3-pre', false],
    ['v0.0.0-2019110902193-daa7c04131f5', false],
    ['v1.2.4-1.20191109021931-daa7c04131f5', false],
    ['v1.2.4-20191109021931-daa7c04131f5', false],
    ['0.0.0-20191109021931-daa7c04131f5', false],
    ['v0.0.0-20191109021931-', false],
  ])('%s is a pseudo-version: %s', (version, pseudo) => {
    expect(isPseudoVersion(version)).toBe(pseudo);
  });

  it.each([
    ['v1.0.0-rc.1', true],
    ['v0.0.0-20191109021931-daa7c04131f5', true],
    ['v1.2.3', false],
    ['v1', false],
    ['v2.0.0+incompatible', false],
  ])('%s is a pre-release: %s', (version, prerelease) => {
    expect(versionScheme('go').isPrerelease(version)).toBe(prerelease);
  });

  it.each([
    ['>=v1.2.0 <v2.0.0', 'v1.2.0', true],
    ['>=v1.2.0 <v2.0.0', 'v1.9.9', true],
    ['>=v1.2.0 <v2.0.0', 'v1.5.0-pre', true],
    ['>=v1.2.0 <v2.0.0', 'v1.2.4-0.20191109021931-daa7c04131f5', true],
    ['>=v1.2.0 <v2.0.0', 'v2.0.0-rc.1', true],
    ['>=v1.2.0 <v2.0.0', 'v1.2.0-rc.1', false],
    ['>=v1.2.0 <v2.0.0', 'v1.1.9', false],
    ['>=v1.2.0 <v2.0.0', 'v2.0.0', false],
    ['>=v1.2.0 <v2.0.0', 'v2.0.0+incompatible', false],
    ['>=v1.2.0   <v2.0.0', 'v1.3.0', true],
    ['=v1.0.0 || >=v3.0.0', 'v1.0.0', true],
    ['=v1.0.0 || >=v3.0.0', 'v1', true],
    ['=v1.0.0 || >=v3.0.0', 'v2.0.0', false],
    ['=v1.0.0 || >=v3.0.0', 'v3.1.0', true],
    ['v1.0.0', 'v1.0.0', true],
    ['v1.0.0', 'v1.0.1', false],
    ['v1.0.0', 'v1.0.0+build', true],
    ['>v1.0.0', 'v1.0.0', false],
    ['>v1.0.0', 'v1.0.1', true],
    ['<=v1.0.0', 'v1.0.0', true],
    ['<=v1.0.0', 'v1.0.1', false],
    ['<v1.0.0', 'v1.0.0-rc.1', true],
    ['<v1.0.0', 'v1.0.0', false],
    ['>=v2.0.0+incompatible', 'v2.0.0', true],
  ])('%j contains %s: %s', (range, version, expected) => {
    expect(inVersionRange('go', version, range)).toEqual({ ok: true, value: expected });
  });

  it.each([
    '',
    ' ',
    '1.0.0',
    '>=1.0.0',
    '>= v1.0.0',
    '^v1.0.0',
    '~v1.0.0',
    '==v1.0.0',
    '!=v1.0.0',
    'v1.0.0 ||',
    '|| v1.0.0',
    '>=v1.0.0,<v2.0.0',
    '>=v1.0.0 && <v2.0.0',
    '>=v1-pre',
    'latest',
  ])('%j is not a range', (range) => {
    const result = inVersionRange('go', 'v1.0.0', range);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/ is not a Go version range /);
  });
});
