import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openCache } from './open-cache.ts';
import { bytesOf, key, textOf } from './testing/entries.ts';

it('opens memory over disk under a folder, and finds its entries again after a restart', async () => {
  const root = await mkdtemp(join(tmpdir(), 'palisade-open-'));
  try {
    let calls = 0;
    const upstream = async () => {
      calls++;
      return { kind: 'body' as const, body: bytesOf('{"name":"x"}'), contentType: 'application/json' };
    };
    const first = await openCache({ root, diskBytes: 1 << 20, memoryBytes: 1 << 16, now: () => 0 });
    expect((await first.fetch(key('x'), 'npm-metadata', upstream)).state).toBe('MISS');
    const second = await openCache({ root, diskBytes: 1 << 20, memoryBytes: 1 << 16, now: () => 1000 });
    const answer = await second.fetch(key('x'), 'npm-metadata', upstream);
    expect([answer.state, textOf(answer.entry.chunks), calls]).toEqual(['HIT', '{"name":"x"}', 1]);
    expect(second.stats().store).toMatchObject({ entries: 1, bytes: 12 });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
