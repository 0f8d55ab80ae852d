import { describe, expect, it } from 'vitest';
import { advisoryNumber, type AuditFinding } from './audit-finding.ts';
import { quickAuditReport } from './quick-audit-report.ts';

const MAL = { rule: 'malicious-package', id: 'MAL-2025-1234', summary: 'Malicious code in evil (npm)', url: 'https://osv.dev/vulnerability/MAL-2025-1234' };
const FINDINGS: AuditFinding[] = [
  { name: 'evil', version: '1.0.2', reasons: [MAL] },
  { name: 'evil', version: '1.0.1', reasons: [MAL] },
];
const ID = advisoryNumber('MAL-2025-1234', 'evil');

// An advisory as the registry's legacy audit endpoint gives it.
const UPSTREAM_ADVISORY = {
  id: 1096727,
  title: 'Server-Side Request Forgery in Request',
  module_name: 'request',
  severity: 'moderate',
  vulnerable_versions: '<=2.88.2',
  patched_versions: '<0.0.0',
  url: 'https://github.com/advisories/GHSA-p8p7-x288-28g6',
  cves: ['CVE-2023-28155'],
  findings: [{ version: '2.88.2', paths: ['.>request', 'packages__app>request'] }],
};
const UPSTREAM = {
  actions: [{ action: 'review', module: 'request', resolves: [] }],
  advisories: { '1096727': UPSTREAM_ADVISORY },
  muted: [],
  metadata: {
    vulnerabilities: { info: 0, low: 0, moderate: 2, high: 0, critical: 0 },
    dependencies: 40,
    devDependencies: 5,
    optionalDependencies: 1,
    totalDependencies: 46,
  },
};

describe('quickAuditReport', () => {
  it('gives every field pnpm audit reads', () => {
    const report = quickAuditReport(FINDINGS, undefined, 12);
    expect(report).toEqual({
      actions: [],
      advisories: {
        [String(ID)]: {
          id: ID,
          title: 'Malicious code in evil (npm) (MAL-2025-1234)',
          module_name: 'evil',
          github_advisory_id: 'MAL-2025-1234',
          cves: [],
          vulnerable_versions: '1.0.1 || 1.0.2',
          patched_versions: '<0.0.0',
          severity: 'critical',
          url: 'https://osv.dev/vulnerability/MAL-2025-1234',
          overview: 'Malicious code in evil (npm): evil 1.0.1 || 1.0.2 is listed by report MAL-2025-1234.',
          recommendation: 'Remove evil 1.0.1 || 1.0.2 from the dependency tree and check machines where it was installed.',
          references: 'https://osv.dev/vulnerability/MAL-2025-1234',
          access: 'public',
          cwe: ['CWE-506'],
          cvss: { score: 10, vectorString: null },
          found_by: { name: 'malicious-package' },
          findings: [
            { version: '1.0.1', paths: ['evil'], dev: false, optional: false, bundled: false },
            { version: '1.0.2', paths: ['evil'], dev: false, optional: false, bundled: false },
          ],
        },
      },
      muted: [],
      metadata: {
        vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 2 },
        dependencies: 12,
        devDependencies: 0,
        optionalDependencies: 0,
        totalDependencies: 12,
      },
    });
  });

  it("merges with upstream's report and recounts", () => {
    const report = quickAuditReport(FINDINGS, UPSTREAM, 12);
    expect(Object.keys(report['advisories'] as object)).toEqual(['1096727', String(ID)]);
    expect(report['actions']).toEqual(UPSTREAM.actions);
    expect(report['metadata']).toEqual({
      vulnerabilities: { info: 0, low: 0, moderate: 2, high: 0, critical: 2 },
      dependencies: 40,
      devDependencies: 5,
      optionalDependencies: 1,
      totalDependencies: 46,
    });
  });

  it('passes upstream through when we have nothing, and reports nothing when neither has', () => {
    expect(quickAuditReport([], UPSTREAM, 12)).toEqual(UPSTREAM);
    expect((quickAuditReport([], undefined, 3)['metadata'] as Record<string, unknown>)['vulnerabilities']).toEqual({
      info: 0,
      low: 0,
      moderate: 0,
      high: 0,
      critical: 0,
    });
  });

  it('leaves out an advisory upstream already has under the same url', () => {
    const same = { ...UPSTREAM_ADVISORY, id: 7, url: MAL.url };
    const report = quickAuditReport(FINDINGS, { ...UPSTREAM, advisories: { '7': same } }, 1);
    expect(report['advisories']).toEqual({ '7': same });
  });

  it('counts an upstream advisory without findings once', () => {
    const bare = { id: 9, severity: 'high' };
    const report = quickAuditReport([], { advisories: { '9': bare, '10': { severity: 'unknown' }, '11': 'junk' } }, 1);
    expect((report['metadata'] as Record<string, unknown>)['vulnerabilities']).toMatchObject({ high: 1 });
  });

  it.each([
    ['an error body', { error: 'nope' }],
    ['advisories that are not an object', { advisories: [] }],
    ['null', null],
  ])('ignores an upstream answer that is %s', (_case, upstream) => {
    expect(quickAuditReport(FINDINGS, upstream, 12)).toEqual(quickAuditReport(FINDINGS, undefined, 12));
  });

  it('never mutates upstream', () => {
    const upstream = structuredClone(UPSTREAM);
    quickAuditReport(FINDINGS, upstream, 12);
    expect(upstream).toEqual(UPSTREAM);
  });
});
