import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSnapshot, readReportDirectory, snapshotFileIn } from '@palisade/malicious-db';
import http from 'isomorphic-git/http/node';
import { runSync, summaryOf } from './sync-run.ts';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/malicious-packages/', import.meta.url));
const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-sync-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('runSync from a folder', { timeout: 60_000 }, () => {
  it('writes the snapshot the proxy reads, with every report of the folder, and sums the run up', async () => {
    const events: string[] = [];
    const result = await runSync({ source: { kind: 'folder', path: FIXTURES }, dataDir: dir, once: true, intervalMs: 60_000 }, { log: (event) => events.push(event), http, progressEveryMs: 0 });
    if (!result.ok) throw new Error(result.error);
    const expected = await readReportDirectory(FIXTURES);
    if (!expected.ok) throw new Error(expected.error);
    const loaded = await loadSnapshot(snapshotFileIn(dir));
    if (!loaded.ok) throw new Error(loaded.error);
    expect(loaded.value.index.size).toBe(expected.value.index.size);
    expect(summaryOf(result.value)).toMatchObject({ reports: expected.value.index.size, fullRebuild: true });
    expect(events.length).toBeGreaterThan(0);
  });

  it('keeps the last good snapshot when the source breaks', async () => {
    const folder = join(dir, 'feed');
    await cp(FIXTURES, folder, { recursive: true });
    const options = { source: { kind: 'folder' as const, path: folder }, dataDir: join(dir, 'data'), once: true, intervalMs: 60_000 };
    expect((await runSync(options, { log: () => undefined, http })).ok).toBe(true);
    const before = await readFile(snapshotFileIn(options.dataDir));
    await rm(join(folder, 'osv'), { recursive: true });
    await writeFile(join(folder, 'README'), 'emptied');
    const broken = await runSync(options, { log: () => undefined, http });
    expect(broken.ok).toBe(false);
    expect((await readFile(snapshotFileIn(options.dataDir))).equals(before)).toBe(true);
  });
});

describe('the sync command', { timeout: 60_000 }, () => {
  const run = (args: string[]) => promisify(execFile)(process.execPath, [MAIN, ...args], { env: { PATH: process.env.PATH ?? '' } }).then(
    (done) => ({ code: 0, stderr: done.stderr }),
    (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
  );

  it('runs once from a folder and ends with a summary line; a bad source exits 1, a bad option 2', async () => {
    const ok = await run(['--once', '--source', FIXTURES, '--data-dir', dir]);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(/"event":"sync-finished".*"reports":\d+/);
    const failed = await run(['--once', '--source', join(dir, 'missing'), '--data-dir', dir]);
    expect([failed.code, failed.stderr.includes('"event":"sync-failed"')]).toEqual([1, true]);
    expect((await run(['--interval', 'soon'])).code).toBe(2);
  });
});
