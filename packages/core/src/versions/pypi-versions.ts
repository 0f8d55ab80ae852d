import { clean, compare, explain, satisfies, valid, validRange } from '@renovatebot/pep440';
import { printable } from '../printable.ts';
import { failure, success } from '../result.ts';
import type { VersionScheme } from './version-scheme.ts';

/** PyPI versions: PEP 440, with epochs, pre-, post-, dev- and local versions. */
export const pypiVersions: VersionScheme = {
  check(text) {
    const normalized = valid(text) === null ? null : clean(text);
    return normalized === null ? failure(`"${printable(text)}" is not a valid PEP 440 version`) : success(normalized);
  },
  compare: (a, b) => compare(a, b),
  key(version) {
    const parts = explain(version);
    if (parts === null) return version;
    const release = [...parts.release];
    while (release.length > 1 && release.at(-1) === 0) release.pop();
    return JSON.stringify([parts.epoch, release, parts.pre, parts.post, parts.dev, parts.local]);
  },
  isPrerelease: (version) => explain(version)?.is_prerelease ?? false,
  checkRange(range) {
    return range.trim() !== '' && validRange(range)
      ? success(range)
      : failure(`"${printable(range)}" is not a valid PEP 440 version specifier`);
  },
  inRange: (version, range) => satisfies(version, range, { prereleases: true }),
};
