import { describe, expect, it } from 'vitest';
import { createCache } from './cache.ts';
import type { CacheStore } from './cache-store.ts';
import { MemoryStore } from './memory-store.ts';
import { DEFAULT_TTL_SECONDS, TTL_CLASSES } from './ttl.ts';
import { MINUTE, HOUR, packument, tarball, sha, body, textOf, fakeUpstream, setup } from './testing/cache-fixtures.ts';

describe('createCache: misses, hits and TTL classes', () => {
  it('fetches an absent entry once (MISS), then serves it from the store (HIT)', async () => {
    const { cache, clock } = setup();
    const registry = fakeUpstream(() => body('{"name":"left-pad"}', { etag: '"v1"' }));
    const first = await cache.fetch(packument, 'npm-metadata', registry.upstream);
    const second = await cache.fetch(packument, 'npm-metadata', registry.upstream);
    expect(registry.calls).toEqual([undefined]);
    expect([first.state, first.revalidated, second.state, second.revalidated]).toEqual(['MISS', false, 'HIT', false]);
    expect([textOf(first.entry), textOf(second.entry)]).toEqual(['{"name":"left-pad"}', '{"name":"left-pad"}']);
    expect(second.entry.meta).toEqual({
      key: packument,
      contentType: 'application/json',
      etag: '"v1"',
      lastModified: undefined,
      storedAt: clock.t,
      ttlClass: 'npm-metadata',
      sha256: sha('sha256', '{"name":"left-pad"}'),
      size: 19,
    });
  });

  it('keeps npm metadata fresh for an hour: a hit at 59 minutes, a revalidation at 61', async () => {
    const { cache, advance, prime } = setup();
    await prime(packument, 'v1', { etag: '"v1"' });
    const registry = fakeUpstream(() => ({ kind: 'not-modified' }));
    advance(59 * MINUTE);
    expect((await cache.fetch(packument, 'npm-metadata', registry.upstream)).state).toBe('HIT');
    expect(registry.calls).toEqual([]);
    advance(2 * MINUTE);
    const answer = await cache.fetch(packument, 'npm-metadata', registry.upstream);
    expect([answer.state, answer.revalidated, answer.entry.meta.etag]).toEqual(['HIT', true, '"v1"']);
    expect(registry.calls).toEqual([{ etag: '"v1"' }]);
  });

  it.each(TTL_CLASSES.map((ttlClass) => [ttlClass, DEFAULT_TTL_SECONDS[ttlClass]] as const))(
    '%s stays fresh for its default %i seconds, and not a millisecond longer',
    async (ttlClass, seconds) => {
      const { cache, advance, prime } = setup();
      await prime(tarball, 'bytes', {}, ttlClass);
      const registry = fakeUpstream(() => body('new bytes'));
      advance(seconds * 1000 - 1);
      expect((await cache.fetch(tarball, ttlClass, registry.upstream)).state).toBe('HIT');
      advance(1);
      expect((await cache.fetch(tarball, ttlClass, registry.upstream)).state).toBe('MISS');
      expect(registry.calls).toEqual([undefined]);
    },
  );

  it('takes TTL overrides per class and keeps the defaults of the others', async () => {
    const { cache, advance, prime } = setup({ ttlSeconds: { 'npm-metadata': 60 } });
    await prime(packument, 'metadata', {}, 'npm-metadata');
    await prime(tarball, 'tarball', {}, 'npm-tarball');
    const registry = fakeUpstream(() => body('new'));
    advance(59_999);
    expect((await cache.fetch(packument, 'npm-metadata', registry.upstream)).state).toBe('HIT');
    advance(1);
    expect((await cache.fetch(packument, 'npm-metadata', registry.upstream)).state).toBe('MISS');
    expect((await cache.fetch(tarball, 'npm-tarball', registry.upstream)).state).toBe('HIT');
    expect(registry.calls).toHaveLength(1);
  });
});

describe('createCache: revalidation', () => {
  it('sends the stored validators and, on a 304, refreshes the entry without a body', async () => {
    const { cache, store, clock, advance, prime } = setup();
    const stored = await prime(packument, 'v1', { etag: '"v1"', lastModified: 'Tue, 01 Oct 2024 00:00:00 GMT' });
    const written = store.stats().bytesWritten;
    advance(2 * HOUR);
    const registry = fakeUpstream(() => ({ kind: 'not-modified', etag: '"v1-b"' }));
    const answer = await cache.fetch(packument, 'npm-metadata', registry.upstream);
    expect(registry.calls).toEqual([{ etag: '"v1"', lastModified: 'Tue, 01 Oct 2024 00:00:00 GMT' }]);
    expect([answer.state, answer.revalidated, textOf(answer.entry)]).toEqual(['HIT', true, 'v1']);
    expect(answer.entry.meta).toEqual({
      ...stored.entry.meta,
      storedAt: clock.t,
      etag: '"v1-b"',
      lastModified: 'Tue, 01 Oct 2024 00:00:00 GMT',
    });
    expect(store.stats().bytesWritten).toBe(written);
    advance(59 * MINUTE);
    const next = await cache.fetch(packument, 'npm-metadata', registry.upstream);
    expect([next.state, next.revalidated, registry.calls.length]).toEqual(['HIT', false, 1]);
    expect(cache.stats().revalidations).toBe(1);
  });

  it.each([
    [{ lastModified: 'Tue, 01 Oct 2024 00:00:00 GMT' }, { lastModified: 'Tue, 01 Oct 2024 00:00:00 GMT' }],
    [{}, undefined],
  ])('sends only the validators the entry has (%j -> %j)', async (validators, sent) => {
    const { cache, advance, prime } = setup();
    await prime(packument, 'v1', validators);
    advance(2 * HOUR);
    const registry = fakeUpstream(() => body('v2'));
    await cache.fetch(packument, 'npm-metadata', registry.upstream);
    expect(registry.calls).toStrictEqual([sent]);
  });

  it('replaces the body when the registry answers the conditional request with a new one (MISS)', async () => {
    const { cache, clock, advance, prime } = setup();
    await prime(packument, 'v1', { etag: '"v1"' });
    advance(2 * HOUR);
    const registry = fakeUpstream(() => body('v2', { etag: '"v2"' }));
    const answer = await cache.fetch(packument, 'npm-metadata', registry.upstream);
    expect([answer.state, answer.revalidated, textOf(answer.entry), answer.entry.meta.etag, answer.entry.meta.storedAt]).toEqual([
      'MISS', false, 'v2', '"v2"', clock.t,
    ]);
    const next = await cache.fetch(packument, 'npm-metadata', registry.upstream);
    expect([next.state, textOf(next.entry), registry.calls.length]).toEqual(['HIT', 'v2', 1]);
  });

  it('asks again without validators when the entry left the store before the 304 could be applied', async () => {
    const memory = new MemoryStore({ maxBytes: 1 << 20 });
    const store: CacheStore = {
      get: (key) => memory.get(key),
      put: (info, source, options) => memory.put(info, source, options),
      refresh: async (key) => memory.delete(key).then(() => false),
      delete: (key) => memory.delete(key),
      purgePackage: (ecosystem, name) => memory.purgePackage(ecosystem, name),
      purgeAll: () => memory.purgeAll(),
      stats: () => memory.stats(),
    };
    let t = 1_000_000;
    const cache = createCache({ store, now: () => t });
    await cache.fetch(packument, 'npm-metadata', fakeUpstream(() => body('v1', { etag: '"v1"' })).upstream);
    t += 2 * HOUR;
    const registry = fakeUpstream((validators) => (validators ? { kind: 'not-modified' } : body('v1 again')));
    const answer = await cache.fetch(packument, 'npm-metadata', registry.upstream);
    expect(registry.calls).toEqual([{ etag: '"v1"' }, undefined]);
    expect([answer.state, answer.revalidated, textOf(answer.entry)]).toEqual(['MISS', false, 'v1 again']);
    expect(cache.stats()).toMatchObject({ revalidations: 0, upstreamFetches: 3 });
  });
});

describe('createCache: CacheAnswer.isFresh', () => {
  it('holds while the entry is within its TTL, for a MISS, a HIT and a revalidated HIT alike', async () => {
    const { cache, advance, prime } = setup();
    const missed = await prime(packument, 'v1', { etag: '"v1"' });
    const hit = await cache.fetch(packument, 'npm-metadata', fakeUpstream(() => body('unused')).upstream);
    expect([missed.state, missed.isFresh(), hit.state, hit.isFresh()]).toEqual(['MISS', true, 'HIT', true]);
    advance(HOUR - 1);
    expect([missed.isFresh(), hit.isFresh()]).toEqual([true, true]);
    advance(1);
    expect([missed.isFresh(), hit.isFresh()]).toEqual([false, false]);
    const revalidated = await cache.fetch(packument, 'npm-metadata', fakeUpstream(() => ({ kind: 'not-modified' })).upstream);
    expect([revalidated.state, revalidated.revalidated, revalidated.isFresh()]).toEqual(['HIT', true, true]);
    advance(HOUR);
    expect(revalidated.isFresh()).toBe(false);
  });

  it('is false for a STALE answer, and ends for every answer when any package is purged', async () => {
    const { cache, advance, prime } = setup();
    await prime(packument, 'v1', { etag: '"v1"' });
    const other = await prime(tarball, 'bytes', {}, 'npm-tarball');
    advance(2 * HOUR);
    const stale = await cache.fetch(packument, 'npm-metadata', fakeUpstream(() => Promise.reject(new Error('ECONNRESET'))).upstream);
    expect([stale.state, stale.isFresh(), other.isFresh()]).toEqual(['STALE', false, true]);
    await cache.purgePackage('npm', 'unrelated');
    expect(other.isFresh()).toBe(false);
    const again = await prime(tarball, 'bytes', {}, 'npm-tarball');
    expect(again.isFresh()).toBe(true);
  });
});
