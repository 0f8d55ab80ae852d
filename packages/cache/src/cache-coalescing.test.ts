import { PalisadeError } from '@palisade/core';
import { describe, expect, it } from 'vitest';
import { createCache, type CacheAnswer } from './cache.ts';
import { HOUR, packument, tarball, otherPackage, sha, body, failing, settled, textOf, gate, slowly, fakeUpstream, setup } from './testing/cache-fixtures.ts';

describe('createCache: coalescing', () => {
  const TARBALL = 'a tarball of some size '.repeat(200);

  it('shares one upstream round among 100 concurrent fetches of an absent entry', async () => {
    const { cache } = setup();
    const bodyGate = gate();
    const registry = fakeUpstream(() => ({ kind: 'body', body: slowly(TARBALL, bodyGate.opened), contentType: 'application/octet-stream' }));
    let settledCount = 0;
    const fetches = Array.from({ length: 100 }, () =>
      cache.fetch(tarball, 'npm-tarball', registry.upstream).finally(() => settledCount++),
    );
    await settled();
    expect([registry.calls.length, settledCount]).toEqual([1, 0]);
    bodyGate.open();
    const answers = await Promise.all(fetches);
    expect(registry.calls).toEqual([undefined]);
    const first = answers[0] as CacheAnswer;
    const expectedSha = sha('sha256', TARBALL);
    for (const answer of answers) {
      expect(answer.entry).toBe(first.entry);
      expect([answer.state, answer.revalidated]).toEqual(['MISS', false]);
      expect(sha('sha256', Buffer.concat(answer.entry.chunks ?? []))).toBe(expectedSha);
      expect(textOf(answer.entry)).toBe(TARBALL);
    }
    expect(first.entry.meta.sha256).toBe(expectedSha);
    expect(cache.stats()).toMatchObject({ coalesced: 99, misses: 100, hits: 0, upstreamFetches: 1 });
  });

  it('rejects every waiter when the shared round fails, then tries upstream again', async () => {
    const { cache } = setup();
    const upstreamGate = gate();
    const error = new PalisadeError(503, 'upstream-unavailable', 'registry.npmjs.org answered 503');
    const broken = fakeUpstream(async () => {
      await upstreamGate.opened;
      throw error;
    });
    const fetches = Array.from({ length: 10 }, () => cache.fetch(packument, 'npm-metadata', broken.upstream));
    await settled();
    upstreamGate.open();
    const outcomes = await Promise.allSettled(fetches);
    expect(outcomes).toEqual(Array.from({ length: 10 }, () => ({ status: 'rejected', reason: error })));
    expect(broken.calls).toHaveLength(1);
    const registry = fakeUpstream(() => body('v1'));
    const answer = await cache.fetch(packument, 'npm-metadata', registry.upstream);
    expect([answer.state, textOf(answer.entry), registry.calls.length]).toEqual(['MISS', 'v1', 1]);
    expect(cache.stats()).toMatchObject({ coalesced: 9, misses: 1, upstreamFetches: 2 });
  });

  it('lets a fetch that begins after the round failed start its own round', async () => {
    const { cache } = setup();
    const error = new Error('ECONNRESET');
    const registry = fakeUpstream((_, call) => (call === 1 ? Promise.reject(error) : body('v1')));
    const retried = cache.fetch(packument, 'npm-metadata', registry.upstream).catch(async (e: unknown) => {
      expect(e).toBe(error);
      return cache.fetch(packument, 'npm-metadata', registry.upstream);
    });
    expect([(await retried).state, registry.calls.length]).toEqual(['MISS', 2]);
  });

  it('never makes different keys wait for each other', async () => {
    const { cache } = setup();
    const slowGate = gate();
    const registry = fakeUpstream(() => ({ kind: 'body', body: slowly('slow packument', slowGate.opened), contentType: 'application/json' }));
    const quick = fakeUpstream(() => body('quick packument'));
    const slow = cache.fetch(packument, 'npm-metadata', registry.upstream);
    const other = await cache.fetch(otherPackage, 'npm-metadata', quick.upstream);
    expect([other.state, textOf(other.entry)]).toEqual(['MISS', 'quick packument']);
    slowGate.open();
    expect(textOf((await slow).entry)).toBe('slow packument');
    expect([registry.calls.length, quick.calls.length, cache.stats().coalesced]).toEqual([1, 1, 0]);
  });

  it('lets a caller that arrives during a round join it without reading the store', async () => {
    const { cache, store, advance, prime } = setup();
    await prime(tarball, 'v1', {}, 'npm-tarball');
    advance(25 * HOUR);
    const bodyGate = gate();
    const registry = fakeUpstream(() => ({ kind: 'body', body: slowly('v2', bodyGate.opened), contentType: 'application/octet-stream' }));
    const leader = cache.fetch(tarball, 'npm-tarball', registry.upstream);
    await settled();
    const read = store.stats().bytesRead;
    const late = Array.from({ length: 5 }, () => cache.fetch(tarball, 'npm-tarball', registry.upstream));
    await settled();
    expect(store.stats().bytesRead).toBe(read);
    bodyGate.open();
    const answers = await Promise.all([leader, ...late]);
    expect(answers.map((answer) => `${answer.state} ${textOf(answer.entry)}`)).toEqual(Array.from({ length: 6 }, () => 'MISS v2'));
    expect([registry.calls.length, cache.stats().coalesced]).toEqual([1, 5]);
  });

  it('shares one revalidation of a stale entry among concurrent fetches', async () => {
    const { cache, clock, advance, prime } = setup();
    await prime(packument, 'v1', { etag: '"v1"' });
    advance(2 * HOUR);
    const upstreamGate = gate();
    const registry = fakeUpstream(async () => {
      await upstreamGate.opened;
      return { kind: 'not-modified' } as const;
    });
    const fetches = Array.from({ length: 50 }, () => cache.fetch(packument, 'npm-metadata', registry.upstream));
    await settled();
    upstreamGate.open();
    const answers = await Promise.all(fetches);
    expect(registry.calls).toEqual([{ etag: '"v1"' }]);
    expect(new Set(answers.map((answer) => answer.entry)).size).toBe(1);
    expect(answers.every((answer) => answer.state === 'HIT' && answer.revalidated && answer.entry.meta.storedAt === clock.t)).toBe(true);
    expect(cache.stats()).toMatchObject({ coalesced: 49, hits: 50, revalidations: 1, upstreamFetches: 2 });
  });

  it('serves the stale entry to every waiter when the shared revalidation fails', async () => {
    const { cache, advance, prime } = setup();
    await prime(packument, 'v1');
    advance(2 * HOUR);
    const registry = failing(new Error('ECONNRESET'));
    const answers = await Promise.all(Array.from({ length: 10 }, () => cache.fetch(packument, 'npm-metadata', registry.upstream)));
    expect(answers.map((answer) => `${answer.state} ${textOf(answer.entry)}`)).toEqual(Array.from({ length: 10 }, () => 'STALE v1'));
    expect(registry.calls).toHaveLength(1);
    expect(cache.stats()).toMatchObject({ coalesced: 9, staleServes: 10 });
  });
});

describe('createCache: purge and stats', () => {
  it('purges every entry of a package through the store', async () => {
    const { cache, prime } = setup();
    await prime(packument, 'metadata');
    await prime(tarball, 'tarball', {}, 'npm-tarball');
    await prime(otherPackage, 'other');
    expect(await cache.purgePackage('npm', 'left-pad')).toBe(2);
    expect(await cache.purgePackage('npm', 'left-pad')).toBe(0);
    const registry = fakeUpstream(() => body('metadata again'));
    expect((await cache.fetch(packument, 'npm-metadata', registry.upstream)).state).toBe('MISS');
    expect((await cache.fetch(otherPackage, 'npm-metadata', registry.upstream)).state).toBe('HIT');
    expect(registry.calls).toHaveLength(1);
  });

  it('purges what a round under way stores after the purge began', async () => {
    const { cache, store } = setup();
    const bodyGate = gate();
    const registry = fakeUpstream(() => ({ kind: 'body', body: slowly('a tarball '.repeat(100), bodyGate.opened), contentType: 'application/octet-stream' }));
    const fetching = cache.fetch(tarball, 'npm-tarball', registry.upstream);
    await settled();
    const purging = cache.purgePackage('npm', 'left-pad');
    bodyGate.open();
    expect((await fetching).state).toBe('MISS');
    expect(await purging).toBe(1);
    expect(await store.get(tarball)).toBeUndefined();
  });

  it('purges every entry of every package, a round under way included, and answers stop holding', async () => {
    const { cache, store, prime } = setup();
    await prime(packument, 'metadata');
    const other = await cache.fetch(otherPackage, 'npm-metadata', fakeUpstream(() => body('other')).upstream);
    const bodyGate = gate();
    const fetching = cache.fetch(tarball, 'npm-tarball', fakeUpstream(() => ({ kind: 'body', body: slowly('a tarball '.repeat(100), bodyGate.opened), contentType: 'application/octet-stream' })).upstream);
    await settled();
    const purging = cache.purgeAll();
    bodyGate.open();
    expect((await fetching).state).toBe('MISS');
    expect(await purging).toBe(3);
    expect([await store.get(packument), await store.get(otherPackage), await store.get(tarball)]).toEqual([undefined, undefined, undefined]);
    expect(other.isFresh()).toBe(false);
  });

  it('counts answers by state, rounds, coalesced callers, and reports the store', async () => {
    const { cache, store, advance, prime } = setup();
    expect(cache.stats()).toEqual({ hits: 0, misses: 0, staleServes: 0, revalidations: 0, upstreamFetches: 0, coalesced: 0, store: store.stats() });
    await prime(packument, '12345', { etag: '"v1"' });
    await prime(tarball, '123', {}, 'npm-tarball');
    await cache.fetch(packument, 'npm-metadata', failing(new Error('unused')).upstream);
    advance(2 * HOUR);
    await cache.fetch(packument, 'npm-metadata', failing(new Error('down')).upstream);
    await cache.fetch(packument, 'npm-metadata', fakeUpstream(() => ({ kind: 'not-modified' })).upstream);
    await cache.fetch(otherPackage, 'npm-metadata', failing(new Error('down')).upstream).catch(() => undefined);
    expect(cache.stats()).toEqual({
      hits: 2,
      misses: 2,
      staleServes: 1,
      revalidations: 1,
      upstreamFetches: 5,
      coalesced: 0,
      store: { entries: 2, bytes: 8, integrityFailures: 0, evictions: 0, bytesWritten: 8, bytesRead: 28 },
    });
  });
});
