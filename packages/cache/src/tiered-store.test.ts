import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiskStore } from './disk-store.ts';
import { MemoryStore } from './memory-store.ts';
import { describeCacheStore } from './testing/cache-store-suite.ts';
import { bodyOf, bytesOf, info, key } from './testing/entries.ts';
import { TieredStore } from './tiered-store.ts';

async function openTiers(memoryBytes = 1 << 20) {
  const root = await mkdtemp(join(tmpdir(), 'palisade-tiered-'));
  const memory = new MemoryStore({ maxBytes: memoryBytes, maxEntryBytes: 1024 });
  const disk = await DiskStore.open({ root, maxBytes: 1 << 30 });
  return { root, memory, disk, store: new TieredStore(memory, disk), close: () => rm(root, { recursive: true, force: true }) };
}

describeCacheStore('memory over disk', openTiers);

describe('memory over disk', () => {
  it('keeps small entries in memory as they are written, and serves them from there', async () => {
    const tiers = await openTiers();
    try {
      await tiers.store.put(info(key('small')), bytesOf('small body'));
      expect(tiers.store.memoryStats().entries).toBe(1);
      const before = tiers.disk.stats().bytesRead;
      expect(await bodyOf(await tiers.store.get(key('small')))).toBe('small body');
      expect(tiers.disk.stats().bytesRead).toBe(before);
    } finally {
      await tiers.close();
    }
  });

  it('leaves large entries on disk and promotes small ones read from disk', async () => {
    const tiers = await openTiers();
    try {
      await tiers.store.put(info(key('large')), bytesOf('L'.repeat(5000)));
      expect(tiers.store.memoryStats().entries).toBe(0);
      await tiers.disk.put(info(key('cold')), bytesOf('cold body'));
      expect(await bodyOf(await tiers.store.get(key('cold')))).toBe('cold body');
      expect(tiers.store.memoryStats().entries).toBe(1);
    } finally {
      await tiers.close();
    }
  });

  it('refreshes and purges both tiers', async () => {
    const tiers = await openTiers();
    try {
      await tiers.store.put(info(key('pkg')), bytesOf('body'));
      await tiers.store.refresh(key('pkg'), { storedAt: 9_000 });
      expect((await tiers.memory.get(key('pkg')))?.meta.storedAt).toBe(9_000);
      expect((await tiers.disk.get(key('pkg')))?.meta.storedAt).toBe(9_000);
      expect(await tiers.store.purgePackage('npm', 'pkg')).toBe(1);
      expect(await tiers.memory.get(key('pkg'))).toBeUndefined();
      expect(await tiers.disk.get(key('pkg'))).toBeUndefined();
    } finally {
      await tiers.close();
    }
  });
});
