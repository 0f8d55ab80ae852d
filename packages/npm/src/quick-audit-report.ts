import {
  advisoryTitle,
  advisoryUrl,
  displayText,
  exactRange,
  flaggedReports,
  isSameAdvisory,
  type AuditFinding,
  type FlaggedReport,
} from './audit-finding.ts';
import { isJsonObject, type JsonObject } from './json-object.ts';

const SEVERITIES = ['info', 'low', 'moderate', 'high', 'critical'] as const;

/**
 * The answer to pnpm's `POST /-/npm/v1/security/audits[/quick]` (npm's legacy audit
 * report): our findings as critical advisories carrying every field `pnpm audit` reads
 * (severity, title, module_name, vulnerable_versions, patched_versions, findings with
 * version and paths, url, cves, github_advisory_id), merged with upstream's report when
 * it is one (its advisories, actions and muted kept; an advisory of ours with an id or
 * url upstream already has is left out). Vulnerability counts are recomputed over the
 * merged advisories; dependency counts are upstream's when it gives them, else
 * `dependencyCount` (all counted as production dependencies).
 */
export function quickAuditReport(findings: readonly AuditFinding[], upstream: unknown, dependencyCount: number): JsonObject {
  const base = isJsonObject(upstream) && isJsonObject(upstream['advisories']) ? upstream : {};
  const advisories: JsonObject = isJsonObject(base['advisories']) ? { ...base['advisories'] } : {};
  const upstreamAdvisories = Object.values(advisories);
  for (const report of flaggedReports(findings)) {
    const url = advisoryUrl(report.reason);
    const known = upstreamAdvisories.some((other) => isSameAdvisory(other, report.id, url));
    if (!known) advisories[String(report.id)] = legacyAdvisory(report);
  }
  const metadata = isJsonObject(base['metadata']) ? base['metadata'] : {};
  const count = (key: string, fallback: number) => (typeof metadata[key] === 'number' ? metadata[key] : fallback);
  return {
    actions: Array.isArray(base['actions']) ? base['actions'] : [],
    advisories,
    muted: Array.isArray(base['muted']) ? base['muted'] : [],
    metadata: {
      vulnerabilities: vulnerabilityCounts(advisories),
      dependencies: count('dependencies', dependencyCount),
      devDependencies: count('devDependencies', 0),
      optionalDependencies: count('optionalDependencies', 0),
      totalDependencies: count('totalDependencies', dependencyCount),
    },
  };
}

/** One advisory in the legacy report's shape. */
function legacyAdvisory(report: FlaggedReport): JsonObject {
  const { name, reason, versions, id } = report;
  const reportId = displayText(reason.id, 100);
  const url = advisoryUrl(reason);
  const range = exactRange(versions);
  return {
    id,
    title: advisoryTitle(reason),
    module_name: name,
    github_advisory_id: reportId,
    cves: [],
    vulnerable_versions: range,
    // No version of a malicious release is "patched": npm's convention for no fix.
    patched_versions: '<0.0.0',
    severity: 'critical',
    url,
    overview: `${displayText(reason.summary) || 'Flagged'}: ${name} ${range} is listed by report ${reportId}.`,
    recommendation: `Remove ${name} ${range} from the dependency tree and check machines where it was installed.`,
    references: url,
    access: 'public',
    cwe: ['CWE-506'],
    cvss: { score: 10, vectorString: null },
    found_by: { name: displayText(reason.rule, 100) },
    findings: versions.map((version) => ({ version, paths: [name], dev: false, optional: false, bundled: false })),
  };
}

/** Per severity, the flagged paths over all advisories (at least one per finding, and per advisory). */
function vulnerabilityCounts(advisories: JsonObject): Record<(typeof SEVERITIES)[number], number> {
  const counts = { info: 0, low: 0, moderate: 0, high: 0, critical: 0 };
  for (const advisory of Object.values(advisories)) {
    if (!isJsonObject(advisory)) continue;
    const severity = SEVERITIES.find((known) => known === advisory['severity']);
    if (severity === undefined) continue;
    const findings: unknown[] = Array.isArray(advisory['findings']) ? advisory['findings'] : [];
    const paths = findings.map((finding) => (isJsonObject(finding) && Array.isArray(finding['paths']) ? finding['paths'].length : 0));
    counts[severity] += Math.max(1, paths.reduce((sum, count) => sum + Math.max(1, count), 0));
  }
  return counts;
}
