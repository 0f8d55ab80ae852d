import { PalisadeError } from '@palisade/core';
import { describe, expect, it } from 'vitest';
import { createCache } from './cache.ts';
import { MemoryStore } from './memory-store.ts';
import type { Upstream } from './upstream.ts';
import { HOUR, DAY, packument, tarball, sha, body, failing, textOf, slowly, fakeUpstream, setup } from './testing/cache-fixtures.ts';

describe('createCache: stale-if-error', () => {
  it.each([
    ['a network error', new Error('ECONNRESET')],
    ['a PalisadeError 503', new PalisadeError(503, 'upstream-unavailable', 'registry.npmjs.org answered 503')],
    ['a PalisadeError 429', new PalisadeError(429, 'upstream-rate-limited', 'registry.npmjs.org answered 429')],
  ])('serves the stale entry, old bytes and all, when the registry fails with %s', async (_, error) => {
    const { cache, advance, prime } = setup();
    const stored = await prime(packument, 'v1', { etag: '"v1"' });
    advance(2 * HOUR);
    const registry = failing(error);
    const answer = await cache.fetch(packument, 'npm-metadata', registry.upstream);
    expect([answer.state, answer.revalidated, textOf(answer.entry)]).toEqual(['STALE', false, 'v1']);
    expect(answer.entry.meta).toEqual(stored.entry.meta);
    expect(registry.calls).toEqual([{ etag: '"v1"' }]);
    expect(cache.stats()).toMatchObject({ staleServes: 1, misses: 1, hits: 0 });
  });

  it('serves the stale entry when the new body fails part-way, and keeps the old one', async () => {
    const { cache, advance, prime } = setup();
    await prime(packument, 'v1');
    advance(2 * HOUR);
    const registry = fakeUpstream(() => ({ kind: 'body', body: slowly('v2 that breaks', Promise.resolve(), new Error('socket hang up')), contentType: 'application/json' }));
    const answer = await cache.fetch(packument, 'npm-metadata', registry.upstream);
    expect([answer.state, textOf(answer.entry)]).toEqual(['STALE', 'v1']);
    const again = await cache.fetch(packument, 'npm-metadata', failing(new Error('still down')).upstream);
    expect([again.state, textOf(again.entry)]).toEqual(['STALE', 'v1']);
  });

  it('serves a stale entry up to maxStaleSeconds past its TTL, and rethrows beyond', async () => {
    const { cache, advance, prime } = setup({ maxStaleSeconds: 600 });
    await prime(packument, 'v1');
    const error = new Error('ECONNREFUSED');
    advance(HOUR + 600_000 - 1);
    expect((await cache.fetch(packument, 'npm-metadata', failing(error).upstream)).state).toBe('STALE');
    advance(1);
    await expect(cache.fetch(packument, 'npm-metadata', failing(error).upstream)).rejects.toBe(error);
  });

  it('rethrows past the default maximum staleness of seven days', async () => {
    const { cache, advance, prime } = setup();
    await prime(packument, 'v1');
    const error = new Error('ECONNREFUSED');
    advance(HOUR + 7 * DAY - 1);
    expect((await cache.fetch(packument, 'npm-metadata', failing(error).upstream)).state).toBe('STALE');
    advance(1);
    await expect(cache.fetch(packument, 'npm-metadata', failing(error).upstream)).rejects.toBe(error);
    expect(cache.stats()).toMatchObject({ staleServes: 1, upstreamFetches: 3 });
  });

  it.each([404, 403, 410])('rethrows a PalisadeError %i on a stale entry: the registry answered', async (status) => {
    const { cache, advance, prime } = setup();
    await prime(packument, 'v1');
    advance(2 * HOUR);
    const error = new PalisadeError(status, 'upstream-refused', `registry.npmjs.org answered ${status}`);
    await expect(cache.fetch(packument, 'npm-metadata', failing(error).upstream)).rejects.toBe(error);
    expect(cache.stats().staleServes).toBe(0);
  });

  it('rethrows the error of the registry when nothing is stored', async () => {
    const { cache, store } = setup();
    const error = new PalisadeError(503, 'upstream-unavailable', 'registry.npmjs.org answered 503');
    await expect(cache.fetch(packument, 'npm-metadata', failing(error).upstream)).rejects.toBe(error);
    const thrownAtOnce: Upstream = () => {
      throw error;
    };
    await expect(cache.fetch(packument, 'npm-metadata', thrownAtOnce)).rejects.toBe(error);
    expect([store.stats().entries, cache.stats().upstreamFetches]).toEqual([0, 2]);
  });

  it('refuses a 304 to an unconditional request (PalisadeError 502 upstream-protocol)', async () => {
    const { cache } = setup();
    const error = await cache.fetch(packument, 'npm-metadata', fakeUpstream(() => ({ kind: 'not-modified' })).upstream).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PalisadeError);
    expect([(error as PalisadeError).status, (error as PalisadeError).code]).toEqual([502, 'upstream-protocol']);
    expect((error as PalisadeError).message).toContain('left-pad');
  });
});

describe('createCache: integrity', () => {
  const published = { algorithm: 'sha512', hex: sha('sha512', 'the real tarball') } as const;

  it('stores a body that matches its published digest', async () => {
    const { cache } = setup();
    const answer = await cache.fetch(tarball, 'npm-tarball', fakeUpstream(() => body('the real tarball', { expectedDigest: published })).upstream);
    expect([answer.state, textOf(answer.entry), answer.entry.meta.sha256]).toEqual(['MISS', 'the real tarball', sha('sha256', 'the real tarball')]);
  });

  it('refuses a body that does not match (502 upstream-integrity) and stores nothing', async () => {
    const { cache, store } = setup();
    const tampered = fakeUpstream(() => body('a tampered tarball', { expectedDigest: published }));
    const error = await cache.fetch(tarball, 'npm-tarball', tampered.upstream).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PalisadeError);
    expect([(error as PalisadeError).status, (error as PalisadeError).code]).toEqual([502, 'upstream-integrity']);
    expect((error as PalisadeError).message).toContain('npm package "left-pad" (left-pad-1.3.0.tgz)');
    expect((error as PalisadeError).message).toContain(published.hex);
    expect(store.stats().entries).toBe(0);
    await expect(cache.fetch(tarball, 'npm-tarball', tampered.upstream)).rejects.toMatchObject({ code: 'upstream-integrity' });
    expect(tampered.calls).toHaveLength(2);
  });

  it('leaves the previous entry as it was: still served as STALE, or as HIT after a 304', async () => {
    const { cache, store, advance, prime } = setup();
    const stored = await prime(tarball, 'the real tarball', { etag: '"t1"', expectedDigest: published }, 'npm-tarball');
    advance(25 * HOUR);
    const tampered = fakeUpstream(() => body('a tampered tarball', { etag: '"t2"', expectedDigest: published }));
    await expect(cache.fetch(tarball, 'npm-tarball', tampered.upstream)).rejects.toMatchObject({ status: 502, code: 'upstream-integrity' });
    expect((await store.get(tarball))?.meta).toEqual(stored.entry.meta);
    const stale = await cache.fetch(tarball, 'npm-tarball', failing(new Error('ETIMEDOUT')).upstream);
    expect([stale.state, textOf(stale.entry), stale.entry.meta.sha256]).toEqual(['STALE', 'the real tarball', stored.entry.meta.sha256]);
    const registry = fakeUpstream(() => ({ kind: 'not-modified' }));
    const revalidated = await cache.fetch(tarball, 'npm-tarball', registry.upstream);
    expect(registry.calls).toEqual([{ etag: '"t1"' }]);
    expect([revalidated.state, revalidated.revalidated, textOf(revalidated.entry)]).toEqual(['HIT', true, 'the real tarball']);
  });

  it('fails with 503 cache-unavailable when the store does not keep what it was given', async () => {
    const store = new MemoryStore({ maxBytes: 1 << 20, maxEntryBytes: 4 });
    const cache = createCache({ store, now: () => 1_000_000 });
    const registry = fakeUpstream(() => body('more than four bytes'));
    await expect(cache.fetch(tarball, 'npm-tarball', registry.upstream)).rejects.toMatchObject({ status: 503, code: 'cache-unavailable' });
    await expect(cache.fetch(tarball, 'npm-tarball', registry.upstream)).rejects.toBeInstanceOf(PalisadeError);
    expect(registry.calls).toHaveLength(2);
  });
});
