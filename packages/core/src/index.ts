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
export { isPseudoVersion } from './versions/go-versions.ts';
export type { VersionScheme } from './versions/version-scheme.ts';
export { checkVersion, compareVersions, inVersionRange, sortVersions, versionScheme } from './versions/versions.ts';
