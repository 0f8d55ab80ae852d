import type { Reason, Rule } from '../policy/decision.ts';
import type { PackageRef } from '../policy/package-ref.ts';
import { inVersionRange } from '../versions/versions.ts';
import type { NamePattern } from './name-pattern.ts';
import type { AllowRule, PolicySettings, VersionRule } from './policy-settings.ts';
import { matchingRules } from './rule-index.ts';

const NO_REASONS: readonly Reason[] = Object.freeze([]);

/** The name of the rule that reports deny entries. */
export const DENY_RULE_NAME = 'deny-rule';

/** A stable id for a settings entry, as reasons and logs name it: `deny:npm:@corp/*`. */
export function policyRuleId(list: 'allow' | 'deny' | 'internal', pattern: NamePattern): string {
  return `${list}:${pattern.ecosystem}:${pattern.text}`;
}

/**
 * Whether an entry whose pattern matched also covers the reference's version: always
 * without a range; with one, only a version the ecosystem reads that lies in it (never a
 * whole-package reference, nor a version the ecosystem cannot order, such as PyPI's `2004d`).
 */
export function ruleCoversVersion(rule: VersionRule, ref: PackageRef): boolean {
  if (rule.versions === undefined) return true;
  if (ref.version === undefined) return false;
  const inRange = inVersionRange(ref.ecosystem, ref.version, rule.versions);
  return inRange.ok && inRange.value;
}

/** The most specific allow entry covering the reference (see `modeFor` for the order), if any. */
export function allowRuleFor(settings: PolicySettings, ref: PackageRef): AllowRule | undefined {
  return matchingRules(settings.allow, ref.ecosystem, ref.name).find((rule) => ruleCoversVersion(rule, ref));
}

/**
 * The deny entries as a rule for `decide`: one reason per entry covering the reference
 * (most specific first), with id `deny:<ecosystem>:<pattern>` and the entry's reason as
 * summary. A whole-package reference is reported only by entries without a range.
 */
export function denyRule(settings: PolicySettings): Rule {
  return {
    name: DENY_RULE_NAME,
    evaluate(ref: PackageRef): readonly Reason[] {
      const rules = matchingRules(settings.deny, ref.ecosystem, ref.name);
      if (rules.length === 0) return NO_REASONS;
      return rules
        .filter((rule) => ruleCoversVersion(rule, ref))
        .map((rule) => ({ rule: DENY_RULE_NAME, id: policyRuleId('deny', rule.package), summary: rule.reason }));
    },
  };
}
