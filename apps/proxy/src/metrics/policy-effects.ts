import { DENY_RULE_NAME, type PolicyDecision } from '@palisade/core';
import { Counter, type Registry } from 'prom-client';

/**
 * What the operator's policy settings, or audit mode, did in a decision:
 * - `audit_finding`: audit mode served what enforce would refuse;
 * - `allow_override`: an allow entry let through what something else would have blocked;
 * - `cooldown_hold`: the release-age cooldown held back a version younger than it;
 * - `unknown_publish_time_allowed` / `unknown_publish_time_refused`: a version whose publish
 *   time the registry does not give, let through or refused as `cooldown.unknownPublishTime` says;
 * - `internal_refused`: a name declared internal was refused;
 * - `deny_rule`: a deny entry blocked (or, in audit mode, would have blocked).
 */
export const POLICY_EFFECTS = ['audit_finding', 'allow_override', 'cooldown_hold', 'unknown_publish_time_allowed', 'unknown_publish_time_refused', 'internal_refused', 'deny_rule'] as const;
export type PolicyEffect = (typeof POLICY_EFFECTS)[number];

/** Every effect a decision had (none for a plain one), in `POLICY_EFFECTS` order. */
export function policyEffects(decision: PolicyDecision): PolicyEffect[] {
  const effects: PolicyEffect[] = [];
  if (decision.outcome === 'audit') effects.push('audit_finding');
  if (decision.allowedBy !== undefined) return decision.overridden && decision.overridden.length > 0 ? [...effects, 'allow_override'] : effects;
  const age = decision.releaseAge;
  if (age?.kind === 'too-young') effects.push('cooldown_hold');
  if (age?.kind === 'unknown-time') effects.push(age.allowed ? 'unknown_publish_time_allowed' : 'unknown_publish_time_refused');
  if (decision.internal !== undefined) effects.push('internal_refused');
  if (decision.reasons.some((reason) => reason.rule === DENY_RULE_NAME)) effects.push('deny_rule');
  return effects;
}

/** Counts decisions by ecosystem and effect, on `registry`; returns the function that records one. */
export function createPolicyMetrics(registry: Registry): (decision: PolicyDecision) => void {
  const counter = new Counter({
    name: 'palisade_policy_decisions_total',
    help: "Decisions the policy settings or audit mode shaped, by ecosystem and effect. A document's versions are decided once per prepared document, a direct download once per request that is not repeated from memory.",
    labelNames: ['ecosystem', 'effect'],
    registers: [registry],
  });
  return (decision) => {
    for (const effect of policyEffects(decision)) counter.inc({ ecosystem: decision.ref.ecosystem, effect });
  };
}
