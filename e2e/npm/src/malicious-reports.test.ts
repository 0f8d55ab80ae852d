import { readReportDirectory } from '@palisade/malicious-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReports } from './malicious-reports.ts';
import { createTempFolder } from '@palisade/e2e-support';
import type { TempFolder } from '@palisade/e2e-support';

// The reports the scenarios flag packages with must be read by the same reader the proxy uses.
describe('fixture malicious-package reports', () => {
  let temp: TempFolder;

  beforeAll(async () => {
    temp = await createTempFolder('reports');
  });

  afterAll(() => temp.remove());

  it('are accepted without problems by the database reader, flagging exactly what they say', async () => {
    const root = await writeReports(await temp.subfolder('db'), [
      { id: 'MAL-2099-0001', name: 'some-versions', versions: ['1.2.0'] },
      { id: 'MAL-2099-0002', name: '@evil/everything' },
    ]);
    const read = await readReportDirectory(root);
    if (!read.ok) throw new Error(read.error);
    expect(read.value.problems).toEqual([]);
    const { index } = read.value;
    expect(index.findings('npm', 'some-versions', '1.2.0').map((r) => r.id)).toEqual(['MAL-2099-0001']);
    expect(index.findings('npm', 'some-versions', '1.1.0')).toEqual([]);
    expect(index.isWhollyMalicious('npm', '@evil/everything')).toBe(true);
    expect(index.findings('npm', '@evil/everything', '0.0.1').map((r) => r.id)).toEqual(['MAL-2099-0002']);
  });
});
