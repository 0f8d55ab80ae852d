import { allowRuleFor, internalPatternFor, modeFor, type PackageRef } from '@palisade/core';
import type { PolicyView } from './policy-view.ts';

/**
 * Whether the release-age cooldown can weigh in on `ref` (a package, or one version): its
 * ecosystem has a cooldown, the package's mode is not `off`, its name is not internal
 * (refused anyway) and no allow entry covers it (allowed anyway). Adapters look up publish
 * times, which may cost upstream requests, only when it can.
 */
export function cooldownApplies(view: PolicyView, ref: PackageRef): boolean {
  const { settings } = view;
  if (!(settings.cooldown.hours[ref.ecosystem] > 0)) return false;
  if (modeFor(settings, ref, view.policy.mode) === 'off') return false;
  if (internalPatternFor(settings, ref.ecosystem, ref.name) !== undefined) return false;
  return allowRuleFor(settings, ref) === undefined;
}
