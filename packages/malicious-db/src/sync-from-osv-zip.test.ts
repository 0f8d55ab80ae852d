import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportCollector } from './report-collector.ts';
import { loadSnapshot } from './snapshot-file.ts';
import { syncFromDirectory } from './sync-from-directory.ts';
import { syncFromOsvZip } from './sync-from-osv-zip.ts';
import { FIXTURE_ROOT } from './testing/fixtures.ts';
import { osvJson } from './testing/reports.ts';
import { writeTestZip, type ZipMember } from './testing/zip-writer.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-zip-sync-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every fixture report under osv/malicious, named as an OSV export names them (`<id>.json` at the top). */
function exportMembers(): ZipMember[] {
  const files = readdirSync(join(FIXTURE_ROOT, 'osv/malicious'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return files.map((entry) => ({ name: entry.name, text: readFileSync(join(entry.parentPath, entry.name), 'utf8') }));
}

const others: ZipMember[] = [
  { name: 'GHSA-xxxx-yyyy-zzzz.json', text: osvJson({ id: 'GHSA-xxxx-yyyy-zzzz' }) },
  { name: 'nested/MAL-2099-9.json', text: osvJson({ id: 'MAL-2099-9' }) },
];

async function zipFile(name: string, bytes: Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

describe('syncFromOsvZip', () => {
  it.each([
    ['deflated', {}],
    ['stored', { store: true }],
    ['ZIP64', { zip64: true }],
  ] as const)('indexes the MAL- reports of a %s export and nothing else', async (kind, zipOptions) => {
    const members = exportMembers();
    const expected = new ReportCollector();
    for (const member of members) expected.add(member.name, member.text);
    const want = expected.finish();
    const snapshotFile = join(dir, `${kind}.snapshot`);
    const zipPath = await zipFile(`${kind}.zip`, writeTestZip([...others, ...members], zipOptions));
    const result = await syncFromOsvZip({ zipPath, snapshotFile });
    if (!result.ok) throw new Error(result.error);
    expect(result.value).toMatchObject({ added: want.index.size, fullRebuild: true, snapshot: { source: { location: zipPath }, counts: want.index.counts() } });
    expect(want.index.size).toBeGreaterThan(350);
    const loaded = await loadSnapshot(snapshotFile);
    expect(loaded.ok && [...loaded.value.index.reports()].map((report) => report.id).sort()).toEqual([...want.index.reports()].map((report) => report.id).sort());
    expect(loaded.ok && loaded.value.index.get('GHSA-xxxx-yyyy-zzzz')).toBeUndefined();
    expect(loaded.ok && loaded.value.index.get('MAL-2099-9')).toBeUndefined();
  });

  it('fails on a damaged, foreign or empty archive and leaves the previous snapshot', async () => {
    const snapshotFile = join(dir, 'kept.snapshot');
    const first = await syncFromOsvZip({ zipPath: await zipFile('good.zip', writeTestZip(exportMembers())), snapshotFile });
    expect(first.ok).toBe(true);
    const good = await readFile(snapshotFile);
    const damaged = writeTestZip(exportMembers(), { store: true });
    damaged[2000] = (damaged[2000] ?? 0) ^ 0x20;
    const cases: Array<[string, Buffer, RegExp]> = [
      ['damaged.zip', damaged, /does not match its size and CRC-32/],
      ['foreign.zip', Buffer.from('not a zip archive at all'), /not a zip archive/],
      ['empty.zip', writeTestZip(others), /holds no MAL- reports/],
      ['truncated.zip', writeTestZip(exportMembers()).subarray(0, 5000), /not a zip archive/],
    ];
    for (const [name, bytes, reason] of cases) {
      const result = await syncFromOsvZip({ zipPath: await zipFile(name, bytes), snapshotFile });
      expect(result.ok ? 'synced' : result.error, name).toMatch(reason);
      expect(await readFile(snapshotFile)).toEqual(good);
    }
    const missing = await syncFromOsvZip({ zipPath: join(dir, 'absent.zip'), snapshotFile });
    expect(missing.ok ? 'synced' : missing.error).toMatch(/ENOENT/);
  });
});

describe('syncFromDirectory', () => {
  it('saves the index of a folder in the repository layout as a full build', async () => {
    const snapshotFile = join(dir, 'folder.snapshot');
    const events: string[] = [];
    const result = await syncFromDirectory({ root: FIXTURE_ROOT, snapshotFile, onProgress: (event) => events.push(event.phase) });
    if (!result.ok) throw new Error(result.error);
    expect(result.value).toMatchObject({ added: 368, changed: 0, withdrawn: 0, fullRebuild: true, snapshot: { reports: 368, excluded: { withdrawn: 59, skipped: 8, rejected: 0 } } });
    expect(result.value.commit).toBeUndefined();
    expect(events).toContain('read');
    expect(events.at(-1)).toBe('save');
    const empty = await syncFromDirectory({ root: dir, snapshotFile });
    expect(empty.ok ? 'synced' : empty.error).toMatch(/has no osv\/malicious folder/);
    expect((await loadSnapshot(snapshotFile)).ok && result.value.snapshot.reports).toBe(368);
  });
});
