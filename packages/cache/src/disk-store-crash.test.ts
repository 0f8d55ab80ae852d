import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { DiskStore } from './disk-store.ts';
import { key } from './testing/entries.ts';

const writer = fileURLToPath(new URL('./testing/write-until-killed.ts', import.meta.url));

it('leaves the old entry or the new one, never a torn one, when the writer is killed at any moment', async () => {
  const root = await mkdtemp(join(tmpdir(), 'palisade-crash-'));
  try {
    const seen = new Set<string>();
    for (const delay of [0, 3, 11, 29, 47, 83, 131]) {
      const child = spawn(process.execPath, [writer, root], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));

      const store = await DiskStore.open({ root, maxBytes: 1 << 30 });
      const entry = await store.get(key('pkg', 'tarball'));
      expect(entry).toBeDefined();
      const bytes = Buffer.concat(entry?.chunks ?? []);
      expect(bytes.byteLength).toBe(4 << 20);
      const letter = String.fromCharCode(bytes[0] as number);
      expect(Buffer.from(bytes).equals(Buffer.alloc(4 << 20, letter))).toBe(true);
      expect(store.stats()).toMatchObject({ entries: 1, integrityFailures: 0 });
      seen.add(letter);
      expect(await readdir(join(root, 'tmp'))).toEqual([]);
    }
    expect([...seen].sort()).toEqual(['A', 'B']);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}, 60_000);
