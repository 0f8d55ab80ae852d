import { describe, expect, it } from 'vitest';
import { advisoryNumber, advisoryTitle, advisoryUrl, displayText, flaggedReports } from './audit-finding.ts';

const reason = (id: string) => ({ rule: 'malicious-package', id, summary: `Malicious code in evil (npm)`, url: `https://osv.dev/vulnerability/${id}` });

describe('advisoryNumber', () => {
  it('is stable, a safe integer and far above the registry ids', () => {
    const id = advisoryNumber('MAL-2025-1234', 'evil');
    expect(id).toBe(advisoryNumber('MAL-2025-1234', 'evil'));
    expect(Number.isSafeInteger(id)).toBe(true);
    expect(id).toBeGreaterThanOrEqual(1e15);
  });

  it('differs between reports and between packages of one report', () => {
    const ids = new Set(['MAL-1', 'MAL-2', 'MAL-3'].flatMap((report) => ['a', 'b'].map((name) => advisoryNumber(report, name))));
    expect(ids.size).toBe(6);
  });
});

describe('flaggedReports', () => {
  it('groups findings per package and report, with versions sorted and normalised', () => {
    const reports = flaggedReports([
      { name: 'evil', version: '1.0.10', reasons: [reason('MAL-1')] },
      { name: 'evil', version: 'v1.0.2', reasons: [reason('MAL-1'), reason('MAL-2')] },
      { name: 'evil', version: '1.0.2', reasons: [reason('MAL-1')] },
      { name: 'other', version: '2.0.0', reasons: [reason('MAL-1')] },
    ]);
    expect(reports.map(({ name, reason: { id }, versions }) => ({ name, id, versions }))).toEqual([
      { name: 'evil', id: 'MAL-1', versions: ['1.0.2', '1.0.10'] },
      { name: 'evil', id: 'MAL-2', versions: ['1.0.2'] },
      { name: 'other', id: 'MAL-1', versions: ['2.0.0'] },
    ]);
    expect(reports[0]?.id).toBe(advisoryNumber('MAL-1', 'evil'));
  });

  it('leaves out versions a range cannot name, and reports left with none', () => {
    expect(flaggedReports([{ name: 'evil', version: 'not-semver', reasons: [reason('MAL-1')] }])).toEqual([]);
  });
});

describe('display text', () => {
  it('strips escape sequences and bidirectional overrides, and shortens', () => {
    expect(displayText('red\u001b[31m text\u202e')).toBe('red [31m text');
    expect(displayText('x'.repeat(300))).toHaveLength(200);
  });

  it('titles name the summary and the report id', () => {
    expect(advisoryTitle(reason('MAL-2025-1234'))).toBe('Malicious code in evil (npm) (MAL-2025-1234)');
    expect(advisoryTitle({ rule: 'r', id: 'MAL-0000-x', summary: '' })).toBe('Flagged by MAL-0000-x');
  });

  it('keeps only http(s) urls', () => {
    expect(advisoryUrl(reason('MAL-1'))).toBe('https://osv.dev/vulnerability/MAL-1');
    expect(advisoryUrl({ rule: 'r', id: 'x', summary: '' })).toBe('');
    expect(advisoryUrl({ rule: 'r', id: 'x', summary: '', url: 'javascript:alert(1)' })).toBe('');
    expect(advisoryUrl({ rule: 'r', id: 'x', summary: '', url: 'https://x.test/a b' })).toBe('');
  });
});
