import type { Ecosystem } from '../ecosystem.ts';
import { failure, success, type Result } from '../result.ts';
import { goVersions } from './go-versions.ts';
import { npmVersions } from './npm-versions.ts';
import { pypiVersions } from './pypi-versions.ts';
import type { VersionScheme } from './version-scheme.ts';

const SCHEMES: Readonly<Record<Ecosystem, VersionScheme>> = {
  npm: npmVersions,
  pypi: pypiVersions,
  go: goVersions,
};

/** The version rules of one ecosystem, for callers that compare many versions. */
export function versionScheme(ecosystem: Ecosystem): VersionScheme {
  return SCHEMES[ecosystem];
}

/** The canonical form of a version, or why it is not a version of the ecosystem. */
export function checkVersion(ecosystem: Ecosystem, text: string): Result<string> {
  return SCHEMES[ecosystem].check(text);
}

/** Orders two versions by the ecosystem's rules; fails, naming the culprit, when either is invalid. */
export function compareVersions(ecosystem: Ecosystem, a: string, b: string): Result<number> {
  const scheme = SCHEMES[ecosystem];
  const left = scheme.check(a);
  if (!left.ok) return left;
  const right = scheme.check(b);
  if (!right.ok) return right;
  return success(Math.sign(scheme.compare(a, b)));
}

/** Versions in ascending order, with those that are not versions of the ecosystem set apart. */
export function sortVersions(
  ecosystem: Ecosystem,
  versions: Iterable<string>,
): { readonly sorted: string[]; readonly invalid: string[] } {
  const scheme = SCHEMES[ecosystem];
  const sorted: string[] = [];
  const invalid: string[] = [];
  for (const version of versions) (scheme.check(version).ok ? sorted : invalid).push(version);
  sorted.sort((a, b) => scheme.compare(a, b));
  return { sorted, invalid };
}

/** Whether a version lies in a range written in the ecosystem's own syntax. */
export function inVersionRange(ecosystem: Ecosystem, version: string, range: string): Result<boolean> {
  const scheme = SCHEMES[ecosystem];
  const checkedVersion = scheme.check(version);
  if (!checkedVersion.ok) return checkedVersion;
  const checkedRange = scheme.checkRange(range);
  if (!checkedRange.ok) return failure(checkedRange.error);
  return success(scheme.inRange(version, range));
}
