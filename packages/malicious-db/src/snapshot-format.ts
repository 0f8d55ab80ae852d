import { isEcosystem, osvEcosystemName, type Ecosystem } from '@palisade/core';
import type { IndexCounts } from './malicious-package-index.ts';
import type { AffectedPackage, MaliciousReport, OsvEvent, OsvRange } from './osv-types.ts';

// A snapshot is a header line (JSON object) followed by one line per report, so it can be
// written and read a line at a time. The header carries the SHA-256 of every byte after
// it, which is checked before anything is loaded. A report line is tab-separated:
//
//   id  ecosystem  name  everyVersion(0|1)  [ecosystem  name  everyVersion ...]  report-JSON
//
// so that loading indexes every package name without parsing any JSON; the JSON (a
// compact array, see encodeReport) is decoded when a lookup first needs the report. No
// field before the JSON can hold a tab: ids, ecosystems and package names are checked.

export const SNAPSHOT_FORMAT = 'palisade-malicious-db-snapshot';
export const SNAPSHOT_VERSION = 1;

/** Where the reports came from and what building the snapshot saw. */
export interface SnapshotSource {
  /** A folder, git URL or archive the reports were read from. */
  readonly location: string;
  /** The source commit the reports reflect, when the source is a git repository. */
  readonly commit?: string;
}

export interface SnapshotHeader {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly version: typeof SNAPSHOT_VERSION;
  readonly source: SnapshotSource;
  /** ISO 8601 time the snapshot was built. */
  readonly builtAt: string;
  readonly reports: number;
  /** Reports, packages and wholly malicious packages per ecosystem. */
  readonly counts: IndexCounts;
  /** Report files read but not indexed, by reason class. */
  readonly excluded: { readonly withdrawn: number; readonly skipped: number; readonly rejected: number };
  readonly bodySha256: string;
}

type EncodedReport = [string, string | null, string | null, string | null, string | null, EncodedPackage[]];
type EncodedPackage = [string, string, string[], Array<[string, Array<[string, string]>]>];

/** The summary and path most reports have, derived from their id and first package. */
function usualSummaryAndPath(id: string, packages: readonly AffectedPackage[]): [string, string] {
  const first = packages[0];
  if (first === undefined) return ['', ''];
  return [`Malicious code in ${first.name} (${osvEcosystemName(first.ecosystem)})`, `osv/malicious/${first.ecosystem}/${first.name}/${id}.json`];
}

export function encodeReport(report: MaliciousReport): string {
  const packages: EncodedPackage[] = report.packages.map((affected) => [
    affected.ecosystem,
    affected.name,
    [...affected.versions],
    affected.ranges.map((range) => [range.type, range.events.map((event) => [event.kind, event.version])]),
  ]);
  const [summary, path] = usualSummaryAndPath(report.id, report.packages);
  const encoded: EncodedReport = [
    report.id,
    report.summary === summary ? null : report.summary,
    report.path === path ? null : report.path,
    report.published ?? null,
    report.modified ?? null,
    packages,
  ];
  return JSON.stringify(encoded);
}

/** A package a report names, with what the index must know without reading the report. */
export interface PackageKey {
  readonly ecosystem: Ecosystem;
  readonly name: string;
  readonly everyVersion: boolean;
}

export function encodeLine(id: string, keys: readonly PackageKey[], encodedReport: string): string {
  const fields = keys.map((key) => `${key.ecosystem}\t${key.name}\t${key.everyVersion ? 1 : 0}`);
  return `${id}\t${fields.join('\t')}\t${encodedReport}`;
}

/** Reads the fields before the JSON of a report line; undefined when they are not what `encodeLine` writes. */
export function decodeLineKeys(fields: readonly string[]): { readonly id: string; readonly keys: PackageKey[] } | undefined {
  const [id, ...rest] = fields;
  if (id === undefined || id === '' || rest.length === 0 || rest.length % 3 !== 0) return undefined;
  const keys: PackageKey[] = [];
  for (let i = 0; i < rest.length; i += 3) {
    const [ecosystem, name, every] = rest.slice(i, i + 3) as [string, string, string];
    if (!isEcosystem(ecosystem) || name === '' || (every !== '0' && every !== '1')) return undefined;
    keys.push({ ecosystem, name, everyVersion: every === '1' });
  }
  return { id, keys };
}

const isString = (value: unknown): value is string => typeof value === 'string';
const EVENT_KINDS = new Set<string>(['introduced', 'fixed', 'last_affected', 'limit']);
const NO_VERSIONS: readonly string[] = Object.freeze([]);

/** The all-versions range, one shared copy per range type. */
export const EVERY_VERSION = {
  SEMVER: Object.freeze({ type: 'SEMVER', events: Object.freeze([Object.freeze({ kind: 'introduced', version: '0' })]) }),
  ECOSYSTEM: Object.freeze({ type: 'ECOSYSTEM', events: Object.freeze([Object.freeze({ kind: 'introduced', version: '0' })]) }),
} as const satisfies Record<OsvRange['type'], OsvRange>;

function decodeRange(value: unknown): OsvRange | undefined {
  if (!Array.isArray(value)) return undefined;
  const [type, encodedEvents] = value as unknown[];
  if ((type !== 'SEMVER' && type !== 'ECOSYSTEM') || !Array.isArray(encodedEvents)) return undefined;
  const only: unknown = encodedEvents.length === 1 ? encodedEvents[0] : undefined;
  if (Array.isArray(only) && only[0] === 'introduced' && only[1] === '0') return EVERY_VERSION[type];
  const events: OsvEvent[] = [];
  for (const event of encodedEvents as unknown[]) {
    if (!Array.isArray(event) || !EVENT_KINDS.has(event[0]) || !isString(event[1])) return undefined;
    events.push({ kind: event[0] as OsvEvent['kind'], version: event[1] });
  }
  return { type, events };
}

function decodePackage(value: unknown): AffectedPackage | undefined {
  if (!Array.isArray(value) || !isString(value[0]) || !isEcosystem(value[0]) || !isString(value[1])) return undefined;
  const [ecosystem, name, versions, ranges] = value as [typeof value[0], string, unknown, unknown];
  if (!Array.isArray(versions) || !versions.every(isString) || !Array.isArray(ranges)) return undefined;
  const decodedRanges = ranges.map(decodeRange);
  if (decodedRanges.some((range) => range === undefined)) return undefined;
  return { ecosystem, name, versions: versions.length === 0 ? NO_VERSIONS : versions, ranges: decodedRanges as OsvRange[] };
}

/** Decodes one report line; undefined when the line is not a report this format writes. */
export function decodeReport(line: string): MaliciousReport | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== 6) return undefined;
  const [id, summary, path, published, modified, packages] = value as unknown[];
  if (!isString(id) || !Array.isArray(packages)) return undefined;
  if ([summary, path, published, modified].some((field) => field !== null && !isString(field))) return undefined;
  const decoded = packages.map(decodePackage);
  if (decoded.length === 0 || decoded.some((affected) => affected === undefined)) return undefined;
  const [usualSummary, usualPath] = usualSummaryAndPath(id, decoded as AffectedPackage[]);
  return {
    id,
    summary: (summary as string | null) ?? usualSummary,
    path: (path as string | null) ?? usualPath,
    published: (published as string | null) ?? undefined,
    modified: (modified as string | null) ?? undefined,
    packages: decoded as AffectedPackage[],
  };
}
