import { describe, expect, it } from 'vitest';
import { parseReportFile, type ReportFileResult } from './parse-report.ts';
import { osvJson } from './testing/reports.ts';

const PATH = 'osv/malicious/npm/example/MAL-2025-1.json';

function accepted(result: ReportFileResult) {
  if (result.status !== 'accepted') throw new Error(`expected accepted, got ${JSON.stringify(result)}`);
  return result;
}

describe('parseReportFile', () => {
  it('reads id, summary, dates and the affected package', () => {
    const { report, warnings } = accepted(parseReportFile(osvJson({}), PATH));
    expect(report).toMatchObject({
      id: 'MAL-2025-1',
      summary: 'Malicious code in example (npm)',
      path: PATH,
      published: '2025-01-01T00:00:00Z',
      modified: '2025-01-02T00:00:00Z',
    });
    expect(report.packages).toEqual([
      { ecosystem: 'npm', name: 'example', versions: [], ranges: [{ type: 'SEMVER', events: [{ kind: 'introduced', version: '0' }] }] },
    ]);
    expect(warnings).toEqual([]);
  });

  it.each([
    ['{not json', /not valid JSON/],
    ['[]', /not a JSON object/],
    ['null', /not a JSON object/],
    [osvJson({ affected: [] }), /no "affected"/],
    [osvJson({ affected: 'npm' }), /no "affected"/],
    [osvJson({ affected: [{}] }), /no package/],
    [osvJson({ affected: [{ package: { ecosystem: 'npm' } }] }), /no ecosystem or name/],
    [osvJson({ affected: [{ package: { ecosystem: 'npm', name: '../../etc' }, versions: ['1.0.0'] }] }), /not URL-safe/],
    [osvJson({ affected: [{ package: { ecosystem: 'PyPI', name: 'bad name' }, versions: ['1.0'] }] }), /not a valid PyPI project name/],
    [osvJson({ affected: [{ package: { ecosystem: 'Go', name: 'nodot/x' }, versions: ['1.0.0'] }] }), /missing dot/],
    [osvJson({ affected: [{ package: { ecosystem: 'npm', name: 'x' } }] }), /no usable versions or ranges/],
    [osvJson({ affected: [{ package: { ecosystem: 'npm', name: 'x' }, versions: 'all' }] }), /must be arrays/],
    [osvJson({ id: '../../x' }), /unusable report id/],
  ])('rejects %s with a reason', (text, reason) => {
    const result = parseReportFile(text, PATH);
    expect(result.status).toBe('rejected');
    if (result.status === 'rejected') expect(result.reason).toMatch(reason);
  });

  it('takes a pending report (empty id) under its file name', () => {
    const path = 'osv/malicious/pypi/x/MAL-0000-kam193-abc.json';
    expect(accepted(parseReportFile(osvJson({ id: '' }), path)).report.id).toBe('MAL-0000-kam193-abc');
  });

  it('knows withdrawn reports by their field or their folder', () => {
    expect(parseReportFile(osvJson({ withdrawn: '2025-02-01T00:00:00Z' }), PATH)).toEqual({ status: 'withdrawn', id: 'MAL-2025-1' });
    expect(parseReportFile(osvJson({}), 'osv/withdrawn/npm/example/MAL-2025-1.json')).toEqual({ status: 'withdrawn', id: 'MAL-2025-1' });
  });

  it('skips reports about other ecosystems, and keeps only the supported packages of mixed ones', () => {
    const crate = { package: { ecosystem: 'crates.io', name: 'rustdecimal' }, versions: ['1.0.0'] };
    const skipped = parseReportFile(osvJson({ affected: [crate] }), PATH);
    expect(skipped).toEqual({ status: 'skipped', id: 'MAL-2025-1', reason: 'MAL-2025-1 is about another ecosystem (crates.io)' });
    const npm = { package: { ecosystem: 'npm', name: 'x' }, versions: ['1.0.0'] };
    expect(accepted(parseReportFile(osvJson({ affected: [crate, npm] }), PATH)).report.packages.map((p) => p.name)).toEqual(['x']);
  });

  it('normalises PyPI names and puts the v on Go versions', () => {
    const pypi = { package: { ecosystem: 'PyPI', name: 'Costrar_Tools.X' }, versions: ['8.0'] };
    expect(accepted(parseReportFile(osvJson({ affected: [pypi] }), PATH)).report.packages[0]?.name).toBe('costrar-tools-x');
    const go = {
      package: { ecosystem: 'Go', name: 'github.com/Org/Mod' },
      versions: ['1.0.0'],
      ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.2.0' }] }],
    };
    const pkg = accepted(parseReportFile(osvJson({ affected: [go] }), PATH)).report.packages[0];
    expect(pkg?.name).toBe('github.com/Org/Mod');
    expect(pkg?.versions).toEqual(['v1.0.0']);
    expect(pkg?.ranges[0]?.events).toEqual([{ kind: 'introduced', version: '0' }, { kind: 'fixed', version: 'v1.2.0' }]);
  });

  it('drops unusable ranges and events with warnings, keeping the rest', () => {
    const entry = {
      package: { ecosystem: 'npm', name: 'x' },
      versions: ['1.0.0', 7],
      ranges: [
        { type: 'GIT', repo: 'https://example.com/x.git', events: [{ introduced: 'abc' }] },
        { type: 'SEMVER', events: [{ fixed: '1.0.0' }] },
        { type: 'SEMVER', events: [{ introduced: '1.0.0', fixed: '2.0.0' }, { introduced: '3.0.0' }, { fixed: 'not.a.version' }] },
      ],
    };
    const { report, warnings } = accepted(parseReportFile(osvJson({ affected: [entry] }), PATH));
    expect(report.packages[0]?.versions).toEqual(['1.0.0']);
    expect(report.packages[0]?.ranges).toHaveLength(1);
    expect(warnings).toHaveLength(5);
    expect(warnings.join('\n')).toMatch(/type GIT/);
    expect(warnings.join('\n')).toMatch(/no "introduced"/);
    expect(warnings.join('\n')).toMatch(/read conservatively/);
  });

  it('gives a summary when the report has none', () => {
    expect(accepted(parseReportFile(osvJson({ summary: undefined }), PATH)).report.summary).toBe('Malicious code in example (npm)');
  });
});
