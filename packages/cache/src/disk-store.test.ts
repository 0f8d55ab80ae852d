import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskStore } from './disk-store.ts';
import { describeCacheStore } from './testing/cache-store-suite.ts';

describeCacheStore('disk', async () => {
  const root = await mkdtemp(join(tmpdir(), 'palisade-disk-'));
  return { store: await DiskStore.open({ root, maxBytes: 1 << 30 }), close: () => rm(root, { recursive: true, force: true }) };
});

describeCacheStore('disk (bodies streamed, not read whole)', async () => {
  const root = await mkdtemp(join(tmpdir(), 'palisade-disk-'));
  return { store: await DiskStore.open({ root, maxBytes: 1 << 30, inlineBytes: 0 }), close: () => rm(root, { recursive: true, force: true }) };
});
