import { checkVersion, ecosystemFromOsvName, normalizePackageName, printable, type Ecosystem } from '@palisade/core';
import type { AffectedPackage, OsvEvent, OsvRange } from './osv-types.ts';

const EVENT_KINDS = ['introduced', 'fixed', 'last_affected', 'limit'] as const;

/** What reading one `affected[]` entry gave: a package, a skip (other ecosystem), or a problem. */
export type AffectedEntry =
  | { readonly kind: 'package'; readonly value: AffectedPackage; readonly warnings: readonly string[] }
  | { readonly kind: 'other-ecosystem'; readonly ecosystem: string }
  | { readonly kind: 'invalid'; readonly reason: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * OSV writes Go versions without the "v" the go command uses; the index keeps every
 * version in its ecosystem's own spelling so that it compares with what clients ask for.
 */
export function toEcosystemVersion(ecosystem: Ecosystem, version: string): string {
  return ecosystem === 'go' && version !== '0' && !version.startsWith('v') ? `v${version}` : version;
}

function parseEvent(event: unknown, ecosystem: Ecosystem, warnings: string[]): OsvEvent | undefined {
  if (!isRecord(event)) return undefined;
  const keys = Object.keys(event);
  const kind = EVENT_KINDS.find((candidate) => candidate === keys[0]);
  const raw = kind === undefined ? undefined : event[kind];
  if (keys.length !== 1 || kind === undefined || typeof raw !== 'string' || raw === '') {
    warnings.push(`ignored malformed range event ${printable(JSON.stringify(event))}`);
    return undefined;
  }
  const version = toEcosystemVersion(ecosystem, raw);
  const special = (kind === 'introduced' && raw === '0') || (kind === 'limit' && raw.includes('*'));
  if (!special && !checkVersion(ecosystem, version).ok) {
    warnings.push(`range event ${kind} "${printable(raw)}" is not a valid ${ecosystem} version (read conservatively)`);
  }
  return { kind, version };
}

function parseRange(range: unknown, ecosystem: Ecosystem, warnings: string[]): OsvRange | undefined {
  if (!isRecord(range) || !Array.isArray(range['events'])) {
    warnings.push('ignored a range without events');
    return undefined;
  }
  const type = range['type'];
  if (type !== 'SEMVER' && type !== 'ECOSYSTEM') {
    warnings.push(`ignored a range of type ${printable(String(type))}`);
    return undefined;
  }
  const events = range['events'].flatMap((event) => parseEvent(event, ecosystem, warnings) ?? []);
  if (!events.some((event) => event.kind === 'introduced')) {
    warnings.push('ignored a range with no "introduced" event');
    return undefined;
  }
  return { type, events };
}

/** Reads one `affected[]` entry. Ranges and versions that cannot be used are dropped with a warning. */
export function parseAffected(entry: unknown): AffectedEntry {
  if (!isRecord(entry) || !isRecord(entry['package'])) return { kind: 'invalid', reason: 'an affected entry has no package' };
  const { ecosystem: osvName, name: rawName } = entry['package'];
  if (typeof osvName !== 'string' || typeof rawName !== 'string') {
    return { kind: 'invalid', reason: 'an affected package has no ecosystem or name' };
  }
  const ecosystem = ecosystemFromOsvName(osvName);
  if (ecosystem === undefined) return { kind: 'other-ecosystem', ecosystem: osvName };
  const name = normalizePackageName(ecosystem, rawName);
  if (!name.ok) return { kind: 'invalid', reason: name.error };

  const warnings: string[] = [];
  const rawVersions = entry['versions'] ?? [];
  const rawRanges = entry['ranges'] ?? [];
  if (!Array.isArray(rawVersions) || !Array.isArray(rawRanges)) {
    return { kind: 'invalid', reason: `"versions" and "ranges" of ${name.value} must be arrays` };
  }
  const versions = rawVersions.flatMap((version) => {
    if (typeof version === 'string' && version !== '') return [toEcosystemVersion(ecosystem, version)];
    warnings.push(`ignored version entry ${printable(JSON.stringify(version) ?? String(version))}`);
    return [];
  });
  const ranges = rawRanges.flatMap((range) => parseRange(range, ecosystem, warnings) ?? []);
  if (versions.length === 0 && ranges.length === 0) {
    return { kind: 'invalid', reason: `no usable versions or ranges for ${name.value}` };
  }
  return { kind: 'package', value: { ecosystem, name: name.value, versions, ranges }, warnings };
}
