import { describe, expect, it } from 'vitest';
import type { Ecosystem } from '../ecosystem.ts';
import { normalizePackageName } from './package-name.ts';

describe('normalizePackageName', () => {
  it.each([
    ['pypi', 'Friendly-Bard', 'friendly-bard'],
    ['pypi', 'zope.interface', 'zope-interface'],
    ['pypi', 'Costrar', 'costrar'],
    ['npm', 'JSONStream', 'JSONStream'],
    ['npm', '@Scope/Name', '@Scope/Name'],
    ['npm', '@babel/core', '@babel/core'],
    ['npm', 'friendly_bard', 'friendly_bard'],
    ['go', 'github.com/BufferZoneCorp/config-loader', 'github.com/BufferZoneCorp/config-loader'],
    ['go', 'gopkg.in/yaml.v3', 'gopkg.in/yaml.v3'],
  ] satisfies Array<[Ecosystem, string, string]>)('%s name %s is keyed as %s', (ecosystem, name, expected) => {
    expect(normalizePackageName(ecosystem, name)).toEqual({ ok: true, value: expected });
  });

  it('does not case-encode Go module paths (that is for proxy URLs)', () => {
    expect(normalizePackageName('go', 'github.com/!buffer!zone!corp/config-loader').ok).toBe(false);
  });

  it.each([
    ['pypi', ''],
    ['pypi', '../x'],
    ['pypi', '@babel/core'],
    ['npm', ''],
    ['npm', '.hidden'],
    ['npm', 'lodásh'],
    ['npm', 'node_modules'],
    ['go', ''],
    ['go', 'github/foo'],
    ['go', 'GitHub.com/x'],
    ['go', 'example.com/x/v1'],
  ] satisfies Array<[Ecosystem, string]>)('refuses the %s name %j', (ecosystem, name) => {
    const result = normalizePackageName(ecosystem, name);
    expect(result.ok).toBe(false);
  });

  it('applies each ecosystem\'s own rules to the same text', () => {
    expect(normalizePackageName('pypi', 'Foo_Bar')).toEqual({ ok: true, value: 'foo-bar' });
    expect(normalizePackageName('npm', 'Foo_Bar')).toEqual({ ok: true, value: 'Foo_Bar' });
    expect(normalizePackageName('go', 'Foo_Bar').ok).toBe(false);
    expect(normalizePackageName('npm', 'example.com/x').ok).toBe(false);
    expect(normalizePackageName('go', 'example.com/x')).toEqual({ ok: true, value: 'example.com/x' });
  });
});
