import { decide, describeDecision } from '@palisade/core';
import { describe, expect, it } from 'vitest';
import { MaliciousPackageIndex } from './malicious-package-index.ts';
import { maliciousPackageRule } from './malicious-package-rule.ts';
import { makeReport } from './testing/reports.ts';

const index = new MaliciousPackageIndex();
index.add(makeReport('MAL-2024-1234', 'npm', 'evil'));
index.add(makeReport('MAL-0000-kam193-abc', 'npm', 'evil'));
index.add(makeReport('MAL-2024-99', 'npm', 'partly', { versions: ['1.0.0'] }));

describe('maliciousPackageRule', () => {
  it('gives one reason per report, with its id, summary and OSV page', () => {
    expect(maliciousPackageRule(index).evaluate({ ecosystem: 'npm', name: 'evil', version: '2.0.0' })).toEqual([
      { rule: 'malicious-package', id: 'MAL-2024-1234', summary: 'Malicious code in evil (npm)', url: 'https://osv.dev/vulnerability/MAL-2024-1234' },
      { rule: 'malicious-package', id: 'MAL-0000-kam193-abc', summary: 'Malicious code in evil (npm)' },
    ]);
  });

  it('takes another address for reports', () => {
    const rule = maliciousPackageRule(index, { reportUrl: (report) => `https://mirror.example/${report.path}` });
    expect(rule.evaluate({ ecosystem: 'npm', name: 'partly', version: '1.0.0' })[0]?.url).toBe(
      'https://mirror.example/osv/malicious/npm/partly/MAL-2024-99.json',
    );
  });

  it('drives the policy engine: deny in enforce, audit in audit, nothing for safe versions or other packages', () => {
    const rules = [maliciousPackageRule(index)];
    const bad = { ecosystem: 'npm', name: 'partly', version: '1.0.0' } as const;
    expect(decide(bad, { mode: 'enforce', rules }).outcome).toBe('deny');
    expect(describeDecision(decide(bad, { mode: 'enforce', rules }))).toBe('npm package partly@1.0.0 blocked: MAL-2024-99');
    expect(decide(bad, { mode: 'audit', rules }).outcome).toBe('audit');
    expect(decide({ ...bad, version: '1.0.1' }, { mode: 'enforce', rules }).outcome).toBe('allow');
    expect(decide({ ecosystem: 'npm', name: 'partly' }, { mode: 'enforce', rules }).outcome).toBe('allow');
    expect(decide({ ecosystem: 'pypi', name: 'evil' }, { mode: 'enforce', rules }).outcome).toBe('allow');
  });
});
