import type { Result } from '../result.ts';

/** How one ecosystem spells, orders and ranges its versions. */
export interface VersionScheme {
  /** The version in canonical form, or why `text` is not a version of this ecosystem. */
  check(text: string): Result<string>;
  /** Orders two versions that passed `check` (negative, zero or positive). */
  compare(a: string, b: string): number;
  /** A string two valid versions share exactly when `compare` finds them equal (`1.0` and `1.0.0` in PEP 440). */
  key(version: string): string;
  /** Whether a version that passed `check` is a pre-release (or, for PyPI, a dev release). */
  isPrerelease(version: string): boolean;
  /** Whether `range` is a range in this ecosystem's own syntax. */
  checkRange(range: string): Result<string>;
  /**
   * Whether a valid version lies in a valid range. Pre-releases inside the bounds are
   * members, except where the ecosystem's range syntax itself excludes them (PEP 440's
   * `<2` excludes `2.0rc1`).
   */
  inRange(version: string, range: string): boolean;
}
