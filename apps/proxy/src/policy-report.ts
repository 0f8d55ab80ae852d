import { formatPackageRef, type PolicyDecision } from '@palisade/core';
import { policyEffects } from './metrics/policy-effects.ts';

/**
 * What the proxy does with each decision the adapters report (see `PolicyView.report`):
 * counts it by effect (`palisade_policy_decisions_total`), and logs the ones an operator
 * must be able to find later: a version let through without its publish time being known
 * (`policy-unknown-publish-time`), and an allow entry setting findings aside
 * (`policy-allow-override`). Audit findings and blocks are logged per request already.
 */
export function policyReporter(count: (decision: PolicyDecision) => void, log: (event: string, fields: Record<string, unknown>) => void): (decision: PolicyDecision) => void {
  return (decision) => {
    count(decision);
    const effects = policyEffects(decision);
    const subject = { ecosystem: decision.ref.ecosystem, package: decision.ref.name, version: decision.ref.version, ref: formatPackageRef(decision.ref) };
    if (effects.includes('unknown_publish_time_allowed')) log('policy-unknown-publish-time', { ...subject, allowed: true, mode: decision.mode });
    if (effects.includes('allow_override') && decision.allowedBy) {
      log('policy-allow-override', { ...subject, allowedBy: decision.allowedBy.package.text, reason: decision.allowedBy.reason, overridden: (decision.overridden ?? []).map((reason) => reason.id) });
    }
  };
}
