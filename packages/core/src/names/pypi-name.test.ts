import { describe, expect, it } from 'vitest';
import { normalizePypiName } from './pypi-name.ts';

describe('normalizePypiName', () => {
  it.each([
    ['Friendly-Bard', 'friendly-bard'],
    ['FRIENDLY-BARD', 'friendly-bard'],
    ['friendly.bard', 'friendly-bard'],
    ['friendly_bard', 'friendly-bard'],
    ['friendly--bard', 'friendly-bard'],
    ['FrIeNdLy-._.-bArD', 'friendly-bard'],
    ['friendly-bard', 'friendly-bard'],
    ['Costrar', 'costrar'],
    ['requests', 'requests'],
    ['zope.interface', 'zope-interface'],
    ['Django', 'django'],
    ['a.b_c-d', 'a-b-c-d'],
    ['1234', '1234'],
    ['2to3', '2to3'],
    ['a', 'a'],
    ['Z', 'z'],
    ['7', '7'],
  ])('%j normalises to %j (PEP 503)', (name, expected) => {
    expect(normalizePypiName(name)).toEqual({ ok: true, value: expected });
  });

  it('gives a normalised name that normalises to itself', () => {
    for (const name of ['Friendly-Bard', 'FrIeNdLy-._.-bArD', 'zope.interface', 'a_b']) {
      const once = normalizePypiName(name);
      if (!once.ok) throw new Error(once.error);
      expect(normalizePypiName(once.value)).toEqual(once);
    }
  });

  it.each([
    ['empty', ''],
    ['leading dash', '-friendly'],
    ['trailing dash', 'friendly-'],
    ['leading dot', '.friendly'],
    ['trailing dot', 'friendly.'],
    ['leading underscore', '_friendly'],
    ['trailing underscore', 'friendly_'],
    ['only separators', '-._'],
    ['a space', 'friendly bard'],
    ['surrounding spaces', ' friendly '],
    ['dot-dot', '..'],
    ['a path', '../x'],
    ['percent-encoded dots', '%2e%2e'],
    ['a slash', 'a/b'],
    ['a backslash', 'a\\b'],
    ['NUL', 'friendly\u0000bard'],
    ['a trailing newline', 'friendly\n'],
    ['non-ASCII letters', 'frïendly'],
    ['the Kelvin sign (folds to k in Unicode)', '\u212aelvin'],
    ['the long s (upper-cases to S)', '\u017fix'],
    ['an at sign', 'friendly@1.0'],
    ['a plus', 'c++'],
  ])('rejects a name with %s', (_what, name) => {
    const result = normalizePypiName(name);
    expect(result.ok).toBe(false);
  });

  it.each([
    ['friendly\u0000bard', '"friendly\\u0000bard" is not a valid PyPI project name'],
    ['a\r\nb', '"a\\r\\nb" is not a valid PyPI project name'],
    ['frïendly', '"fr\\u00efendly" is not a valid PyPI project name'],
    ['../x', '"../x" is not a valid PyPI project name'],
  ])('quotes the rejected name %j safely', (name, message) => {
    const result = normalizePypiName(name);
    expect(result).toEqual({ ok: false, error: message });
    if (!result.ok) expect(result.error).toMatch(/^[\x20-\x7e]*$/);
  });

  it('shortens a very long rejected name in the message', () => {
    const result = normalizePypiName(`${'a'.repeat(500)}-`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.length).toBeLessThan(150);
  });
});
