import { printable } from '../printable.ts';
import { failure, success } from '../result.ts';
import type { VersionScheme } from './version-scheme.ts';

// Go module versions follow golang.org/x/mod/semver: a "v", then MAJOR[.MINOR[.PATCH
// [-PRERELEASE][+BUILD]]]; "v1" and "v1.2" are shorthands for v1.0.0 and v1.2.0. Build
// metadata (such as "+incompatible") does not order. Numbers have no size limit.
const NUMBER = '(0|[1-9][0-9]*)';
const IDENTIFIER = '(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)';
const GO_SEMVER = new RegExp(
  `^v${NUMBER}(?:\\.${NUMBER}(?:\\.${NUMBER}(?:-(${IDENTIFIER}(?:\\.${IDENTIFIER})*))?(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?)?)?$`,
);
const PSEUDO_VERSION = /^v[0-9]+\.(?:0\.0-|[0-9]+\.[0-9]+-(?:[^+]*\.)?0\.)[0-9]{14}-[A-Za-z0-9]+(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

interface GoVersion {
  readonly numbers: readonly [string, string, string];
  readonly prerelease: readonly string[];
  readonly build: string;
}

function parse(text: string): GoVersion | undefined {
  const match = GO_SEMVER.exec(text);
  if (!match) return undefined;
  return {
    numbers: [match[1] ?? '0', match[2] ?? '0', match[3] ?? '0'],
    prerelease: match[4] === undefined ? [] : match[4].split('.'),
    build: match[5] ?? '',
  };
}

const isNumeric = (id: string) => /^[0-9]+$/.test(id);

function compareNumbers(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}

function compareIdentifiers(a: string, b: string): number {
  const aNumeric = isNumeric(a);
  const bNumeric = isNumeric(b);
  if (aNumeric && bNumeric) return compareNumbers(a, b);
  if (aNumeric !== bNumeric) return aNumeric ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function comparePrereleases(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return b.length - a.length;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = compareIdentifiers(a[i] ?? '', b[i] ?? '');
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

function compareParsed(a: GoVersion, b: GoVersion): number {
  for (let i = 0; i < 3; i++) {
    const order = compareNumbers(a.numbers[i] ?? '0', b.numbers[i] ?? '0');
    if (order !== 0) return Math.sign(order);
  }
  return Math.sign(comparePrereleases(a.prerelease, b.prerelease));
}

/** Whether `version` is a Go pseudo-version (a version made up for an untagged commit). */
export function isPseudoVersion(version: string): boolean {
  return PSEUDO_VERSION.test(version) && parse(version) !== undefined;
}

/** The canonical form the go command uses: shorthands expanded, "+incompatible" kept, other build metadata dropped. */
function canonical(version: GoVersion): string {
  const pre = version.prerelease.length > 0 ? `-${version.prerelease.join('.')}` : '';
  const build = version.build === 'incompatible' ? '+incompatible' : '';
  return `v${version.numbers.join('.')}${pre}${build}`;
}

const COMPARATOR = /^(>=|<=|>|<|=)?(v.+)$/;

/** Go has no range syntax of its own; ranges are comparator sets: `>=v1.2.0 <v2.0.0 || =v3.0.0`. */
function parseRange(range: string): Array<Array<{ op: string; version: GoVersion }>> | undefined {
  const alternatives = range.split('||').map((alternative) => alternative.trim().split(/\s+/));
  const parsed: Array<Array<{ op: string; version: GoVersion }>> = [];
  for (const comparators of alternatives) {
    const set: Array<{ op: string; version: GoVersion }> = [];
    for (const comparator of comparators) {
      const match = COMPARATOR.exec(comparator);
      const version = match?.[2] === undefined ? undefined : parse(match[2]);
      if (!match || !version) return undefined;
      set.push({ op: match[1] ?? '=', version });
    }
    parsed.push(set);
  }
  return parsed;
}

function holds(order: number, op: string): boolean {
  if (op === '>=') return order >= 0;
  if (op === '<=') return order <= 0;
  if (op === '>') return order > 0;
  if (op === '<') return order < 0;
  return order === 0;
}

export const goVersions: VersionScheme = {
  check(text) {
    const parsed = parse(text);
    return parsed ? success(canonical(parsed)) : failure(`"${printable(text)}" is not a valid Go module version`);
  },
  compare(a, b) {
    const left = parse(a);
    const right = parse(b);
    if (!left || !right) return left ? 1 : right ? -1 : 0;
    return compareParsed(left, right);
  },
  key(version) {
    const parsed = parse(version);
    return parsed ? canonical({ ...parsed, build: '' }) : version;
  },
  isPrerelease: (version) => (parse(version)?.prerelease.length ?? 0) > 0,
  checkRange(range) {
    return parseRange(range) ? success(range) : failure(`"${printable(range)}" is not a Go version range (comparators such as ">=v1.2.0 <v2.0.0", joined by "||")`);
  },
  inRange(version, range) {
    const parsed = parse(version);
    const alternatives = parseRange(range);
    if (!parsed || !alternatives) return false;
    return alternatives.some((set) => set.every(({ op, version: bound }) => holds(compareParsed(parsed, bound), op)));
  },
};
