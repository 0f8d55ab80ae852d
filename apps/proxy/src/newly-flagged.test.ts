import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ecosystem } from '@palisade/core';
import { loadSnapshot, MaliciousPackageIndex, saveSnapshot, type MaliciousReport } from '@palisade/malicious-db';
import { describe, expect, it } from 'vitest';
import { newlyFlaggedPackages } from './newly-flagged.ts';

function report(id: string, packages: readonly [Ecosystem, string, string[]][]): MaliciousReport {
  return {
    id,
    summary: `Malicious code in ${packages[0]?.[1] ?? ''}`,
    path: `osv/malicious/${id}.json`,
    published: undefined,
    modified: undefined,
    packages: packages.map(([ecosystem, name, versions]) => ({ ecosystem, name, versions, ranges: [] })),
  };
}

function indexOf(...reports: MaliciousReport[]): MaliciousPackageIndex {
  const index = new MaliciousPackageIndex();
  for (const added of reports) index.add(added);
  return index;
}

const names = (found: Awaited<ReturnType<typeof newlyFlaggedPackages>>) => found.map(({ ecosystem, name }) => `${ecosystem}/${name}`).sort();

describe('newlyFlaggedPackages', () => {
  const before = indexOf(report('MAL-1', [['npm', 'left', ['1.0.0']]]), report('MAL-2', [['pypi', 'snake', ['2.0']]]), report('MAL-3', [['go', 'example.com/mod', ['v1.0.0']]]));

  it('names nothing when the reports are the same', async () => {
    expect(await newlyFlaggedPackages(before, indexOf(...before.reports()))).toEqual([]);
  });

  it('names the packages of new reports and of changed ones, once each', async () => {
    const after = indexOf(
      report('MAL-1', [['npm', 'left', ['1.0.0', '1.0.1']]]),
      report('MAL-2', [['pypi', 'snake', ['2.0']]]),
      report('MAL-4', [['npm', 'fresh', ['0.1.0']], ['npm', 'left', ['9.9.9']]]),
    );
    expect(names(await newlyFlaggedPackages(before, after))).toEqual(['npm/fresh', 'npm/left']);
  });

  it('does not name a package whose report was only withdrawn', async () => {
    expect(await newlyFlaggedPackages(before, indexOf(report('MAL-1', [['npm', 'left', ['1.0.0']]])))).toEqual([]);
  });

  it('names every package when there was no database before', async () => {
    expect(names(await newlyFlaggedPackages(undefined, before))).toEqual(['go/example.com/mod', 'npm/left', 'pypi/snake']);
  });

  it('goes through a database larger than one slice without missing a report', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => report(`MAL-${i}`, [['npm', `pkg-${i}`, ['1.0.0']]]));
    const grown = indexOf(...many.slice(0, 9_000), report('MAL-9000', [['npm', 'pkg-9000', ['1.0.0', '2.0.0']]]), ...many.slice(9_001), report('MAL-10000', [['go', 'example.com/last', ['v1.0.0']]]));
    expect(names(await newlyFlaggedPackages(indexOf(...many), grown))).toEqual(['go/example.com/last', 'npm/pkg-9000']);
  });

  it('compares a snapshot loaded from disk with the index it was saved from, without decoding reports', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'palisade-flagged-'));
    try {
      const file = join(folder, 'db.snapshot');
      await saveSnapshot(file, before, { source: { location: 'test' }, builtAt: new Date(0) });
      const loaded = await loadSnapshot(file);
      if (!loaded.ok) throw new Error(loaded.error);
      expect(await newlyFlaggedPackages(before, loaded.value.index)).toEqual([]);
      await saveSnapshot(file, indexOf(...before.reports(), report('MAL-5', [['pypi', 'snake', ['3.0']]])), { source: { location: 'test' }, builtAt: new Date(0) });
      const grown = await loadSnapshot(file);
      if (!grown.ok) throw new Error(grown.error);
      expect(names(await newlyFlaggedPackages(loaded.value.index, grown.value.index))).toEqual(['pypi/snake']);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
