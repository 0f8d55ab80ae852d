import { describe, expect, it } from 'vitest';
import type { Ecosystem } from '../ecosystem.ts';
import { compareSpecificity, globMatches, MAX_PATTERN_LENGTH, packageNamePattern, type NamePattern } from './name-pattern.ts';

function pattern(ecosystem: Ecosystem, text: string): NamePattern {
  const parsed = packageNamePattern(ecosystem, text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

describe('packageNamePattern', () => {
  it.each([
    ['npm', 'left-pad', 'left-pad', false, 8],
    ['npm', 'JSONStream', 'JSONStream', false, 10],
    ['npm', '@corp/*', '@corp/*', true, 6],
    ['npm', '@corp/**', '@corp/*', true, 6],
    ['pypi', 'Friendly_Bard', 'friendly-bard', false, 13],
    ['pypi', 'Corp_.Internal-*', 'corp-internal-*', true, 14],
    ['go', 'github.com/Azure/x', 'github.com/Azure/x', false, 18],
    ['go', 'corp.example/*', 'corp.example/*', true, 13],
    ['go', '*/internal', '*/internal', true, 9],
    ['go', 'corp.example/?', 'corp.example/?', true, 13],
  ] satisfies Array<[Ecosystem, string, string, boolean, number]>)('%s %j reads as %j', (ecosystem, text, normal, isGlob, literalLength) => {
    expect(packageNamePattern(ecosystem, text)).toMatchObject({ ok: true, value: { ecosystem, text: normal, isGlob, literalLength } });
  });

  it.each([
    ['npm', '@corp/*', '@corp/web', true],
    ['npm', '@corp/*', '@corpx/web', false],
    ['npm', '@corp/*', '@corp/', true],
    ['npm', 'left-pad', 'left-pad', true],
    ['npm', 'left-pad', 'Left-Pad', false],
    ['npm', 'JSONStream', 'jsonstream', false],
    ['pypi', 'Corp_Internal*', 'corp-internal-tools', true],
    ['pypi', 'request?', 'requestz', true],
    ['pypi', 'request?', 'requests-z', false],
    ['go', 'corp.example/*', 'corp.example/a/b', true],
    ['go', 'corp.example/*', 'corp.example', true],
    ['go', 'corp.example/*', 'corp.example2', false],
    ['go', 'corp.example/?', 'corp.example', false],
    ['go', 'github.com/Corp/*', 'github.com/corp/x', false],
    ['go', '*/internal/*', 'corp.example/internal/x', true],
  ] satisfies Array<[Ecosystem, string, string, boolean]>)('%s %j matches %j: %s', (ecosystem, text, name, expected) => {
    expect(pattern(ecosystem, text).matches(name)).toBe(expected);
  });

  it.each([
    ['npm', '', 'package pattern is empty'],
    ['npm', '*', 'package pattern "*" would match every npm package: it needs a character besides * and ?'],
    ['pypi', '**?*', 'package pattern "**?*" would match every pypi package: it needs a character besides * and ?'],
    ['npm', '.hidden', '".hidden": name starts with "."'],
    ['npm', '@corp', 'scoped npm package name "@corp" has no "/"'],
    ['npm', '.*', 'package pattern ".*" cannot match any valid npm package name'],
    ['npm', 'a\u0000*', 'package pattern "a\\u0000*" cannot match any valid npm package name'],
    ['pypi', '../x', '"../x" is not a valid PyPI project name'],
    ['pypi', '*-', 'package pattern "*-" cannot match any valid pypi package name'],
    ['go', '..', 'malformed module path "..": invalid path element ".."'],
    ['go', 'corp.example/../*', 'package pattern "corp.example/../*" cannot match any valid go package name'],
    ['go', 'corp.example/*/', 'package pattern "corp.example/*/" cannot match any valid go package name'],
    ['go', 'corp.example\n*', 'package pattern "corp.example\\n*" cannot match any valid go package name'],
  ] satisfies Array<[Ecosystem, string, string]>)('refuses the %s pattern %j', (ecosystem, text, error) => {
    expect(packageNamePattern(ecosystem, text)).toEqual({ ok: false, error });
  });

  it('refuses a huge pattern quickly, quoting only its start', () => {
    const huge = `${'a*'.repeat(500_000)}b`;
    const started = performance.now();
    const parsed = packageNamePattern('npm', huge);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(parsed).toEqual({ ok: false, error: `package pattern "${'a*'.repeat(40)}..." is longer than ${MAX_PATTERN_LENGTH} characters` });
  });
});

describe('globMatches', () => {
  it.each([
    ['a*', 'a', true],
    ['a*b', 'ab', true],
    ['a*b', 'axxb', true],
    ['a*b', 'axxbx', false],
    ['a*b*c', 'abxbc', true],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['*x', 'xxxx', true],
    ['', '', true],
    ['*', '', true],
    ['a', '', false],
  ])('%j against %j: %s', (glob, name, expected) => {
    expect(globMatches(glob, name)).toBe(expected);
  });

  it('agrees with a reference regular expression on random globs and names', () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const text = (alphabet: string, length: number) => Array.from({ length }, () => alphabet[random(alphabet.length)]).join('');
    for (let i = 0; i < 5000; i++) {
      const glob = text('ab/*?', random(8));
      const name = text('ab/', random(10));
      const reference = new RegExp(`^${glob.replaceAll('*', '.*').replaceAll('?', '.')}$`, 's');
      expect(globMatches(glob, name), `${glob} against ${name}`).toBe(reference.test(name));
    }
  });

  it('stays fast where a back-tracking regular expression would not', () => {
    const glob = `${'a*'.repeat(250)}b`;
    const started = performance.now();
    expect(globMatches(glob, 'a'.repeat(214))).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('compareSpecificity', () => {
  it('puts exact names first, then globs with more literal characters, keeping equals in place', () => {
    const written = ['@corp/*', '@corp/web-*', '@*/web-app', '@corp/web-app', '@corp/?eb-*'].map((text) => pattern('npm', text));
    // `@*/web-app` and `@corp/?eb-*` both have 9 literal characters: they stay in the order written.
    expect([...written].sort(compareSpecificity).map((p) => p.text)).toEqual(['@corp/web-app', '@corp/web-*', '@*/web-app', '@corp/?eb-*', '@corp/*']);
  });
});
