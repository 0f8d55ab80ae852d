import { advisoryTitle, advisoryUrl, exactRange, flaggedReports, isSameAdvisory, type AuditFinding } from './audit-finding.ts';
import { isJsonObject } from './json-object.ts';

/** One advisory as npm's bulk advisory endpoint gives it. */
export interface BulkAdvisory {
  readonly id: number;
  readonly url: string;
  readonly title: string;
  readonly severity: 'critical';
  /** The flagged versions asked about, as a semver range: `1.0.1 || 1.0.2`. */
  readonly vulnerable_versions: string;
  /** CWE-506: Embedded Malicious Code. */
  readonly cwe: readonly string[];
  readonly cvss: { readonly score: number; readonly vectorString: string | null };
}

/**
 * The answer to `POST /-/npm/v1/security/advisories/bulk` for our findings: per package
 * name, one critical advisory per report id naming the flagged versions asked about.
 */
export function bulkAdvisories(findings: readonly AuditFinding[]): Record<string, BulkAdvisory[]> {
  const byPackage = new Map<string, BulkAdvisory[]>();
  for (const report of flaggedReports(findings)) {
    const advisory: BulkAdvisory = {
      id: report.id,
      url: advisoryUrl(report.reason),
      title: advisoryTitle(report.reason),
      severity: 'critical',
      vulnerable_versions: exactRange(report.versions),
      cwe: ['CWE-506'],
      cvss: { score: 10, vectorString: null },
    };
    const list = byPackage.get(report.name);
    if (list === undefined) byPackage.set(report.name, [advisory]);
    else list.push(advisory);
  }
  return Object.fromEntries(byPackage);
}

/**
 * Upstream's bulk answer (used when it is an object of lists; its entries are kept as
 * given) with ours added, except where upstream already has an advisory with the same id
 * or the same (non-empty) url for that package.
 */
export function mergeBulkAdvisories(
  upstream: unknown,
  own: Readonly<Record<string, readonly BulkAdvisory[]>>,
): Record<string, unknown[]> {
  const merged = new Map<string, unknown[]>();
  if (isJsonObject(upstream)) {
    for (const [name, advisories] of Object.entries(upstream)) {
      if (Array.isArray(advisories)) merged.set(name, [...advisories]);
    }
  }
  for (const [name, advisories] of Object.entries(own)) {
    const list = merged.get(name) ?? [];
    merged.set(name, list);
    for (const advisory of advisories) {
      if (!list.some((existing) => isSameAdvisory(existing, advisory.id, advisory.url))) list.push(advisory);
    }
  }
  return Object.fromEntries(merged);
}
