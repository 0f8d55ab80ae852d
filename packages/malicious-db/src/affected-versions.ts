import { versionScheme, type Ecosystem, type VersionScheme } from '@palisade/core';
import type { AffectedPackage, OsvEvent, OsvRange } from './osv-types.ts';

/** `introduced: "0"` sorts before every version. */
const isZero = (event: OsvEvent) => event.kind === 'introduced' && event.version === '0';

/** Whether a range affects every version: introduced at "0" and never fixed, closed or limited. */
export function affectsEveryVersion(range: OsvRange): boolean {
  return (
    range.events.some(isZero) &&
    range.events.every((event) => event.kind === 'introduced' || (event.kind === 'limit' && event.version.includes('*')))
  );
}

/** A range with its events put in version order once, ready to evaluate many versions. */
interface OrderedRange {
  readonly limits: readonly string[];
  readonly events: readonly OsvEvent[];
}

/**
 * Orders a range's events for evaluation. A bound that is not a valid version is read
 * conservatively: an unreadable `introduced` opens the range from the start, an
 * unreadable `fixed`, `last_affected` or `limit` closes nothing.
 */
function orderRange(scheme: VersionScheme, range: OsvRange): OrderedRange {
  const valid = (event: OsvEvent) => isZero(event) || scheme.check(event.version).ok;
  const limits = range.events
    .filter((event) => event.kind === 'limit' && !event.version.includes('*') && valid(event))
    .map((event) => event.version);
  const events = range.events
    .filter((event) => event.kind !== 'limit' && (event.kind === 'introduced' || valid(event)))
    .map((event) => (valid(event) ? event : { kind: event.kind, version: '0' }))
    .sort((a, b) => (isZero(a) ? (isZero(b) ? 0 : -1) : isZero(b) ? 1 : scheme.compare(a.version, b.version)));
  return { limits, events };
}

/** Evaluates one ordered range exactly as the OSV schema's `IncludedInRanges` does. */
function rangeIncludes(scheme: VersionScheme, version: string, range: OrderedRange): boolean {
  if (range.limits.length > 0 && !range.limits.some((limit) => scheme.compare(version, limit) < 0)) return false;
  let affected = false;
  for (const event of range.events) {
    if (event.kind === 'introduced') {
      if (isZero(event) || scheme.compare(version, event.version) >= 0) affected = true;
    } else if (event.kind === 'fixed') {
      if (scheme.compare(version, event.version) >= 0) affected = false;
    } else if (scheme.compare(version, event.version) > 0) {
      affected = false;
    }
  }
  return affected;
}

/**
 * The versions of one package that one report affects: its `versions` list and its ranges.
 * Every-version reports (most of the database) answer without parsing anything; other
 * reports read their versions on first use.
 */
export class AffectedVersions {
  readonly ecosystem: Ecosystem;
  readonly everyVersion: boolean;
  readonly #versions: readonly string[];
  readonly #ranges: readonly OsvRange[];
  #compiled: { readonly listedKeys: ReadonlySet<string>; readonly ranges: readonly OrderedRange[] } | undefined;

  constructor(affected: AffectedPackage) {
    this.ecosystem = affected.ecosystem;
    this.#versions = affected.versions;
    this.#ranges = affected.ranges;
    this.everyVersion = affected.ranges.some(affectsEveryVersion);
  }

  /**
   * Whether the report affects `version`. A version that the ecosystem cannot order
   * matches only a listed version spelled the same, or an every-version report.
   */
  includes(version: string): boolean {
    if (this.everyVersion || this.#versions.includes(version)) return true;
    const scheme = versionScheme(this.ecosystem);
    const checked = scheme.check(version);
    if (!checked.ok) return false;
    this.#compiled ??= {
      listedKeys: new Set(this.#versions.flatMap((listed) => (scheme.check(listed).ok ? [scheme.key(listed)] : []))),
      ranges: this.#ranges.map((range) => orderRange(scheme, range)),
    };
    if (this.#compiled.listedKeys.has(scheme.key(version))) return true;
    return this.#compiled.ranges.some((range) => rangeIncludes(scheme, checked.value, range));
  }
}
