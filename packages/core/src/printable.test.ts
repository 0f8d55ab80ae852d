import { describe, expect, it } from 'vitest';
import { printable } from './printable.ts';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

describe('printable', () => {
  it.each([
    ['lodash', 'lodash'],
    ['@babel/core', '@babel/core'],
    ['', ''],
    ['a b', 'a b'],
    ['~!*()', '~!*()'],
  ])('leaves plain ASCII %j as it is', (input, expected) => {
    expect(printable(input)).toBe(expected);
  });

  it.each([
    ['NUL', 'a\u0000b', 'a\\u0000b'],
    ['newline', 'a\nb', 'a\\nb'],
    ['carriage return and line feed', 'x\r\nSet-Cookie: y', 'x\\r\\nSet-Cookie: y'],
    ['tab', 'a\tb', 'a\\tb'],
    ['escape', '\u001b[31mred', '\\u001b[31mred'],
    ['DEL', 'a\u007fb', 'a\\u007fb'],
    ['C1 control', 'a\u0085b', 'a\\u0085b'],
    ['accented letter', 'lodásh', 'lod\\u00e1sh'],
    ['right-to-left override', 'evil\u202etxt.exe', 'evil\\u202etxt.exe'],
    ['astral character', 'a\u{1f600}', 'a\\ud83d\\ude00'],
    ['lone surrogate', 'a\ud800', 'a\\ud800'],
    ['double quote', 'say "hi"', 'say \\"hi\\"'],
    ['backslash', 'a\\b', 'a\\\\b'],
  ])('escapes %s', (_what, input, expected) => {
    const shown = printable(input);
    expect(shown).toBe(expected);
    expect(shown).toMatch(PRINTABLE_ASCII);
  });

  it('keeps inputs of exactly the limit whole', () => {
    expect(printable('a'.repeat(80))).toBe('a'.repeat(80));
    expect(printable('abc', 3)).toBe('abc');
  });

  it('shortens inputs past the limit and marks the cut with "..."', () => {
    expect(printable('a'.repeat(81))).toBe(`${'a'.repeat(80)}...`);
    expect(printable('abcdef', 3)).toBe('abc...');
    expect(printable('x'.repeat(100_000))).toHaveLength(83);
  });

  it('shortens before escaping, so the limit counts input characters', () => {
    expect(printable('\n'.repeat(5), 2)).toBe('\\n\\n...');
  });

  it('stays ASCII when the cut falls inside a surrogate pair', () => {
    const shown = printable('\u{1f600}\u{1f600}', 1);
    expect(shown).toBe('\\ud83d...');
    expect(shown).toMatch(PRINTABLE_ASCII);
  });
});
