import { decideWithSettings, internalPackageReason, internalPatternFor, modeFor, type PackageRef, type Policy, type PolicyDecision, type PolicySettings } from '@palisade/core';
import { releaseAgeDeadline } from './release-age-deadline.ts';

/** The policy an adapter applies, as it stands at the moment of a request. */
export interface PolicyView {
  /** Mode and rules for this ecosystem. */
  readonly policy: Policy;
  /** The operator's settings in force: per-package modes, allow, deny and internal entries, the release-age cooldown. */
  readonly settings: PolicySettings;
  /** The clock decisions are made at, in milliseconds since the epoch (the cooldown compares publish times with it). */
  readonly now: () => number;
  /**
   * Names the data the rules read (the database build and the settings' revision).
   * Documents derived from it, such as a filtered packument, are reused while it stays
   * the same (and until the deadline their decisions carry, see `PackageCheck`).
   */
  readonly revision: string;
  /**
   * Set while the data the rules need is not loaded, saying why. In `enforce` mode every
   * package request is then refused with 503 rather than served unchecked.
   */
  readonly unavailable?: string | undefined;
  /**
   * Told of every decision worth a log line or a count: audit findings, allow entries that
   * set reasons aside, the cooldown holding a version back or letting one through whose
   * publish time is unknown, internal names refused. Decisions on a document's versions are
   * made once per prepared document, not once per request.
   */
  readonly report?: ((decision: PolicyDecision) => void) | undefined;
}

/** Reads the policy in force; called once per request. */
export type PolicySource = () => PolicyView;

/** What the policy says about one package or version. */
export type PackageCheck =
  | {
      readonly kind: 'decided';
      readonly decision: PolicyDecision;
      /**
       * Until when (ms since the epoch) the decision holds as it is: the moment a version the
       * cooldown holds back becomes old enough; `Infinity` when time alone never changes it.
       */
      readonly validUntil: number;
    }
  /** No database loaded: `enforce` refuses (503), other modes serve without a check. */
  | { readonly kind: 'unavailable'; readonly reason: string; readonly refuse: boolean };

/** Whether a decision is one `PolicyView.report` is told of. */
export function isReportable(decision: PolicyDecision): boolean {
  if (decision.outcome !== 'allow') return true;
  if (decision.overridden !== undefined && decision.overridden.length > 0) return true;
  return decision.releaseAge?.kind === 'unknown-time';
}

/**
 * Applies the policy and the operator's settings to a package reference (see
 * `decideWithSettings`), with the version's publish time when the caller knows it (ms since
 * the epoch). The mode is the package's own (`modeFor`). While no database is loaded, a
 * name declared internal is still refused (that needs no database); anything else is
 * `unavailable`, refused in enforce mode.
 */
export function checkPackage(view: PolicyView, ref: PackageRef, publishedAt?: number): PackageCheck {
  if (view.unavailable !== undefined) {
    const mode = modeFor(view.settings, ref, view.policy.mode);
    if (mode !== 'off') {
      const internal = internalPatternFor(view.settings, ref.ecosystem, ref.name);
      if (internal === undefined) return { kind: 'unavailable', reason: view.unavailable, refuse: mode !== 'audit' };
      const decision: PolicyDecision = { ref, mode, outcome: 'deny', reasons: [internalPackageReason(ref.name, internal)], internal };
      view.report?.(decision);
      return { kind: 'decided', decision, validUntil: Number.POSITIVE_INFINITY };
    }
  }
  const decision = decideWithSettings(ref, view.policy, view.settings, { now: view.now(), publishedAt });
  if (view.report && isReportable(decision)) view.report(decision);
  return { kind: 'decided', decision, validUntil: releaseAgeDeadline(decision, publishedAt, view.settings) };
}
