import type { Ecosystem } from '../ecosystem.ts';
import { compareSpecificity, type NamePattern } from './name-pattern.ts';

interface PatternRule {
  readonly package: NamePattern;
}

/** One list of rules, by exact name, and its globs most specific first. */
interface RuleIndex<T> {
  readonly exact: ReadonlyMap<string, readonly T[]>;
  readonly globs: readonly T[];
}

const INDEXES = new WeakMap<readonly PatternRule[], RuleIndex<PatternRule>>();

const key = (ecosystem: Ecosystem, name: string) => `${ecosystem} ${name}`;

function buildIndex<T extends PatternRule>(rules: readonly T[]): RuleIndex<T> {
  const exact = new Map<string, T[]>();
  const globs: T[] = [];
  for (const rule of rules) {
    if (rule.package.isGlob) globs.push(rule);
    else {
      const at = key(rule.package.ecosystem, rule.package.text);
      exact.set(at, [...(exact.get(at) ?? []), rule]);
    }
  }
  // A stable sort: globs of equal specificity keep the order they were written in.
  return { exact, globs: globs.sort((a, b) => compareSpecificity(a.package, b.package)) };
}

/**
 * The rules whose pattern matches a normalised name, most specific first (exact names,
 * then globs by `compareSpecificity`; ties in list order). A list is indexed once, on
 * first use, so a large list of exact names costs one map look-up per name.
 */
export function matchingRules<T extends PatternRule>(rules: readonly T[], ecosystem: Ecosystem, name: string): readonly T[] {
  if (rules.length === 0) return [];
  let index = INDEXES.get(rules) as RuleIndex<T> | undefined;
  if (index === undefined) {
    index = buildIndex(rules);
    INDEXES.set(rules, index);
  }
  const exact = index.exact.get(key(ecosystem, name)) ?? [];
  const globs = index.globs.filter((rule) => rule.package.ecosystem === ecosystem && rule.package.matches(name));
  return globs.length === 0 ? exact : [...exact, ...globs];
}
