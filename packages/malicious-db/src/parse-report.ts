import { osvEcosystemName, printable } from '@palisade/core';
import type { AffectedPackage, MaliciousReport } from './osv-types.ts';
import { parseAffected } from './parse-affected.ts';
import { idFromReportPath, reportArea } from './report-path.ts';

/**
 * What one report file gave: a report to index, a withdrawn report (never blocks), a report
 * about ecosystems Palisade does not proxy, or a file that cannot be used, with the reason.
 */
export type ReportFileResult =
  | { readonly status: 'accepted'; readonly report: MaliciousReport; readonly warnings: readonly string[] }
  | { readonly status: 'withdrawn'; readonly id: string }
  | { readonly status: 'skipped'; readonly id: string; readonly reason: string }
  | { readonly status: 'rejected'; readonly reason: string };

const PENDING_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const optionalString = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/**
 * Reads one OSV report file of the OpenSSF malicious-packages repository.
 *
 * @param text the file's contents
 * @param path the file's path in the repository (`osv/malicious/...` or `osv/withdrawn/...`)
 */
export function parseReportFile(text: string, path: string): ReportFileResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { status: 'rejected', reason: `not valid JSON (${(error as Error).message})` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { status: 'rejected', reason: 'not a JSON object' };
  }
  const report = json as Record<string, unknown>;
  const id = optionalString(report['id']) ?? idFromReportPath(path);
  if (!PENDING_ID.test(id)) return { status: 'rejected', reason: `unusable report id "${printable(id)}"` };
  if (report['withdrawn'] !== undefined || reportArea(path) === 'withdrawn') return { status: 'withdrawn', id };

  if (!Array.isArray(report['affected']) || report['affected'].length === 0) {
    return { status: 'rejected', reason: `${id} has no "affected" entries` };
  }
  const packages: AffectedPackage[] = [];
  const warnings: string[] = [];
  const problems: string[] = [];
  const otherEcosystems = new Set<string>();
  for (const entry of report['affected']) {
    const affected = parseAffected(entry);
    if (affected.kind === 'package') {
      packages.push(affected.value);
      warnings.push(...affected.warnings);
    } else if (affected.kind === 'other-ecosystem') {
      otherEcosystems.add(affected.ecosystem);
    } else {
      problems.push(affected.reason);
    }
  }
  if (packages.length === 0 && problems.length > 0) {
    return { status: 'rejected', reason: `${id}: ${problems.join('; ')}` };
  }
  if (packages.length === 0) {
    const names = [...otherEcosystems].map((name) => printable(name)).join(', ');
    return { status: 'skipped', id, reason: `${id} is about another ecosystem (${names})` };
  }
  const first = packages[0] as AffectedPackage;
  return {
    status: 'accepted',
    report: {
      id,
      summary: optionalString(report['summary']) ?? `Malicious code in ${first.name} (${osvEcosystemName(first.ecosystem)})`,
      path,
      published: optionalString(report['published']),
      modified: optionalString(report['modified']),
      packages,
    },
    warnings: [...warnings, ...problems],
  };
}
