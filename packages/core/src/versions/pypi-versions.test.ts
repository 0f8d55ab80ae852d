import { describe, expect, it } from 'vitest';
import { checkVersion, compareVersions, inVersionRange, versionScheme } from './versions.ts';

// Normal forms as Python's `packaging` prints `Version(text)`.
const NORMAL_FORMS: ReadonlyArray<readonly [text: string, normal: string]> = [
  ['1.0', '1.0'],
  ['1.0.0', '1.0.0'],
  ['1.0-RC1', '1.0rc1'],
  ['v1.0', '1.0'],
  ['V1.0', '1.0'],
  ['01.0', '1.0'],
  ['1.00.010', '1.0.10'],
  ['1.0alpha1', '1.0a1'],
  ['1.0-beta.2', '1.0b2'],
  ['1.0c1', '1.0rc1'],
  ['1.0pre1', '1.0rc1'],
  ['1.0preview1', '1.0rc1'],
  ['1.0a', '1.0a0'],
  ['1.0a2.dev1', '1.0a2.dev1'],
  ['1.0-1', '1.0.post1'],
  ['1.0rev2', '1.0.post2'],
  ['1.0-r3', '1.0.post3'],
  ['1.0.post', '1.0.post0'],
  ['1.0_DEV3', '1.0.dev3'],
  ['1.0-dev', '1.0.dev0'],
  ['1.0.post1.dev1', '1.0.post1.dev1'],
  ['0!1.0', '1.0'],
  ['2!1.0', '2!1.0'],
  ['1!0.1', '1!0.1'],
  ['1.0+Ubuntu-1', '1.0+ubuntu.1'],
  ['1.0+ab.1', '1.0+ab.1'],
  ['1.0+ab_cd', '1.0+ab.cd'],
  ['1.0+01', '1.0+1'],
  ['1.0+0x10', '1.0+0x10'],
  ['1.0+1e5', '1.0+1e5'],
  ['1.99999999999999999999999', '1.99999999999999999999999'],
  ['99999999999999999999999!1.0', '99999999999999999999999!1.0'],
  ['1.0.post99999999999999999999999', '1.0.post99999999999999999999999'],
  ['1.0a099999999999999999999999', '1.0a99999999999999999999999'],
  ['2024.11.22', '2024.11.22'],
];

describe('PyPI versions (PEP 440)', () => {
  it.each(NORMAL_FORMS)('%j is valid, normalised to %j', (text, normal) => {
    expect(checkVersion('pypi', text)).toEqual({ ok: true, value: normal });
  });

  it.each(NORMAL_FORMS)('the normal form of %j is a version equal to it', (text) => {
    const checked = checkVersion('pypi', text);
    if (!checked.ok) throw new Error(checked.error);
    expect(checkVersion('pypi', checked.value)).toEqual(checked);
    expect(compareVersions('pypi', checked.value, text)).toEqual({ ok: true, value: 0 });
    const scheme = versionScheme('pypi');
    expect(scheme.compare(checked.value, '0.1')).toBeGreaterThan(0);
  });

  it.each([
    'not a version',
    '1.0-foo-bar',
    '',
    'latest',
    ' 1.0',
    '1.0 ',
    '1.0\n',
    '1..0',
    '.1',
    '1.',
    '1.0+',
    '1.0+a..b',
    '1.0+ä',
    '1.0+a+b',
    '1!2!3',
    '1.0.dev1.post1',
    '1.0-',
    '1.0\u0000',
    '١.٠',
  ])('%j is not a version, and says so without throwing', (text) => {
    expect(checkVersion('pypi', text)).toEqual({ ok: false, error: expect.stringMatching(/ is not a valid PEP 440 version$/) });
    expect(compareVersions('pypi', text, '1.0').ok).toBe(false);
  });

  it.each([
    ['1.0.dev1', true],
    ['1.0a1', true],
    ['1.0rc1', true],
    ['1.0.post1.dev1', true],
    ['1.0-RC1', true],
    ['1.0', false],
    ['1.0.post1', false],
    ['1.0+local', false],
    ['1!2.0', false],
  ])('%s is a pre-release: %s', (version, prerelease) => {
    expect(versionScheme('pypi').isPrerelease(version)).toBe(prerelease);
  });

  // Expectations checked against packaging's SpecifierSet.contains(version, prereleases=True).
  it.each([
    ['>=1.0,<2', '1.0', true],
    ['>=1.0,<2', '1.5', true],
    ['>=1.0,<2', '1.5b1', true],
    ['>=1.0,<2', '1.9.9.dev1', true],
    ['>=1.0,<2', '1.0.post1', true],
    ['>=1.0,<2', '0.9', false],
    ['>=1.0,<2', '1.0rc1', false],
    ['>=1.0,<2', '2.0', false],
    ['==1.*', '1.0', true],
    ['==1.*', '1.9.9', true],
    ['==1.*', '1.0rc1', true],
    ['==1.*', '1.0+local', true],
    ['==1.*', '0.9', false],
    ['==1.*', '2.0', false],
    ['~=1.4', '1.4', true],
    ['~=1.4', '1.4.5', true],
    ['~=1.4', '1.9', true],
    ['~=1.4', '1.3', false],
    ['~=1.4', '1.4rc1', false],
    ['~=1.4', '2.0', false],
    ['~=1.4', '2.0a1', false],
    ['==1.0', '1.0.0', true],
    ['==1.0', '1.0+local', true],
    ['==1.0', '1.0.post1', false],
    ['!=1.0', '1.0', false],
    ['!=1.0', '1.1', true],
    ['===1.0', '1.0', true],
    ['===1.0', '1.0.0', false],
  ])('%j contains %s: %s', (range, version, expected) => {
    expect(inVersionRange('pypi', version, range)).toEqual({ ok: true, value: expected });
  });

  it.each(['', '   ', 'foo', '>>1.0', '=>1.0', '>=1.0;<2', '>=1.0 <2', '1.0', '~=1', '==1.*.0', '>=1.0,', '<'])(
    '%j is not a version specifier',
    (range) => {
      expect(inVersionRange('pypi', '1.0', range)).toEqual({
        ok: false,
        error: `"${range}" is not a valid PEP 440 version specifier`,
      });
    },
  );
});
