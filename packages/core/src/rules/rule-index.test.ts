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
    const rules = Array.from({ length: 50_000 }, (_, index) => ({ package: pattern(`typo-${index}`) }));
    matchingRules(rules, 'npm', 'warm-up');
    const started = performance.now();
    for (let index = 0; index < 100_000; index++) matchingRules(rules, 'npm', `typo-${index}`);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(matchingRules(rules, 'npm', 'typo-49999')).toHaveLength(1);
  });
});
