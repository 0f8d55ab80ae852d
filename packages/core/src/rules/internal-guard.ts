import type { Ecosystem } from '../ecosystem.ts';
import type { Reason } from '../policy/decision.ts';
import type { NamePattern } from './name-pattern.ts';
import type { PolicySettings } from './policy-settings.ts';
import { matchingRules } from './rule-index.ts';
import { policyRuleId } from './version-rules.ts';

/** The name of the rule that refuses internal names. */
export const INTERNAL_RULE_NAME = 'internal-package';

/**
 * The most specific `internal` pattern matching a normalised name, if any: such a name
 * belongs to a private registry and is never fetched from the public upstream.
 */
export function internalPatternFor(settings: PolicySettings, ecosystem: Ecosystem, name: string): NamePattern | undefined {
  return matchingRules(settings.internal, ecosystem, name)[0]?.package;
}

/** Why a request for the internal `name` (matching `pattern`) is refused, with id `internal:<ecosystem>:<pattern>`. */
export function internalPackageReason(name: string, pattern: NamePattern): Reason {
  const declared = pattern.isGlob ? `declared internal (${pattern.text})` : 'declared internal';
  return {
    rule: INTERNAL_RULE_NAME,
    id: policyRuleId('internal', pattern),
    summary: `${name} is ${declared} and is never fetched from the public ${pattern.ecosystem} registry`,
  };
}
