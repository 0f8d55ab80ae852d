import type { Decision, Policy, Reason } from '../policy/decision.ts';
import type { PackageRef } from '../policy/package-ref.ts';
import { internalPackageReason, internalPatternFor } from './internal-guard.ts';
import { modeFor } from './mode-for.ts';
import type { NamePattern } from './name-pattern.ts';
import type { AllowRule, PolicySettings } from './policy-settings.ts';
import { checkReleaseAge, type ReleaseAgeCheck } from './release-age.ts';
import { matchingRules } from './rule-index.ts';
import { allowRuleFor, denyRule } from './version-rules.ts';

/** The times the cooldown compares, in ms since the epoch: passed in, no clock is read. */
export interface ReleaseTime {
  readonly now: number;
  /** When the version was published; undefined when the registry does not say. */
  readonly publishedAt?: number | undefined;
}

/** A decision, with what the settings did to it, for the caller to log and count. */
export interface PolicyDecision extends Decision {
  /** The allow entry that let the reference through; `overridden` holds what it set aside. */
  readonly allowedBy?: AllowRule;
  /** The reasons the allow entry overrode (empty when nothing would have blocked). */
  readonly overridden?: readonly Reason[];
  /** The internal pattern the name matched, when refused as internal. */
  readonly internal?: NamePattern;
  /** The cooldown's verdict; absent without a cooldown in the ecosystem, for a whole-package reference, in off mode and for internal names. */
  readonly releaseAge?: ReleaseAgeCheck;
}

const NO_REASONS: readonly Reason[] = Object.freeze([]);

/**
 * `decide` with the operator's settings applied: `policy` gives the ecosystem's mode and
 * the feed's rules. In order:
 * 1. the mode is `modeFor(settings, ref, policy.mode)`; `off` allows without evaluating anything;
 * 2. a name matching an `internal` pattern is denied, in audit mode too: fetching it from
 *    the public registry is itself the leak the guard exists to prevent;
 * 3. the feed's rules, the deny entries and (for a version) the release-age cooldown give reasons;
 * 4. an allow entry covering the reference allows it, setting all those reasons aside;
 * 5. otherwise reasons deny in enforce mode and are reported in audit mode; a mode that is
 *    neither enforces (a mistyped mode must not fail open), as `decide` does.
 * A whole-package reference (no version) skips the cooldown; deny entries with a version
 * range do not apply to it, and an allow entry with one lets it in (the report may be
 * over-broad: each version is then decided on its own).
 */
export function decideWithSettings(ref: PackageRef, policy: Policy, settings: PolicySettings, time: ReleaseTime): PolicyDecision {
  const mode = modeFor(settings, ref, policy.mode);
  if (mode === 'off') return { ref, mode, outcome: 'allow', reasons: NO_REASONS };
  const internal = internalPatternFor(settings, ref.ecosystem, ref.name);
  if (internal !== undefined) return { ref, mode, outcome: 'deny', reasons: [internalPackageReason(ref.name, internal)], internal };
  const reasons: Reason[] = [];
  for (const rule of [...policy.rules, denyRule(settings)]) reasons.push(...rule.evaluate(ref));
  const releaseAge = ref.version === undefined ? undefined : checkReleaseAge(ref.ecosystem, time.publishedAt, time.now, settings.cooldown);
  if (releaseAge !== undefined && 'reason' in releaseAge) reasons.push(releaseAge.reason);
  const withAge = releaseAge === undefined || releaseAge.kind === 'off' ? {} : { releaseAge };
  // A whole package some allow entry covers in part is let in: its versions are decided one by one.
  const allowedBy = allowRuleFor(settings, ref) ?? (ref.version === undefined ? matchingRules(settings.allow, ref.ecosystem, ref.name)[0] : undefined);
  if (allowedBy !== undefined) return { ref, mode, outcome: 'allow', reasons: NO_REASONS, allowedBy, overridden: reasons, ...withAge };
  if (reasons.length === 0) return { ref, mode, outcome: 'allow', reasons: NO_REASONS, ...withAge };
  return { ref, mode, outcome: mode === 'audit' ? 'audit' : 'deny', reasons, ...withAge };
}
