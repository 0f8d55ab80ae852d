import { describe, expect, it } from 'vitest';
import { applyReportChanges } from './apply-report-changes.ts';
import { MaliciousPackageIndex } from './malicious-package-index.ts';
import { makeReport, osvJson } from './testing/reports.ts';

const npm = (id: string, name: string, versions = ['1.0.0']) => osvJson({ id, affected: [{ package: { ecosystem: 'npm', name }, versions }] });
const path = (id: string, name: string, area = 'malicious') => `osv/${area}/npm/${name}/${id}.json`;

function startingIndex(): MaliciousPackageIndex {
  const index = new MaliciousPackageIndex();
  for (const [id, name] of [['MAL-1', 'one'], ['MAL-2', 'two'], ['MAL-3', 'three'], ['MAL-4', 'four'], ['MAL-5', 'five']] as const) {
    index.add(makeReport(id, 'npm', name, { versions: ['1.0.0'] }));
  }
  return index;
}

describe('applyReportChanges', () => {
  it('adds, replaces and removes reports by id, counting each', () => {
    const index = startingIndex();
    const result = applyReportChanges(index, {
      written: [
        { path: path('MAL-9', 'nine'), text: npm('MAL-9', 'nine') },
        { path: path('MAL-1', 'one'), text: npm('MAL-1', 'one', ['2.0.0']) },
        { path: path('MAL-2', 'two', 'withdrawn'), text: npm('MAL-2', 'two') },
        { path: path('MAL-3', 'three'), text: osvJson({ id: 'MAL-3', withdrawn: '2026-01-01T00:00:00Z' }) },
        { path: path('MAL-5', 'five-renamed'), text: npm('MAL-5', 'five') },
      ],
      removed: [
        { path: path('MAL-2', 'two'), text: npm('MAL-2', 'two') },
        { path: path('MAL-4', 'four'), text: '{ no longer readable' },
        { path: path('MAL-5', 'five'), text: npm('MAL-5', 'five') },
        { path: path('MAL-8', 'eight', 'withdrawn'), text: npm('MAL-8', 'eight') },
      ],
    });
    expect(result).toEqual({ ok: true, value: { added: 1, changed: 2, withdrawn: 3, problems: [] } });
    expect([...index.reports()].map((report) => report.id).sort()).toEqual(['MAL-1', 'MAL-5', 'MAL-9']);
    expect(index.findings('npm', 'one', '2.0.0')).toHaveLength(1);
    expect(index.findings('npm', 'one', '1.0.0')).toHaveLength(0);
  });

  it('removes a report now about another ecosystem only', () => {
    const index = startingIndex();
    const crates = osvJson({ id: 'MAL-1', affected: [{ package: { ecosystem: 'crates.io', name: 'one' }, versions: ['1'] }] });
    const result = applyReportChanges(index, { written: [{ path: path('MAL-1', 'one'), text: crates }], removed: [] });
    expect(result.ok && result.value.withdrawn).toBe(1);
    expect(index.names('npm', 'one')).toBe(false);
  });

  it('fails on a written file it cannot read and leaves the index as it was', () => {
    const index = startingIndex();
    const result = applyReportChanges(index, {
      written: [{ path: path('MAL-9', 'nine'), text: npm('MAL-9', 'nine') }, { path: path('MAL-7', 'bad'), text: '{"id": "MAL-7"' }],
      removed: [{ path: path('MAL-1', 'one'), text: npm('MAL-1', 'one') }],
    });
    expect(result.ok ? 'applied' : result.error).toMatch(/osv\/malicious\/npm\/bad\/MAL-7\.json: not valid JSON/);
    expect(index.size).toBe(5);
    expect(index.get('MAL-9')).toBeUndefined();
  });
});
