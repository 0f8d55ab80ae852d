import type { Decision, PackageRef } from '@palisade/core';
import { checkPackage, type PolicyView } from './policy-view.ts';
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
  /**
   * Until when (ms since the epoch) the decisions made so far hold: the earliest moment a
   * version the cooldown held back becomes old enough; `Infinity` when none was held back.
   * A document filtered with these decisions must be filtered again from then on.
   */
  readonly validUntil: number;
}

/** When a version was published, in ms since the epoch; undefined when the registry does not say. */
export type PublishTimes = (version: string) => number | undefined;

/**
 * Collects decisions on versions of `ref` under `view` (see `checkPackage`), each version's
 * publish time read from `publishedAt` (absent: unknown for every version, which matters only
 * while a cooldown applies). `unchecked` (no database outside enforce mode) denies nothing.
 */
export function versionDecisions(ref: PackageRef, view: PolicyView, unchecked: boolean, publishedAt?: PublishTimes): VersionDecisions {
  const denied: Decision[] = [];
  const audited: Decision[] = [];
  const answers = new Map<string, boolean>();
  let validUntil = Number.POSITIVE_INFINITY;
  return {
    denied,
    audited,
    get validUntil() {
      return validUntil;
    },
    isDenied(version) {
      if (unchecked) return false;
      const held = answers.get(version);
      if (held !== undefined) return held;
      const check = checkPackage(view, { ...ref, version }, publishedAt?.(version));
      // Unavailable (no database, the package not in enforce mode): nothing is denied, as unchecked.
      const isDenied = check.kind === 'decided' && check.decision.outcome === 'deny';
      if (check.kind === 'decided') {
        if (isDenied) denied.push(check.decision);
        else if (check.decision.outcome === 'audit') audited.push(check.decision);
        validUntil = Math.min(validUntil, check.validUntil);
      }
      answers.set(version, isDenied);
      return isDenied;
    },
  };
}

/** The headers of a document served with audit findings in it: `audit`, and every report id. */
export function auditedVersionsHeaders(audited: readonly Decision[]): Record<string, string> {
  if (audited.length === 0) return {};
  const ids = reasonIds({ ...(audited[0] as Decision), reasons: audited.flatMap((decision) => decision.reasons) });
  return { [DECISION_HEADER]: 'audit', [REASON_HEADER]: ids };
}
