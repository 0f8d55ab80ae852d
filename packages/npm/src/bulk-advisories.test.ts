import { satisfies, validRange } from 'semver';
import { describe, expect, it } from 'vitest';
import { advisoryNumber, type AuditFinding } from './audit-finding.ts';
import { bulkAdvisories, mergeBulkAdvisories } from './bulk-advisories.ts';

const MAL = { rule: 'malicious-package', id: 'MAL-2025-1234', summary: 'Malicious code in evil (npm)', url: 'https://osv.dev/vulnerability/MAL-2025-1234' };
const PENDING = { rule: 'malicious-package', id: 'MAL-0000-kam193-x', summary: 'Malicious code in evil (npm)' };

const FINDINGS: AuditFinding[] = [
  { name: 'evil', version: '1.0.2', reasons: [MAL] },
  { name: 'evil', version: '1.0.1', reasons: [MAL, PENDING] },
  { name: '@scope/bad', version: '3.0.0-rc.1', reasons: [MAL] },
];

describe('bulkAdvisories', () => {
  it("gives npm's bulk shape: one critical advisory per package and report", () => {
    expect(bulkAdvisories(FINDINGS)).toEqual({
      evil: [
        {
          id: advisoryNumber('MAL-2025-1234', 'evil'),
          url: 'https://osv.dev/vulnerability/MAL-2025-1234',
          title: 'Malicious code in evil (npm) (MAL-2025-1234)',
          severity: 'critical',
          vulnerable_versions: '1.0.1 || 1.0.2',
          cwe: ['CWE-506'],
          cvss: { score: 10, vectorString: null },
        },
        {
          id: advisoryNumber('MAL-0000-kam193-x', 'evil'),
          url: '',
          title: 'Malicious code in evil (npm) (MAL-0000-kam193-x)',
          severity: 'critical',
          vulnerable_versions: '1.0.1',
          cwe: ['CWE-506'],
          cvss: { score: 10, vectorString: null },
        },
      ],
      '@scope/bad': [expect.objectContaining({ vulnerable_versions: '3.0.0-rc.1' })],
    });
  });

  it('names exactly the flagged versions in a valid semver range', () => {
    const range = bulkAdvisories(FINDINGS)['evil']?.[0]?.vulnerable_versions ?? '';
    expect(validRange(range)).not.toBeNull();
    expect(['1.0.0', '1.0.1', '1.0.2', '1.0.3', '1.0.2-rc.1'].filter((version) => satisfies(version, range))).toEqual([
      '1.0.1',
      '1.0.2',
    ]);
    const prerelease = bulkAdvisories(FINDINGS)['@scope/bad']?.[0]?.vulnerable_versions ?? '';
    expect(satisfies('3.0.0-rc.1', prerelease)).toBe(true);
  });

  it('gives an empty answer for no findings', () => {
    expect(bulkAdvisories([])).toEqual({});
  });
});

describe('mergeBulkAdvisories', () => {
  const own = bulkAdvisories(FINDINGS);
  const ghsa = { id: 1096727, url: 'https://github.com/advisories/GHSA-p8p7-x288-28g6', title: 'SSRF', severity: 'moderate' };

  it("adds ours to upstream's", () => {
    const merged = mergeBulkAdvisories({ request: [ghsa], evil: [ghsa] }, own);
    expect(merged['request']).toEqual([ghsa]);
    expect(merged['evil']).toEqual([ghsa, ...(own['evil'] ?? [])]);
    expect(merged['@scope/bad']).toEqual(own['@scope/bad']);
  });

  it('does not repeat an advisory upstream already has, by id or by url', () => {
    const [first, second] = own['evil'] ?? [];
    const sameUrl = { id: 1, url: first?.url };
    expect(mergeBulkAdvisories({ evil: [sameUrl] }, own)['evil']).toEqual([sameUrl, second]);
    const sameId = { id: second?.id, url: 'https://elsewhere.test' };
    expect(mergeBulkAdvisories({ evil: [sameId] }, own)['evil']).toEqual([sameId, first]);
  });

  it('does not take an empty url for a match', () => {
    const noUrl = { id: 2, url: '' };
    expect(mergeBulkAdvisories({ evil: [noUrl] }, own)['evil']).toHaveLength(3);
  });

  it.each([
    ['no upstream answer', undefined],
    ['an upstream error body', { error: 'bad gateway' }],
    ['an upstream array', [ghsa]],
    ['upstream null', null],
  ])("gives ours alone for %s", (_case, upstream) => {
    expect(mergeBulkAdvisories(upstream, own)).toEqual(own);
  });

  it('never mutates upstream', () => {
    const upstream = { evil: [ghsa] };
    mergeBulkAdvisories(upstream, own);
    expect(upstream).toEqual({ evil: [ghsa] });
  });
});
