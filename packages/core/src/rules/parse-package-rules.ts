import { ECOSYSTEMS, type Ecosystem } from '../ecosystem.ts';
import { MODES } from '../policy/decision.ts';
import { versionScheme } from '../versions/versions.ts';
import { describeValue, isJsonObject, readChoice, readText, refuseUnknownKeys, type JsonObject, type Problems } from './json-fields.ts';
import { MAX_PATTERN_LENGTH, packageNamePattern, type NamePattern } from './name-pattern.ts';
import type { InternalRule, ModeRule, VersionRule } from './policy-settings.ts';

/** Longest version range and reason accepted: far beyond any real one, short enough to quote. */
const MAX_RANGE_LENGTH = 1000;
const MAX_REASON_LENGTH = 500;

/** Reads one entry of a list at `path`, recording problems; undefined when it has any. */
type EntryParser<T> = (entry: JsonObject, path: string, problems: Problems) => T | undefined;

/** The entries of the list under `key` (absent: none), each parsed by `parseEntry`; frozen. */
export function parseList<T>(settings: JsonObject, key: string, parseEntry: EntryParser<T>, problems: Problems): readonly T[] {
  const list = settings[key];
  if (list === undefined) return Object.freeze([]);
  if (!Array.isArray(list)) {
    problems.push(`${key}: expected an array, found ${describeValue(list)}`);
    return Object.freeze([]);
  }
  const parsed: T[] = [];
  list.forEach((entry: unknown, index) => {
    const path = `${key}[${index}]`;
    if (!isJsonObject(entry)) problems.push(`${path}: expected an object, found ${describeValue(entry)}`);
    else {
      const rule = parseEntry(entry, path, problems);
      if (rule !== undefined) parsed.push(Object.freeze(rule));
    }
  });
  return Object.freeze(parsed);
}

/** The `ecosystem` and `package` every entry has: the pattern, checked in its ecosystem. */
function readPattern(entry: JsonObject, path: string, problems: Problems): NamePattern | undefined {
  const ecosystem = readChoice<Ecosystem>(entry.ecosystem, `${path}.ecosystem`, ECOSYSTEMS, problems);
  const text = readText(entry.package, `${path}.package`, MAX_PATTERN_LENGTH, problems);
  if (ecosystem === undefined || text === undefined) return undefined;
  const pattern = packageNamePattern(ecosystem, text);
  if (pattern.ok) return pattern.value;
  problems.push(`${path}.package: ${pattern.error}`);
  return undefined;
}

/** A `modes` entry: `{ecosystem, package, mode}`. */
export const parseModeRule: EntryParser<ModeRule> = (entry, path, problems) => {
  refuseUnknownKeys(path, entry, ['ecosystem', 'package', 'mode'], problems);
  const pattern = readPattern(entry, path, problems);
  const mode = readChoice(entry.mode, `${path}.mode`, MODES, problems);
  return pattern === undefined || mode === undefined ? undefined : { package: pattern, mode };
};

/** An `allow` or `deny` entry: `{ecosystem, package, versions?, reason}`, the range checked in the ecosystem's syntax. */
export const parseVersionRule: EntryParser<VersionRule> = (entry, path, problems) => {
  refuseUnknownKeys(path, entry, ['ecosystem', 'package', 'versions', 'reason'], problems);
  const pattern = readPattern(entry, path, problems);
  const reason = readText(entry.reason, `${path}.reason`, MAX_REASON_LENGTH, problems);
  if (entry.versions === undefined) return pattern === undefined || reason === undefined ? undefined : { package: pattern, reason };
  const range = readText(entry.versions, `${path}.versions`, MAX_RANGE_LENGTH, problems);
  if (range === undefined || pattern === undefined) return undefined;
  const checked = versionScheme(pattern.ecosystem).checkRange(range);
  if (!checked.ok) problems.push(`${path}.versions: ${checked.error}`);
  return !checked.ok || reason === undefined ? undefined : { package: pattern, versions: range, reason };
};

/** An `internal` entry: `{ecosystem, package}`. */
export const parseInternalRule: EntryParser<InternalRule> = (entry, path, problems) => {
  refuseUnknownKeys(path, entry, ['ecosystem', 'package'], problems);
  const pattern = readPattern(entry, path, problems);
  return pattern === undefined ? undefined : { package: pattern };
};

/** Records a problem for each mode entry with the same pattern as an earlier one: which would win is not clear. */
export function refuseDuplicateModes(modes: readonly ModeRule[], problems: Problems): void {
  const seen = new Map<string, number>();
  modes.forEach((rule, index) => {
    const key = `${rule.package.ecosystem} ${rule.package.text}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else problems.push(`modes[${index}]: same ecosystem and package as modes[${first}]`);
  });
}
