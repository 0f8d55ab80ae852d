import { describe, expect, it } from 'vitest';
import { packageNamePattern, type NamePattern } from './name-pattern.ts';
import { matchingRules } from './rule-index.ts';

function pattern(text: string, ecosystem: 'npm' | 'pypi' = 'npm'): NamePattern {
  const parsed = packageNamePattern(ecosystem, text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

describe('matchingRules', () => {
  it('lists matching rules most specific first, equals in list order', () => {
    // Literal characters: @corp/w* 7, @corp/* 6, @*/web 5.
    const rules = ['@corp/*', 'lodash', '@corp/web', '@corp/w*', '@corp/web', '@*/web'].map((text, position) => ({ package: pattern(text), position }));
    expect(matchingRules(rules, 'npm', '@corp/web').map((rule) => rule.position)).toEqual([2, 4, 3, 0, 5]);
    expect(matchingRules(rules, 'npm', 'lodash').map((rule) => rule.position)).toEqual([1]);
    expect(matchingRules(rules, 'pypi', 'lodash')).toEqual([]);
    expect(matchingRules([], 'npm', 'lodash')).toEqual([]);
  });

  it('looks up a long list of exact names without scanning it', () => {
    // Each rule counts the reads of its pattern: after the index is built, looking up exact
    // names reads none (a scan would read all 50,000 per look-up).
    let reads = 0;
    const rules = Array.from({ length: 50_000 }, (_, index) => {
      const namePattern = pattern(`typo-${index}`);
      return { get package() { reads++; return namePattern; } };
    });
    matchingRules(rules, 'npm', 'warm-up');
    reads = 0;
    for (let index = 0; index < 1_000; index++) expect(matchingRules(rules, 'npm', `typo-${index * 50}`)).toHaveLength(1);
    expect(matchingRules(rules, 'npm', 'typo-50000')).toHaveLength(0);
    expect(reads).toBe(0);
  });
});
