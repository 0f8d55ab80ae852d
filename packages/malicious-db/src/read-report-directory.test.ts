import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readReportDirectory } from './read-report-directory.ts';
import { osvJson } from './testing/reports.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'palisade-reports-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function put(path: string, text: string): Promise<void> {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), text);
}

const npmReport = (id: string, name: string) =>
  osvJson({ id, affected: [{ package: { ecosystem: 'npm', name }, versions: ['1.0.0'] }] });

describe('readReportDirectory', () => {
  it('indexes reports, counts what it leaves out, and says why it rejected a file', async () => {
    await put('osv/malicious/npm/a/MAL-2025-1.json', npmReport('MAL-2025-1', 'a'));
    await put('osv/malicious/npm/b/MAL-2025-2.json', '{ truncated');
    await put('osv/malicious/crates-io/c/MAL-2025-3.json', osvJson({ id: 'MAL-2025-3', affected: [{ package: { ecosystem: 'crates.io', name: 'c' }, versions: ['1'] }] }));
    await put('osv/withdrawn/npm/d/MAL-2025-4.json', npmReport('MAL-2025-4', 'd'));
    await put('osv/withdrawn/README.md', '# not a report');
    const progress: number[] = [];
    const result = await readReportDirectory(root, { concurrency: 2, onProgress: (read) => progress.push(read) });
    if (!result.ok) throw new Error(result.error);
    expect(result.value.index.size).toBe(1);
    expect(result.value.index.findings('npm', 'a', '1.0.0').map((report) => report.id)).toEqual(['MAL-2025-1']);
    expect(result.value.excluded).toEqual({ withdrawn: 1, skipped: 1, rejected: 1 });
    expect(result.value.problems).toEqual([
      { path: 'osv/malicious/npm/b/MAL-2025-2.json', severity: 'rejected', reason: expect.stringMatching(/not valid JSON/) },
    ]);
    expect(progress).toEqual([2, 4]);
  });

  it('does not index a report that is also withdrawn', async () => {
    await put('osv/malicious/npm/a/MAL-2025-1.json', npmReport('MAL-2025-1', 'a'));
    await put('osv/withdrawn/npm/a/MAL-2025-1.json', npmReport('MAL-2025-1', 'a'));
    const result = await readReportDirectory(root);
    expect(result.ok && result.value.index.size).toBe(0);
  });

  it('does not follow symbolic links out of the folder', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'palisade-outside-'));
    try {
      await mkdir(join(outside, 'evil'), { recursive: true });
      await writeFile(join(outside, 'evil', 'MAL-2025-9.json'), npmReport('MAL-2025-9', 'evil'));
      await put('osv/malicious/npm/a/MAL-2025-1.json', npmReport('MAL-2025-1', 'a'));
      await symlink(join(outside, 'evil'), join(root, 'osv/malicious/npm/evil'));
      await symlink(join(outside, 'evil', 'MAL-2025-9.json'), join(root, 'osv/malicious/npm/a/MAL-2025-9.json'));
      const result = await readReportDirectory(root);
      expect(result.ok && [...result.value.index.reports()].map((report) => report.id)).toEqual(['MAL-2025-1']);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('fails on a folder that is not laid out like the repository', async () => {
    const result = await readReportDirectory(root);
    expect(!result.ok && result.error).toMatch(/has no osv\/malicious folder/);
  });
});
