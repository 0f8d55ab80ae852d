import type { Ecosystem } from '../ecosystem.ts';
import { normalizePackageName } from '../names/package-name.ts';
import { printable } from '../printable.ts';
import { failure, success, type Result } from '../result.ts';

/** A package, or one version of it, as policy sees it. */
export interface PackageRef {
  readonly ecosystem: Ecosystem;
  /** The normalised name (see `normalizePackageName`). */
  readonly name: string;
  /** A version as the registry spells it; absent when the package as a whole is asked about. */
  readonly version?: string;
}

// Every Unicode control character: C0, DEL and C1 (U+0085 NEL is a line break to some log readers).
const CONTROL_CHARACTER = /\p{Cc}/u;

/**
 * A reference with its name normalised; fails when the name is not valid in the ecosystem,
 * or when the version is empty or has control characters.
 */
export function packageRef(ecosystem: Ecosystem, name: string, version?: string): Result<PackageRef> {
  const normalized = normalizePackageName(ecosystem, name);
  if (!normalized.ok) return normalized;
  if (version === undefined) return success({ ecosystem, name: normalized.value });
  if (version === '' || CONTROL_CHARACTER.test(version)) {
    return failure(`"${printable(version)}" is not a version`);
  }
  return success({ ecosystem, name: normalized.value, version });
}

/** `name` or `name@version`, for messages. */
export function formatPackageRef(ref: PackageRef): string {
  return ref.version === undefined ? ref.name : `${ref.name}@${ref.version}`;
}
