import type { Reason, Rule } from '@palisade/core';
import type { MaliciousPackageIndex } from './malicious-package-index.ts';
import type { MaliciousReport } from './osv-types.ts';

export const MALICIOUS_PACKAGE_RULE = 'malicious-package';

const NO_REASONS: readonly Reason[] = Object.freeze([]);
const PUBLISHED_ID = /^MAL-(?!0000-)[0-9]{4}-[0-9]+$/;

/** The public page of a published report; pending reports (`MAL-0000-...`) have none. */
export function osvReportUrl(report: MaliciousReport): string | undefined {
  return PUBLISHED_ID.test(report.id) ? `https://osv.dev/vulnerability/${report.id}` : undefined;
}

export interface MaliciousPackageRuleOptions {
  /** Where a person can read a report; defaults to its OSV page. */
  readonly reportUrl?: (report: MaliciousReport) => string | undefined;
}

/**
 * The policy rule backed by the malicious-package index: one reason per report that
 * affects the requested version (or, without a version, every version).
 */
export function maliciousPackageRule(
  index: MaliciousPackageIndex,
  options: MaliciousPackageRuleOptions = {},
): Rule {
  const reportUrl = options.reportUrl ?? osvReportUrl;
  return {
    name: MALICIOUS_PACKAGE_RULE,
    evaluate(ref) {
      const reports = index.findings(ref.ecosystem, ref.name, ref.version);
      if (reports.length === 0) return NO_REASONS;
      return reports.map((report): Reason => {
        const url = reportUrl(report);
        const reason = { rule: MALICIOUS_PACKAGE_RULE, id: report.id, summary: report.summary };
        return url === undefined ? reason : { ...reason, url };
      });
    },
  };
}
