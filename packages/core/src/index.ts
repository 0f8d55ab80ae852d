export { ECOSYSTEMS, ecosystemFromOsvName, isEcosystem, osvEcosystemName } from './ecosystem.ts';
export type { Ecosystem, OsvEcosystemName } from './ecosystem.ts';
export {
  checkModulePath,
  escapeModulePath,
  escapeModuleVersion,
  unescapeModulePath,
  unescapeModuleVersion,
} from './names/go-module-path.ts';
export { parseNpmName } from './names/npm-name.ts';
export type { NpmName } from './names/npm-name.ts';
export { normalizePackageName } from './names/package-name.ts';
export { normalizePypiName } from './names/pypi-name.ts';
export { decide, describeDecision, isDenied, MODES } from './policy/decision.ts';
export type { Decision, Mode, Policy, Reason, Rule } from './policy/decision.ts';
export { formatPackageRef, packageRef } from './policy/package-ref.ts';
export type { PackageRef } from './policy/package-ref.ts';
export { PalisadeError } from './palisade-error.ts';
export { printable } from './printable.ts';
export { failure, success } from './result.ts';
export type { Failure, Result, Success } from './result.ts';
export { decideWithSettings } from './rules/decide-with-settings.ts';
export type { PolicyDecision, ReleaseTime } from './rules/decide-with-settings.ts';
export { INTERNAL_RULE_NAME, internalPackageReason, internalPatternFor } from './rules/internal-guard.ts';
export { modeFor } from './rules/mode-for.ts';
export { packageNamePattern } from './rules/name-pattern.ts';
export type { NamePattern } from './rules/name-pattern.ts';
export { parsePolicySettings } from './rules/parse-policy-settings.ts';
export { closestName } from './rules/closest-name.ts';
export { describeValue } from './rules/json-fields.ts';
export { DEFAULT_POLICY_SETTINGS } from './rules/policy-settings.ts';
export type {
  AllowRule,
  CooldownSettings,
  DenyRule,
  InternalRule,
  ModeRule,
  PolicySettings,
  UnknownPublishTime,
  VersionRule,
} from './rules/policy-settings.ts';
export { checkReleaseAge, RELEASE_AGE_RULE_NAME } from './rules/release-age.ts';
export type { ReleaseAgeCheck } from './rules/release-age.ts';
export { allowRuleFor, DENY_RULE_NAME, denyRule, policyRuleId } from './rules/version-rules.ts';
export { isPseudoVersion } from './versions/go-versions.ts';
export type { VersionScheme } from './versions/version-scheme.ts';
export { checkVersion, compareVersions, inVersionRange, sortVersions, versionScheme } from './versions/versions.ts';
