import { describe, expect, it } from 'vitest';
import { MaliciousPackageIndex } from './malicious-package-index.ts';
import { makeReport } from './testing/reports.ts';

const ids = (reports: readonly { id: string }[]) => reports.map((report) => report.id);

describe('MaliciousPackageIndex', () => {
  it('counts every report that names a package, for a version and for the package as a whole', () => {
    const index = new MaliciousPackageIndex();
    index.add(makeReport('MAL-1', 'npm', 'evil', { versions: ['1.0.0'] }));
    index.add(makeReport('MAL-2', 'npm', 'evil', { ranges: [[['introduced', '0']]] }));
    index.add(makeReport('MAL-3', 'npm', 'evil', { ranges: [[['introduced', '2.0.0']]] }));
    expect(ids(index.findings('npm', 'evil', '1.0.0'))).toEqual(['MAL-1', 'MAL-2']);
    expect(ids(index.findings('npm', 'evil', '2.1.0'))).toEqual(['MAL-2', 'MAL-3']);
    expect(ids(index.findings('npm', 'evil'))).toEqual(['MAL-2']);
    expect(index.isWhollyMalicious('npm', 'evil')).toBe(true);
  });

  it('keeps ecosystems apart and answers misses with nothing', () => {
    const index = new MaliciousPackageIndex();
    index.add(makeReport('MAL-1', 'pypi', 'requestz'));
    expect(index.findings('npm', 'requestz')).toEqual([]);
    expect(index.findings('pypi', 'requests', '2.0')).toEqual([]);
    expect(index.names('pypi', 'requestz')).toBe(true);
    expect(index.names('go', 'requestz')).toBe(false);
  });

  it('is wholly malicious only when some report affects every version', () => {
    const index = new MaliciousPackageIndex();
    index.add(makeReport('MAL-1', 'npm', 'partly', { ranges: [[['introduced', '0'], ['fixed', '1.0.0']]] }));
    expect(index.isWhollyMalicious('npm', 'partly')).toBe(false);
    expect(index.isWhollyMalicious('npm', 'absent')).toBe(false);
  });

  it('replaces a report added again under the same id, and removes reports', () => {
    const index = new MaliciousPackageIndex();
    index.add(makeReport('MAL-1', 'npm', 'first'));
    index.add(makeReport('MAL-1', 'npm', 'second'));
    expect(index.size).toBe(1);
    expect(index.names('npm', 'first')).toBe(false);
    expect(ids(index.findings('npm', 'second'))).toEqual(['MAL-1']);
    index.add(makeReport('MAL-2', 'npm', 'second', { versions: ['1.0.0'] }));
    expect(index.remove('MAL-1')).toBe(true);
    expect(index.remove('MAL-1')).toBe(false);
    expect(ids(index.findings('npm', 'second', '1.0.0'))).toEqual(['MAL-2']);
    expect(index.remove('MAL-2')).toBe(true);
    expect(index.names('npm', 'second')).toBe(false);
    expect(index.get('MAL-2')).toBeUndefined();
  });

  it('counts reports, packages and wholly malicious packages per ecosystem', () => {
    const index = new MaliciousPackageIndex();
    index.add(makeReport('MAL-1', 'npm', 'a'));
    index.add(makeReport('MAL-2', 'npm', 'a', { versions: ['1.0.0'] }));
    index.add(makeReport('MAL-3', 'npm', 'b', { versions: ['1.0.0'] }));
    index.add(makeReport('MAL-4', 'go', 'example.com/m'));
    expect(index.counts()).toEqual({
      reports: 4,
      npm: { reports: 3, packages: 2, whollyMaliciousPackages: 1 },
      pypi: { reports: 0, packages: 0, whollyMaliciousPackages: 0 },
      go: { reports: 1, packages: 1, whollyMaliciousPackages: 1 },
    });
  });
});
