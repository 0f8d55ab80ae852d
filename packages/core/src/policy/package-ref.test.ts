import { describe, expect, it } from 'vitest';
import type { Ecosystem } from '../ecosystem.ts';
import { formatPackageRef, packageRef } from './package-ref.ts';

describe('packageRef', () => {
  it.each([
    ['pypi', 'Friendly_Bard', '1.0', { ecosystem: 'pypi', name: 'friendly-bard', version: '1.0' }],
    ['pypi', 'FRIENDLY.bard', undefined, { ecosystem: 'pypi', name: 'friendly-bard' }],
    ['npm', '@Scope/Name', '1.0.0', { ecosystem: 'npm', name: '@Scope/Name', version: '1.0.0' }],
    ['npm', 'JSONStream', undefined, { ecosystem: 'npm', name: 'JSONStream' }],
    ['go', 'github.com/Azure/x', 'v1.0.0', { ecosystem: 'go', name: 'github.com/Azure/x', version: 'v1.0.0' }],
  ] satisfies Array<[Ecosystem, string, string | undefined, object]>)(
    '%s %s @ %s',
    (ecosystem, name, version, expected) => {
      expect(packageRef(ecosystem, name, version)).toEqual({ ok: true, value: expected });
    },
  );

  it('has no version key at all for a whole-package reference', () => {
    const ref = packageRef('npm', 'lodash');
    expect(ref.ok && 'version' in ref.value).toBe(false);
  });

  it('keeps the version as the registry spells it (no normalisation)', () => {
    expect(packageRef('pypi', 'x', '1.0-RC1')).toEqual({ ok: true, value: { ecosystem: 'pypi', name: 'x', version: '1.0-RC1' } });
    expect(packageRef('go', 'example.com/x', 'master')).toEqual({
      ok: true,
      value: { ecosystem: 'go', name: 'example.com/x', version: 'master' },
    });
  });

  it.each([
    ['pypi', '../x', '"../x" is not a valid PyPI project name'],
    ['pypi', '', '"" is not a valid PyPI project name'],
    ['npm', '.hidden', '".hidden": name starts with "."'],
    ['go', 'github/foo', 'malformed module path "github/foo": missing dot in first path element'],
  ] satisfies Array<[Ecosystem, string, string]>)('refuses the %s name %j', (ecosystem, name, error) => {
    expect(packageRef(ecosystem, name, '1.0.0')).toEqual({ ok: false, error });
    expect(packageRef(ecosystem, name)).toEqual({ ok: false, error });
  });

  it.each([
    ['empty', '', '"" is not a version'],
    ['NUL', '1.0.0\u0000', '"1.0.0\\u0000" is not a version'],
    ['a newline', '1.0.0\nX-Injected: yes', '"1.0.0\\nX-Injected: yes" is not a version'],
    ['a carriage return', '1.0.0\r', '"1.0.0\\r" is not a version'],
    ['a tab', '1.0\t0', '"1.0\\t0" is not a version'],
    ['an escape', '\u001b[2J', '"\\u001b[2J" is not a version'],
    ['DEL', '1.0.0\u007f', '"1.0.0\\u007f" is not a version'],
    ['a C1 next-line', '1.0.0\u0085', '"1.0.0\\u0085" is not a version'],
    ['a C1 control', '1.0.0\u009b', '"1.0.0\\u009b" is not a version'],
  ])('refuses a version with %s', (_what, version, error) => {
    expect(packageRef('npm', 'lodash', version)).toEqual({ ok: false, error });
  });

  it('checks the name before the version', () => {
    expect(packageRef('npm', '', '\u0000')).toEqual({ ok: false, error: 'npm package name must be 1 to 214 characters long' });
  });
});

describe('formatPackageRef', () => {
  it.each([
    [{ ecosystem: 'npm', name: 'lodash' }, 'lodash'],
    [{ ecosystem: 'npm', name: 'lodash', version: '4.17.21' }, 'lodash@4.17.21'],
    [{ ecosystem: 'npm', name: '@babel/core', version: '7.0.0' }, '@babel/core@7.0.0'],
    [{ ecosystem: 'pypi', name: 'friendly-bard', version: '1.0' }, 'friendly-bard@1.0'],
    [{ ecosystem: 'go', name: 'github.com/Azure/x', version: 'v1.0.0' }, 'github.com/Azure/x@v1.0.0'],
  ] as const)('%o reads %s', (ref, text) => {
    expect(formatPackageRef(ref)).toBe(text);
  });
});
