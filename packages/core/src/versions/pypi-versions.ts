import { compare, explain, satisfies, validRange } from '@renovatebot/pep440';
import { printable } from '../printable.ts';
import { failure, success } from '../result.ts';
import type { VersionScheme } from './version-scheme.ts';

// PEP 440's own pattern (its appendix B, as the `packaging` library writes it), anchored,
// without the surrounding white space `packaging` tolerates.
const PEP440_VERSION = new RegExp(
  '^v?(?:(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)' +
    '(?:[-_.]?(?<preLetter>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<preNumber>[0-9]+)?)?' +
    '(?<post>-(?<implicitPostNumber>[0-9]+)|[-_.]?(?:post|rev|r)[-_.]?(?<postNumber>[0-9]+)?)?' +
    '(?<dev>[-_.]?dev[-_.]?(?<devNumber>[0-9]+)?)?)' +
    '(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?$',
  'i',
);

const PRE_LETTERS: Readonly<Record<string, string>> = {
  a: 'a', alpha: 'a', b: 'b', beta: 'b', c: 'rc', pre: 'rc', preview: 'rc', rc: 'rc',
};

/** A number as PEP 440 normalises it (leading zeros dropped; absent means 0), kept as digits so size is no limit. */
const integer = (digits: string | undefined) => (digits ?? '0').replace(/^0+(?=[0-9])/, '');

/**
 * The normal form of a PEP 440 version, spelled as `packaging` prints `Version(text)`.
 * Written here rather than taken from `clean()` of @renovatebot/pep440, which joins local
 * segments with commas (`1.0+ab,1`) and turns long numbers into floats (`1.1e+23`): forms
 * that are not versions at all, and that its own `compare` then throws on.
 */
function normalize(text: string): string | undefined {
  const groups = PEP440_VERSION.exec(text)?.groups;
  if (groups?.release === undefined) return undefined;
  const epoch = integer(groups.epoch);
  let normal = (epoch === '0' ? '' : `${epoch}!`) + groups.release.split('.').map(integer).join('.');
  if (groups.preLetter !== undefined) normal += `${PRE_LETTERS[groups.preLetter.toLowerCase()] ?? ''}${integer(groups.preNumber)}`;
  if (groups.post !== undefined) normal += `.post${integer(groups.implicitPostNumber ?? groups.postNumber)}`;
  if (groups.dev !== undefined) normal += `.dev${integer(groups.devNumber)}`;
  if (groups.local !== undefined) {
    const segments = groups.local.split(/[-_.]/).map((part) => (/^[0-9]+$/.test(part) ? integer(part) : part.toLowerCase()));
    normal += `+${segments.join('.')}`;
  }
  return normal;
}

/** PyPI versions: PEP 440, with epochs, pre-, post-, dev- and local versions. */
export const pypiVersions: VersionScheme = {
  check(text) {
    const normalized = normalize(text);
    return normalized === undefined ? failure(`"${printable(text)}" is not a valid PEP 440 version`) : success(normalized);
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
