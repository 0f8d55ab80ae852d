import { decide, type Decision, type PackageRef, type Policy } from '@palisade/core';
import { DECISION_HEADER, REASON_HEADER } from './proxy-headers.ts';
import { reasonIds } from './refusal.ts';

/** The policy's decisions on the versions of one package, collected while a document is filtered. */
export interface VersionDecisions {
  /** Whether `version` is denied: the policy is asked once per version (never when unchecked). */
  isDenied(version: string): boolean;
  /** The decisions that denied a version, one per version. */
  readonly denied: readonly Decision[];
  /** The findings served anyway (audit mode), one per version. */
  readonly audited: readonly Decision[];
}

/** Collects decisions on versions of `ref` under `policy`; `unchecked` (no database outside enforce mode) denies nothing. */
export function versionDecisions(ref: PackageRef, policy: Policy, unchecked: boolean): VersionDecisions {
  const denied: Decision[] = [];
  const audited: Decision[] = [];
  const answers = new Map<string, boolean>();
  return {
    denied,
    audited,
    isDenied(version) {
      if (unchecked) return false;
      const held = answers.get(version);
      if (held !== undefined) return held;
      const decision = decide({ ...ref, version }, policy);
      if (decision.outcome === 'deny') denied.push(decision);
      else if (decision.outcome === 'audit') audited.push(decision);
      answers.set(version, decision.outcome === 'deny');
      return decision.outcome === 'deny';
    },
  };
}

/** The headers of a document served with audit findings in it: `audited`, and every report id. */
export function auditedVersionsHeaders(audited: readonly Decision[]): Record<string, string> {
  if (audited.length === 0) return {};
  const ids = reasonIds({ ...(audited[0] as Decision), reasons: audited.flatMap((decision) => decision.reasons) });
  return { [DECISION_HEADER]: 'audited', [REASON_HEADER]: ids };
}
