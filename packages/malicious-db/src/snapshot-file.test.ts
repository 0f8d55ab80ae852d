import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MaliciousPackageIndex } from './malicious-package-index.ts';
import { loadSnapshot, readSnapshotHeader, saveSnapshot } from './snapshot-file.ts';
import { makeReport } from './testing/reports.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-snapshot-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function sampleIndex(): MaliciousPackageIndex {
  const index = new MaliciousPackageIndex();
  index.add(makeReport('MAL-2025-1', 'npm', '@scope/evil'));
  index.add(makeReport('MAL-2025-2', 'npm', 'partly', { versions: ['1.0.0'], ranges: [[['introduced', '2.0.0'], ['last_affected', '2.1.0']]] }));
  index.add(makeReport('MAL-2025-3', 'pypi', 'bad-tool', { versions: ['8.0'] }));
  index.add(makeReport('MAL-2025-4', 'go', 'github.com/Org/Mod', { ranges: [[['introduced', '0'], ['fixed', 'v1.2.0']], [['introduced', 'v2.0.0'], ['limit', 'v3.0.0']]] }));
  index.add({ ...makeReport('MAL-0000-pending', 'npm', 'unicode-summary'), summary: 'Malicious code in ünïcödé ✓', published: undefined });
  return index;
}

const description = { source: { location: '/data/osv', commit: 'abc123' }, builtAt: new Date('2026-11-01T12:00:00Z'), excluded: { withdrawn: 3, skipped: 2, rejected: 1 } };

describe('snapshots', () => {
  it('load back to an index that answers exactly as the saved one', async () => {
    const file = join(dir, 'db.snapshot');
    const saved = sampleIndex();
    const header = await saveSnapshot(file, saved, description);
    expect(header).toMatchObject({ reports: 5, builtAt: '2026-11-01T12:00:00.000Z', source: { commit: 'abc123' }, excluded: { rejected: 1 } });
    expect(header.counts).toEqual(saved.counts());
    expect(header.counts.npm).toEqual({ reports: 3, packages: 3, whollyMaliciousPackages: 2 });
    const loaded = await loadSnapshot(file);
    if (!loaded.ok) throw new Error(loaded.error);
    expect(loaded.value.header).toEqual(header);
    expect([...loaded.value.index.reports()]).toEqual([...saved.reports()]);
    expect(loaded.value.index.counts()).toEqual(saved.counts());
    for (const [ecosystem, name, version] of [
      ['npm', 'partly', '1.0.0'], ['npm', 'partly', '2.1.0'], ['npm', 'partly', '2.1.1'], ['pypi', 'bad-tool', '8.0.0'],
      ['go', 'github.com/Org/Mod', 'v1.1.0'], ['go', 'github.com/Org/Mod', 'v1.2.0'], ['go', 'github.com/Org/Mod', 'v2.5.0'], ['go', 'github.com/Org/Mod', 'v3.0.0'],
    ] as const) {
      expect(loaded.value.index.findings(ecosystem, name, version)).toEqual(saved.findings(ecosystem, name, version));
    }
  });

  it('give their header alone, without the body, and refuse a file that is not one', async () => {
    const file = join(dir, 'db.snapshot');
    const header = await saveSnapshot(file, sampleIndex(), description);
    expect(await readSnapshotHeader(file)).toEqual({ ok: true, value: header });
    await writeFile(join(dir, 'foreign'), 'not a snapshot\n');
    expect((await readSnapshotHeader(join(dir, 'foreign'))).ok).toBe(false);
    expect((await readSnapshotHeader(join(dir, 'missing'))).ok).toBe(false);
  });

  it('write an empty index too', async () => {
    const file = join(dir, 'empty.snapshot');
    await saveSnapshot(file, new MaliciousPackageIndex(), description);
    const loaded = await loadSnapshot(file);
    expect(loaded.ok && loaded.value.index.size).toBe(0);
  });

  it.each<[string, (bytes: Buffer) => Buffer, RegExp]>([
    ['a flipped byte', (bytes) => { const copy = Buffer.from(bytes); copy.writeUInt8((copy.at(-10) ?? 0) ^ 0x20, copy.length - 10); return copy; }, /SHA-256/],
    ['truncation', (bytes) => bytes.subarray(0, bytes.length - 40), /SHA-256/],
    ['a lost header', (bytes) => bytes.subarray(bytes.indexOf(0x0a) + 1), /not a Palisade|header/],
    ['another format version', (bytes) => Buffer.from(bytes.toString().replace('"version":1', '"version":2')), /format version 2/],
    ['a foreign file', () => Buffer.from('{"hello":"world"}\n'), /not a Palisade/],
    ['an empty file', () => Buffer.alloc(0), /no header/],
  ])('refuse %s with the reason', async (_, damage, reason) => {
    const file = join(dir, 'db.snapshot');
    await saveSnapshot(file, sampleIndex(), description);
    await writeFile(file, damage(await readFile(file)));
    const loaded = await loadSnapshot(file);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.error).toMatch(reason);
  });

  async function writeWithBody(file: string, body: string, reports: number): Promise<void> {
    await saveSnapshot(file, new MaliciousPackageIndex(), description);
    const header = JSON.parse((await readFile(file, 'utf8')).split('\n')[0] as string);
    const bodySha256 = createHash('sha256').update(body).digest('hex');
    await writeFile(file, `${JSON.stringify({ ...header, reports, bodySha256 })}\n${body}`);
  }

  it.each([
    ['an unknown ecosystem', 'MAL-1\tcargo\tx\t1\t["MAL-1",null,null,null,null,[]]\n'],
    ['no package fields', '["MAL-1",null,null,null,null,[]]\n'],
    ['a bad every-version flag', 'MAL-1\tnpm\tx\tyes\t["MAL-1",null,null,null,null,[]]\n'],
    ['no report after the fields', 'MAL-1\tnpm\tx\t1\t\n'],
  ])('refuse a report line with %s, even when the hash matches', async (_, body) => {
    const file = join(dir, 'db.snapshot');
    await writeWithBody(file, body, 1);
    const loaded = await loadSnapshot(file);
    expect(!loaded.ok && loaded.error).toMatch(/line 2 is not a report/);
  });

  it('fail closed on a report that cannot be decoded when first needed: every version of its packages is blocked', async () => {
    const file = join(dir, 'db.snapshot');
    await writeWithBody(file, 'MAL-9\tnpm\tvictim\t0\t["MAL-9",{"broken"\n', 1);
    const loaded = await loadSnapshot(file);
    if (!loaded.ok) throw new Error(loaded.error);
    const [report] = loaded.value.index.findings('npm', 'victim', '1.0.0');
    expect(report?.id).toBe('MAL-9');
    expect(report?.summary).toMatch(/could not be read back from the snapshot/);
    expect(loaded.value.index.isWhollyMalicious('npm', 'victim')).toBe(false);
  });

  it('write reports never decoded since loading back unchanged', async () => {
    const first = join(dir, 'first.snapshot');
    const second = join(dir, 'second.snapshot');
    await saveSnapshot(first, sampleIndex(), description);
    const loaded = await loadSnapshot(first);
    if (!loaded.ok) throw new Error(loaded.error);
    await saveSnapshot(second, loaded.value.index, description);
    expect(await readFile(second, 'utf8')).toBe(await readFile(first, 'utf8'));
  });

  it('report a missing file as a failure', async () => {
    const loaded = await loadSnapshot(join(dir, 'absent.snapshot'));
    expect(!loaded.ok && loaded.error).toMatch(/ENOENT/);
  });

  it('replace the old file atomically: a writer killed at any moment leaves a whole snapshot', async () => {
    const file = join(dir, 'db.snapshot');
    await saveSnapshot(file, sampleIndex(), description);
    const child = fileURLToPath(new URL('./testing/save-snapshots-until-killed.ts', import.meta.url));
    for (const delay of [0, 7, 23, 61]) {
      const writer = spawn(process.execPath, [child, file], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => writer.stdout.once('data', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, delay));
      writer.kill('SIGKILL');
      await new Promise((resolve) => writer.once('exit', resolve));
      const loaded = await loadSnapshot(file);
      if (!loaded.ok) throw new Error(loaded.error);
      expect(loaded.value.index.size % 20_000).toBe(0);
    }
    const leftovers = (await readdir(dir)).filter((name) => name !== 'db.snapshot');
    expect(leftovers.every((name) => name.endsWith('.tmp'))).toBe(true);
  }, 60_000);
});
