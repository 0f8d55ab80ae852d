import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CacheStore } from '../cache-store.ts';
import { bodyOf, bytesOf, chunked, failing, hex, info, key } from './entries.ts';

/** A store under test; `close` removes what it left (folders, files). */
export interface StoreUnderTest {
  readonly store: CacheStore;
  close(): Promise<void>;
}

/** A body that yields its first half, then waits for `release` before its second: a write held under way. */
function heldBody(): { held: () => AsyncIterable<Uint8Array>; release: () => void } {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  async function* held(): AsyncIterable<Uint8Array> {
    yield bytesOf('first half, ');
    await released;
    yield bytesOf('second half');
  }
  return { held, release };
}

const CRAFTED_NAMES = ['..', '../../../../etc/passwd', '%2e%2e%2f%2e%2e', 'a/b\\c', 'nul\u0000byte', 'x'.repeat(4096), 'ünïcödé-名前-😀', '', '.', '/'];

/**
 * The behaviour every cache store must have, whatever keeps the bytes. Run it against
 * each store: `describeCacheStore('disk', async () => ...)`.
 */
export function describeCacheStore(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`${name} store: shared behaviour`, () => {
    let subject: StoreUnderTest;
    let store: CacheStore;
    beforeEach(async () => {
      subject = await open();
      store = subject.store;
    });
    afterEach(async () => subject.close());

    it('misses on a key it does not hold', async () => {
      expect(await store.get(key('absent'))).toBeUndefined();
    });

    it('gives back what was put, with its metadata, SHA-256 and size', async () => {
      const body = bytesOf('{"name":"left-pad"}');
      const put = await store.put(info(key('left-pad')), body);
      expect(put).toEqual({ ok: true, value: { ...info(key('left-pad')), sha256: hex('sha256', body), size: body.byteLength } });
      const entry = await store.get(key('left-pad'));
      expect(entry?.meta).toEqual(put.ok && put.value);
      expect(await bodyOf(entry)).toBe('{"name":"left-pad"}');
      expect(await bodyOf(entry)).toBe('{"name":"left-pad"}');
    });

    it('takes a body that arrives in chunks, and an empty body', async () => {
      const body = bytesOf('a'.repeat(1000) + 'b'.repeat(1000));
      await store.put(info(key('chunks')), chunked(body, 97));
      expect(await bodyOf(await store.get(key('chunks')))).toBe('a'.repeat(1000) + 'b'.repeat(1000));
      await store.put(info(key('empty')), new Uint8Array());
      const empty = await store.get(key('empty'));
      expect(empty?.meta.size).toBe(0);
      expect(await bodyOf(empty)).toBe('');
    });

    it.each(['sha1', 'sha256', 'sha512'] as const)('accepts a body matching the published %s', async (algorithm) => {
      const body = bytesOf('tarball bytes');
      const put = await store.put(info(key('pkg')), chunked(body), { expectedDigest: { algorithm, hex: hex(algorithm, body).toUpperCase() } });
      expect(put.ok).toBe(true);
      expect(await bodyOf(await store.get(key('pkg')))).toBe('tarball bytes');
    });

    it('refuses a body that does not match the published digest, keeping the previous entry', async () => {
      await store.put(info(key('pkg')), bytesOf('good'));
      const put = await store.put(info(key('pkg'), { etag: '"v2"' }), chunked(bytesOf('evil')), { expectedDigest: { algorithm: 'sha512', hex: hex('sha512', bytesOf('good')) } });
      expect(put.ok).toBe(false);
      if (!put.ok) expect(put.error).toMatch(/sha512/);
      const entry = await store.get(key('pkg'));
      expect(entry?.meta.etag).toBe('"v1"');
      expect(await bodyOf(entry)).toBe('good');
      expect(await store.get(key('never'))).toBeUndefined();
      expect((await store.put(info(key('never')), bytesOf('x'), { expectedDigest: { algorithm: 'sha256', hex: '0'.repeat(64) } })).ok).toBe(false);
      expect(await store.get(key('never'))).toBeUndefined();
    });

    it('keeps the previous entry when the body fails on the way in', async () => {
      await store.put(info(key('pkg')), bytesOf('old'));
      await expect(store.put(info(key('pkg')), failing(bytesOf('new body')))).rejects.toThrow('connection reset');
      expect(await bodyOf(await store.get(key('pkg')))).toBe('old');
    });

    it('replaces an entry', async () => {
      await store.put(info(key('pkg')), bytesOf('version one'));
      await store.put(info(key('pkg'), { etag: '"v2"', storedAt: 2_000 }), bytesOf('version two'));
      const entry = await store.get(key('pkg'));
      expect(entry?.meta).toMatchObject({ etag: '"v2"', storedAt: 2_000, sha256: hex('sha256', bytesOf('version two')) });
      expect(await bodyOf(entry)).toBe('version two');
      expect(store.stats().entries).toBe(1);
    });

    it('refreshes stored time and validators without touching the body', async () => {
      await store.put(info(key('pkg')), bytesOf('body'));
      expect(await store.refresh(key('pkg'), { storedAt: 5_000, etag: '"v9"', lastModified: undefined })).toBe(true);
      const entry = await store.get(key('pkg'));
      expect(entry?.meta).toMatchObject({ storedAt: 5_000, etag: '"v9"', sha256: hex('sha256', bytesOf('body')) });
      expect(entry?.meta.lastModified).toBeUndefined();
      expect(await bodyOf(entry)).toBe('body');
      expect(await store.refresh(key('absent'), { storedAt: 1 })).toBe(false);
    });

    it('deletes an entry', async () => {
      await store.put(info(key('pkg')), bytesOf('body'));
      expect(await store.delete(key('pkg'))).toBe(true);
      expect(await store.get(key('pkg'))).toBeUndefined();
      expect(await store.delete(key('pkg'))).toBe(false);
      expect(store.stats()).toMatchObject({ entries: 0, bytes: 0 });
    });

    it('purges every entry of one package and nothing else', async () => {
      for (const resource of ['packument', 'abbreviated', 'pkg-1.0.0.tgz', 'pkg-2.0.0.tgz']) await store.put(info(key('pkg', resource)), bytesOf(resource));
      await store.put(info(key('pkg', 'packument', 'pypi')), bytesOf('pypi pkg'));
      await store.put(info(key('pkg-other')), bytesOf('other'));
      expect(await store.purgePackage('npm', 'pkg')).toBe(4);
      for (const resource of ['packument', 'abbreviated', 'pkg-1.0.0.tgz', 'pkg-2.0.0.tgz']) expect(await store.get(key('pkg', resource))).toBeUndefined();
      expect(await bodyOf(await store.get(key('pkg', 'packument', 'pypi')))).toBe('pypi pkg');
      expect(await bodyOf(await store.get(key('pkg-other')))).toBe('other');
      expect(await store.purgePackage('npm', 'pkg')).toBe(0);
      expect(store.stats().entries).toBe(2);
    });

    it('purges every entry of every package, and stores again afterwards', async () => {
      for (const [name, ecosystem] of [['pkg', 'npm'], ['other', 'npm'], ['pkg', 'pypi'], ['mod', 'go']] as const) await store.put(info(key(name, 'packument', ecosystem)), bytesOf(`${ecosystem} ${name}`));
      expect(await store.purgeAll()).toBe(4);
      expect(await store.get(key('pkg', 'packument', 'npm'))).toBeUndefined();
      expect(await store.get(key('mod', 'packument', 'go'))).toBeUndefined();
      expect(store.stats()).toMatchObject({ entries: 0, bytes: 0 });
      expect(await store.purgeAll()).toBe(0);
      await store.put(info(key('pkg')), bytesOf('after the purge'));
      expect(await bodyOf(await store.get(key('pkg')))).toBe('after the purge');
      expect(store.stats().entries).toBe(1);
    });

    it('finishes a write under way when its package is purged, and a later purge removes what it stored', async () => {
      const { held, release } = heldBody();
      await store.put(info(key('pkg', 'pkg-1.0.0.tgz')), bytesOf('stored before'));
      const writing = store.put(info(key('pkg', 'pkg-2.0.0.tgz')), held());
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await store.purgePackage('npm', 'pkg')).toBe(1);
      release();
      expect((await writing).ok).toBe(true);
      expect(await bodyOf(await store.get(key('pkg', 'pkg-2.0.0.tgz')))).toBe('first half, second half');
      expect(await store.purgePackage('npm', 'pkg')).toBe(1);
      expect(await store.get(key('pkg', 'pkg-2.0.0.tgz'))).toBeUndefined();
      expect(store.stats()).toMatchObject({ entries: 0, bytes: 0 });
    });

    it('finishes a write under way when everything is purged', async () => {
      const { held, release } = heldBody();
      await store.put(info(key('other')), bytesOf('stored before'));
      const writing = store.put(info(key('pkg', 'pkg-2.0.0.tgz')), held());
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await store.purgeAll()).toBe(1);
      release();
      expect((await writing).ok).toBe(true);
      expect(await bodyOf(await store.get(key('pkg', 'pkg-2.0.0.tgz')))).toBe('first half, second half');
      expect(await store.get(key('other'))).toBeUndefined();
      expect(store.stats().entries).toBe(1);
    });

    it('keeps keys apart however their names are crafted', async () => {
      for (const [i, name] of CRAFTED_NAMES.entries()) await store.put(info(key(name, `r${i}`)), bytesOf(`body ${i}`));
      for (const [i, name] of CRAFTED_NAMES.entries()) expect(await bodyOf(await store.get(key(name, `r${i}`)))).toBe(`body ${i}`);
      expect(await store.get(key('..', 'r1'))).toBeUndefined();
      expect(await store.get(key('a', 'b/c'))).toBeUndefined();
      await store.put(info(key('a', 'b/c')), bytesOf('one'));
      await store.put(info(key('a/b', 'c')), bytesOf('two'));
      expect(await bodyOf(await store.get(key('a', 'b/c')))).toBe('one');
    });

    it('counts entries, bytes and bytes written', async () => {
      await store.put(info(key('a')), bytesOf('12345'));
      await store.put(info(key('b')), bytesOf('1234567890'));
      expect(store.stats()).toMatchObject({ entries: 2, bytes: 15, integrityFailures: 0 });
      expect(store.stats().bytesWritten).toBeGreaterThanOrEqual(15);
    });

    it('ends concurrent writes of one key with one whole entry', async () => {
      const bodies = Array.from({ length: 10 }, (_, i) => bytesOf(`body number ${i} `.repeat(50)));
      await Promise.all(bodies.map((body, i) => store.put(info(key('race'), { storedAt: i }), chunked(body, 64))));
      const entry = await store.get(key('race'));
      const text = await bodyOf(entry);
      expect(hex('sha256', bytesOf(text))).toBe(entry?.meta.sha256);
      expect(bodies.map((body) => new TextDecoder().decode(body))).toContain(text);
      expect(store.stats().entries).toBe(1);
    });
  });
}
