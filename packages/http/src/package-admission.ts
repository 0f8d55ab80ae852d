import { PalisadeError, type Decision, type PackageRef, type Reason } from '@palisade/core';
import { DECISION_HEADER } from './proxy-headers.ts';
import { checkPackage, type PolicyView } from './policy-view.ts';

/** What the policy says of a package as a whole, before the registry is asked about it. */
export type PackageAdmission = { readonly kind: 'blocked'; readonly decision: Decision } | { readonly kind: 'admitted'; readonly unchecked: boolean };

/**
 * Refuses (503 `database-unavailable`) when the policy cannot be applied yet in enforce
 * mode. A package whose every version is flagged is blocked before the registry is asked
 * (reported packages are often removed there, which would read as a plain 404).
 * Otherwise the package is admitted, unchecked when no database is loaded outside enforce mode.
 */
export function admitPackage(view: PolicyView, ref: PackageRef): PackageAdmission {
  const check = checkPackage(view, ref);
  if (check.kind === 'decided') return check.decision.outcome === 'deny' ? { kind: 'blocked', decision: check.decision } : { kind: 'admitted', unchecked: false };
  if (check.refuse) throw new PalisadeError(503, 'database-unavailable', `No package can be checked against the malicious-package database: ${check.reason}`);
  return { kind: 'admitted', unchecked: true };
}

/** The header that marks an answer served without a check (no database, outside enforce mode). */
export const uncheckedHeaders = (unchecked: boolean): Record<string, string> => (unchecked ? { [DECISION_HEADER]: 'unchecked' } : {});

/** One decision for a package whose every version is denied: the reasons of them all, each once. */
export function wholePackageDecision(ref: PackageRef, denied: readonly Decision[], mode: Decision['mode']): Decision {
  const seen = new Set<string>();
  const reasons: Reason[] = [];
  for (const reason of denied.flatMap((decision) => decision.reasons)) {
    if (seen.has(reason.id)) continue;
    seen.add(reason.id);
    reasons.push(reason);
  }
  return { ref, mode, outcome: 'deny', reasons };
}
