import { printable } from '../printable.ts';
import { formatPackageRef, type PackageRef } from './package-ref.ts';

/**
 * How a decision is applied: `enforce` refuses what the rules deny, `audit` serves it but
 * reports what would have been refused, `off` does not evaluate rules at all.
 */
export type Mode = 'enforce' | 'audit' | 'off';

export const MODES: readonly Mode[] = ['enforce', 'audit', 'off'];

/** One finding against a package: which rule found it, under which report, and why. */
export interface Reason {
  /** The rule that produced the finding, such as `malicious-package`. */
  readonly rule: string;
  /** The report or rule entry behind it, such as `MAL-2024-1234`. */
  readonly id: string;
  /** One line a person can read. */
  readonly summary: string;
  /** Where to read more, when there is such a place. */
  readonly url?: string;
}

/**
 * A source of findings. `evaluate` must be pure: the same reference gives the same
 * reasons, with no I/O (data such as the malicious-package index is loaded beforehand).
 * A reference without a version asks about the package as a whole: a rule then reports
 * only what holds for every version.
 */
export interface Rule {
  readonly name: string;
  evaluate(ref: PackageRef): readonly Reason[];
}

/** The rules in force and how their findings are applied. */
export interface Policy {
  readonly mode: Mode;
  readonly rules: readonly Rule[];
}

/**
 * What to do with a request: `allow`, `deny` (enforce mode, with reasons) or `audit`
 * (audit mode: the rules found reasons, the request is served anyway).
 */
export interface Decision {
  readonly ref: PackageRef;
  readonly mode: Mode;
  readonly outcome: 'allow' | 'deny' | 'audit';
  readonly reasons: readonly Reason[];
}

const NO_REASONS: readonly Reason[] = Object.freeze([]);

/** Applies a policy to a package reference. Pure: no clock, no I/O. */
export function decide(ref: PackageRef, policy: Policy): Decision {
  if (policy.mode === 'off') return { ref, mode: 'off', outcome: 'allow', reasons: NO_REASONS };
  // A plain loop: this runs for every version of every package document served.
  let reasons: Reason[] | undefined;
  for (const rule of policy.rules) {
    const found = rule.evaluate(ref);
    if (found.length > 0) (reasons ??= []).push(...found);
  }
  if (reasons === undefined) return { ref, mode: policy.mode, outcome: 'allow', reasons: NO_REASONS };
  // Anything but an explicit audit mode enforces: a mistyped mode must not fail open.
  return { ref, mode: policy.mode, outcome: policy.mode === 'audit' ? 'audit' : 'deny', reasons };
}

export function isDenied(decision: Decision): boolean {
  return decision.outcome === 'deny';
}

/** Escaped as `printable` escapes, but never shortened: two packages must not read alike. */
const ascii = (text: string) => printable(text, Number.POSITIVE_INFINITY);

/**
 * One ASCII-safe line naming the package, the outcome and the report ids, for logs and
 * headers. Versions and report ids come from outside (a request, a data feed), so control
 * and non-ASCII characters in them are escaped.
 */
export function describeDecision(decision: Decision): string {
  const target = `${decision.ref.ecosystem} package ${ascii(formatPackageRef(decision.ref))}`;
  if (decision.reasons.length === 0) return `${target} allowed`;
  const verb = decision.outcome === 'deny' ? 'blocked' : 'would be blocked (audit mode)';
  const ids = [...new Set(decision.reasons.map((reason) => reason.id))].map(ascii).join(', ');
  return `${target} ${verb}: ${ids}`;
}
