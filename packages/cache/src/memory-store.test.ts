import { describe, expect, it } from 'vitest';
import { MemoryStore } from './memory-store.ts';
import { describeCacheStore } from './testing/cache-store-suite.ts';
import { bodyOf, bytesOf, chunked, info, key } from './testing/entries.ts';

describeCacheStore('memory', async () => ({ store: new MemoryStore({ maxBytes: 1 << 20 }), close: async () => {} }));

describe('memory store bound', () => {
  it('evicts the least recently used entries to stay within its bytes', async () => {
    const store = new MemoryStore({ maxBytes: 3 * (1000 + 512), maxEntryBytes: 2000 });
    for (const name of ['a', 'b', 'c']) await store.put(info(key(name)), bytesOf(name.repeat(1000)));
    await store.get(key('a'));
    await store.put(info(key('d')), bytesOf('d'.repeat(1000)));
    expect(await store.get(key('b'))).toBeUndefined();
    expect((await bodyOf(await store.get(key('a')))).length).toBe(1000);
    expect(store.stats()).toMatchObject({ entries: 3, bytes: 3000, evictions: 1 });
  });

  it('checks but does not hold a body larger than its entry limit, and forgets an older copy', async () => {
    const store = new MemoryStore({ maxBytes: 10_000, maxEntryBytes: 100 });
    await store.put(info(key('big')), bytesOf('small'));
    const put = await store.put(info(key('big')), chunked(bytesOf('x'.repeat(500)), 64));
    expect(put.ok && put.value.size).toBe(500);
    expect(await store.get(key('big'))).toBeUndefined();
  });

  it('holds an entry as large as its limit allows, counting its bookkeeping in the bound', async () => {
    const store = new MemoryStore({ maxBytes: 1000, maxEntryBytes: 1000 });
    expect(store.maxEntryBytes).toBe(488);
    await store.put(info(key('fits')), bytesOf('f'.repeat(488)));
    expect((await bodyOf(await store.get(key('fits')))).length).toBe(488);
    await store.put(info(key('fits')), bytesOf('f'.repeat(900)));
    expect(await store.get(key('fits'))).toBeUndefined();
    expect(await store.purgePackage('npm', 'fits')).toBe(0);
  });
});
