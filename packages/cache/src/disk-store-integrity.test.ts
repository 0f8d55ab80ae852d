import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, truncate, unlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiskStore } from './disk-store.ts';
import { bodyOf, bytesOf, info, key, readAll } from './testing/entries.ts';
import { filesUnder } from './testing/files.ts';

let parent: string;
let root: string;
beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'palisade-integrity-'));
  root = join(parent, 'cache');
});
afterEach(async () => {
  await rm(parent, { recursive: true, force: true });
});

const open = (options: { maxBytes?: number; inlineBytes?: number } = {}) => DiskStore.open({ root, maxBytes: options.maxBytes ?? 1 << 30, ...options });
const bodyFile = async () => join(root, (await filesUnder(root)).find((file) => file.endsWith('.body')) as string);
const metaFile = async () => join(root, (await filesUnder(root)).find((file) => file.endsWith('.meta')) as string);

describe('disk store integrity', () => {
  it.each<[string, () => Promise<void>]>([
    ['a flipped byte in the body', async () => {
      const path = await bodyFile();
      const bytes = await readFile(path);
      bytes.writeUInt8((bytes.at(5) ?? 0) ^ 1, 5);
      await writeFile(path, bytes);
    }],
    ['a truncated body', async () => truncate(await bodyFile(), 10)],
    ['a missing body', async () => unlink(await bodyFile())],
    ['a missing sidecar', async () => unlink(await metaFile())],
    ['a sidecar that is not JSON', async () => writeFile(await metaFile(), '{"format":1,')],
    ['a sidecar naming another SHA-256', async () => {
      const path = await metaFile();
      await writeFile(path, (await readFile(path, 'utf8')).replace(/"sha256":"[0-9a-f]{4}/, '"sha256":"0000'));
    }],
  ])('never serves an entry with %s: it is removed and reported as a miss', async (_, damage) => {
    for (const inlineBytes of [1 << 20, 0]) {
      const store = await open({ inlineBytes });
      await store.put(info(key('pkg')), bytesOf('the body of the entry, long enough to truncate'));
      await damage();
      expect(await store.get(key('pkg'))).toBeUndefined();
      expect(await filesUnder(join(root, 'entries'))).toEqual([]);
      expect(store.stats().entries).toBe(0);
      await store.put(info(key('pkg')), bytesOf('refetched'));
      expect(await bodyOf(await store.get(key('pkg')))).toBe('refetched');
      await rm(root, { recursive: true, force: true });
    }
  });

  it('counts integrity failures', async () => {
    const store = await open();
    await store.put(info(key('pkg')), bytesOf('body'));
    await writeFile(await bodyFile(), 'BODY');
    expect(await store.get(key('pkg'))).toBeUndefined();
    expect(store.stats().integrityFailures).toBe(1);
  });

  it('ends a streamed body in an error when the file changes while it is served', async () => {
    const store = await open({ inlineBytes: 0 });
    await store.put(info(key('pkg')), bytesOf('x'.repeat(4096)));
    const entry = await store.get(key('pkg'));
    expect(entry?.chunks).toBeUndefined();
    await writeFile(await bodyFile(), 'y'.repeat(4096));
    await expect(readAll(entry?.body() as ReadableStream<Uint8Array>)).rejects.toThrow(/changed on disk/);
  });

  it('writes no file outside its root, whatever the name', async () => {
    const store = await open();
    const names = ['../../escape', '..', '%2e%2e/%2e%2e/escape', '/etc/passwd', 'nul\u0000x', 'x'.repeat(4096), 'ünïcödé/../..'];
    for (const name of names) await store.put(info(key(name, '../../../resource')), bytesOf(name));
    expect(await readdir(parent)).toEqual(['cache']);
    const files = await filesUnder(root);
    expect(files).toHaveLength(names.length * 2);
    for (const file of files) expect(file).toMatch(/^entries\/npm\/[0-9a-f]{2}\/[0-9a-f]{64}\/[0-9a-f]{64}(\.meta|-[0-9a-f]{64}\.body)$/);
    await expect(store.get({ ecosystem: '../x' as 'npm', name: 'a', resource: 'b' })).rejects.toThrow(/not an ecosystem/);
  });
});

describe('disk store size bound', () => {
  it('evicts the least recently used entries beyond its bound', async () => {
    const store = await open({ maxBytes: 3000 });
    for (const name of ['a', 'b', 'c']) await store.put(info(key(name)), bytesOf(name.repeat(1000)));
    await store.get(key('a'));
    await store.put(info(key('d')), bytesOf('d'.repeat(1000)));
    expect(await store.get(key('b'))).toBeUndefined();
    for (const name of ['a', 'c', 'd']) expect((await bodyOf(await store.get(key(name)))).length).toBe(1000);
    expect(store.stats()).toMatchObject({ entries: 3, bytes: 3000, evictions: 1 });
    expect((await filesUnder(root)).length).toBe(6);
  });

  it('keeps an entry larger than the bound only until the next write', async () => {
    const store = await open({ maxBytes: 100 });
    await store.put(info(key('big')), bytesOf('B'.repeat(500)));
    expect((await bodyOf(await store.get(key('big')))).length).toBe(500);
    await store.put(info(key('small')), bytesOf('s'));
    expect(await store.get(key('big'))).toBeUndefined();
  });
});

describe('disk store reopened', () => {
  it('finds its entries again, in least-recently-written order, and clears what a crash left', async () => {
    const first = await open();
    for (const name of ['a', 'b']) await first.put(info(key(name)), bytesOf(name.repeat(100)));
    const metas = (await filesUnder(root)).filter((file) => file.endsWith('.meta'));
    const metaOfA = metas.find((file) => file.includes(createHash('sha256').update('a').digest('hex'))) as string;
    await utimes(join(root, metaOfA), new Date(2020, 0, 1), new Date(2020, 0, 1));
    await mkdir(join(root, 'tmp'), { recursive: true });
    await writeFile(join(root, 'tmp', 'half-written.part'), 'partial');
    const folder = join(root, (await filesUnder(root)).find((file) => file.endsWith('.meta'))?.split('/').slice(0, -1).join('/') as string);
    await writeFile(join(folder, `${'e'.repeat(64)}-${'f'.repeat(64)}.body`), 'orphan body');
    await writeFile(join(folder, `${'d'.repeat(64)}.meta`), 'not a sidecar');
    const second = await open({ maxBytes: 150 });
    expect(second.stats()).toMatchObject({ entries: 1, bytes: 100, evictions: 1 });
    expect(await second.get(key('a'))).toBeUndefined();
    expect((await bodyOf(await second.get(key('b')))).length).toBe(100);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
    expect((await filesUnder(join(root, 'entries'))).length).toBe(2);
  });
});
