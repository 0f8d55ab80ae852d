import { isEcosystem } from '@palisade/core';
import type { AffectedPackage, MaliciousReport, OsvEvent, OsvRange } from './osv-types.ts';

// A snapshot is a header line (JSON object) followed by one JSON array per report, so it
// can be written and read a line at a time. The header carries the SHA-256 of every
// byte after it, which is checked before anything is loaded.

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
  /** Report files read but not indexed, by reason class. */
  readonly excluded: { readonly withdrawn: number; readonly skipped: number; readonly rejected: number };
  readonly bodySha256: string;
}

type EncodedReport = [string, string, string, string | null, string | null, EncodedPackage[]];
type EncodedPackage = [string, string, string[], Array<[string, Array<[string, string]>]>];

export function encodeReport(report: MaliciousReport): string {
  const packages: EncodedPackage[] = report.packages.map((affected) => [
    affected.ecosystem,
    affected.name,
    [...affected.versions],
    affected.ranges.map((range) => [range.type, range.events.map((event) => [event.kind, event.version])]),
  ]);
  const encoded: EncodedReport = [
    report.id,
    report.summary,
    report.path,
    report.published ?? null,
    report.modified ?? null,
    packages,
  ];
  return JSON.stringify(encoded);
}

const isString = (value: unknown): value is string => typeof value === 'string';
const EVENT_KINDS = new Set<string>(['introduced', 'fixed', 'last_affected', 'limit']);

function decodeRange(value: unknown): OsvRange | undefined {
  if (!Array.isArray(value) || (value[0] !== 'SEMVER' && value[0] !== 'ECOSYSTEM') || !Array.isArray(value[1])) return undefined;
  const events: OsvEvent[] = [];
  for (const event of value[1] as unknown[]) {
    if (!Array.isArray(event) || !EVENT_KINDS.has(event[0]) || !isString(event[1])) return undefined;
    events.push({ kind: event[0] as OsvEvent['kind'], version: event[1] });
  }
  return { type: value[0], events };
}

function decodePackage(value: unknown): AffectedPackage | undefined {
  if (!Array.isArray(value) || !isString(value[0]) || !isEcosystem(value[0]) || !isString(value[1])) return undefined;
  const [ecosystem, name, versions, ranges] = value as [typeof value[0], string, unknown, unknown];
  if (!Array.isArray(versions) || !versions.every(isString) || !Array.isArray(ranges)) return undefined;
  const decodedRanges = ranges.map(decodeRange);
  if (decodedRanges.some((range) => range === undefined)) return undefined;
  return { ecosystem, name, versions, ranges: decodedRanges as OsvRange[] };
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
  if (!isString(id) || !isString(summary) || !isString(path) || !Array.isArray(packages)) return undefined;
  if ((published !== null && !isString(published)) || (modified !== null && !isString(modified))) return undefined;
  const decoded = packages.map(decodePackage);
  if (decoded.length === 0 || decoded.some((affected) => affected === undefined)) return undefined;
  return {
    id,
    summary,
    path,
    published: published ?? undefined,
    modified: modified ?? undefined,
    packages: decoded as AffectedPackage[],
  };
}
