import { compare, prerelease, satisfies, valid, validRange } from 'semver';
import { printable } from '../printable.ts';
import { failure, success } from '../result.ts';
import type { VersionScheme } from './version-scheme.ts';

const INTERVAL = { includePrerelease: true } as const;

/** npm versions: SemVer 2.0 as the `semver` package reads it (build metadata does not order). */
export const npmVersions: VersionScheme = {
  check(text) {
    const canonical = valid(text);
    return canonical === null ? failure(`"${printable(text)}" is not a valid npm version`) : success(canonical);
  },
  compare: (a, b) => compare(a, b),
  key: (version) => valid(version) ?? version,
  isPrerelease: (version) => prerelease(version) !== null,
  checkRange(range) {
    // npm reads an empty range as "*"; a rule must say so to mean every version.
    const normalized = range.trim() === '' ? null : validRange(range);
    return normalized === null ? failure(`"${printable(range)}" is not a valid npm version range`) : success(normalized);
  },
  inRange: (version, range) => satisfies(version, range, INTERVAL),
};
