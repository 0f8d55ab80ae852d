import type { Mode } from '../policy/decision.ts';
import type { PackageRef } from '../policy/package-ref.ts';
import type { PolicySettings } from './policy-settings.ts';
import { matchingRules } from './rule-index.ts';

/**
 * The mode for a package: that of the most specific `modes` entry matching its name, else
 * `ecosystemMode`. Most specific means: an exact name before any glob, then the glob with
 * more literal (non-wildcard) characters (`@corp/web-*` before `@corp/*`), then the entry
 * written first. The version plays no part: a package has one mode.
 */
export function modeFor(settings: PolicySettings, ref: PackageRef, ecosystemMode: Mode): Mode {
  return matchingRules(settings.modes, ref.ecosystem, ref.name)[0]?.mode ?? ecosystemMode;
}
