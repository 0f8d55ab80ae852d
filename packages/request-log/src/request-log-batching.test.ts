import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openRequestLog } from './request-log.ts';
import { ENTRY_TIME, requestEntry, temporaryFolder } from './testing/entries.ts';
import type { RequestLogEntry } from './types.ts';

const clock = () => ENTRY_TIME;
let folder: ReturnType<typeof temporaryFolder>;
let path: string;
beforeEach(() => {
  folder = temporaryFolder();
  path = join(folder.folder, 'requests.sqlite');
});
afterEach(() => {
  vi.useRealTimers();
  folder.remove();
});

/** Rows in the file as another connection sees them. */
function rowsOnDisk(): number {
  const reader = new DatabaseSync(path, { readOnly: true });
  try {
    return Number(reader.prepare('SELECT count(*) AS n FROM requests').get()?.['n']);
  } finally {
    reader.close();
  }
}

describe.each(['worker', 'main-thread'] as const)('writing the request log in batches on the %s', (writeOn) => {
  it('does not write on record, only when flushed', () => {
    const log = openRequestLog({ path, clock, writeOn, flushIntervalMs: 60_000 });
    for (let i = 0; i < 10; i++) log.record(requestEntry({ version: `1.0.${i}` }));
    expect(rowsOnDisk()).toBe(0);
    expect(log.stats()).toMatchObject({ recorded: 10, written: 0, queued: 10, transactions: 0 });
    log.flush();
    expect(rowsOnDisk()).toBe(10);
    expect(log.stats()).toMatchObject({ recorded: 10, written: 10, queued: 0, dropped: 0, transactions: 1 });
    log.close();
  });

  it('writes a batch whole or not at all', () => {
    const errors: unknown[] = [];
    const log = openRequestLog({ path, clock, writeOn, flushIntervalMs: 60_000, onError: (error) => errors.push(error) });
    const saboteur = new DatabaseSync(path);
    saboteur.exec(`CREATE TRIGGER refuse_poison BEFORE INSERT ON requests WHEN NEW.package = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned row'); END`);
    saboteur.close();
    log.record(requestEntry());
    log.record(requestEntry({ package: 'poison' }));
    log.record(requestEntry());
    log.flush();
    expect(rowsOnDisk()).toBe(0);
    expect(String(errors[0])).toContain('poisoned row');
    log.record(requestEntry());
    log.flush();
    expect(rowsOnDisk()).toBe(1);
    expect(log.stats()).toMatchObject({ recorded: 4, written: 1, dropped: 3, queued: 0, transactions: 1 });
    log.close();
  });
});

describe('timed writes', () => {
  it('hand what waits to the writer thread when the timer fires', async () => {
    const log = openRequestLog({ path, clock, flushIntervalMs: 50 });
    log.record(requestEntry());
    log.record(requestEntry());
    expect(rowsOnDisk()).toBe(0);
    await vi.waitFor(() => expect(rowsOnDisk()).toBe(2), { timeout: 10_000, interval: 20 });
    await vi.waitFor(() => expect(log.stats()).toMatchObject({ written: 2, queued: 0 }), { timeout: 10_000, interval: 20 });
    log.close();
  }, 30_000);

  it('write on the main thread when the timer fires, never before', () => {
    vi.useFakeTimers();
    const log = openRequestLog({ path, clock, writeOn: 'main-thread', flushIntervalMs: 500 });
    log.record(requestEntry());
    log.record(requestEntry());
    vi.advanceTimersByTime(499);
    expect(rowsOnDisk()).toBe(0);
    vi.advanceTimersByTime(1);
    expect(rowsOnDisk()).toBe(2);
    expect(log.stats().transactions).toBe(1);
    log.close();
  });

  it('write a full batch on the next turn, one batch per turn and one transaction per batch', () => {
    vi.useFakeTimers();
    const log = openRequestLog({ path, clock, writeOn: 'main-thread', flushIntervalMs: 60_000, maxBatch: 4 });
    for (let i = 0; i < 10; i++) log.record(requestEntry());
    expect(rowsOnDisk()).toBe(0);
    vi.runOnlyPendingTimers();
    expect(rowsOnDisk()).toBe(4);
    vi.runOnlyPendingTimers();
    expect(rowsOnDisk()).toBe(8);
    log.flush();
    expect(log.stats()).toMatchObject({ written: 10, transactions: 3, queued: 0 });
    log.close();
  });
});

describe('the request queue', () => {
  it('drops the oldest requests past maxQueued and counts them', () => {
    const log = openRequestLog({ path: ':memory:', clock, flushIntervalMs: 60_000, maxQueued: 5, maxBatch: 100 });
    for (let i = 0; i < 8; i++) log.record(requestEntry({ version: `1.0.${i}`, time: 1000 + i }));
    expect(log.stats()).toMatchObject({ recorded: 8, queued: 5, dropped: 3 });
    log.flush();
    const page = log.query({});
    expect(page.ok && page.value.entries.map((entry) => entry.version)).toEqual(['1.0.7', '1.0.6', '1.0.5', '1.0.4', '1.0.3']);
    log.close();
  });

  it('never throws on record, drops malformed entries when writing and says why', () => {
    const errors: string[] = [];
    const log = openRequestLog({ path: ':memory:', clock, flushIntervalMs: 60_000, onError: (error) => errors.push(String(error)) });
    const malformed = [
      null,
      { ...requestEntry(), ecosystem: 'cargo' },
      { ...requestEntry(), decision: 'maybe' },
      { ...requestEntry(), status: 99 },
      { ...requestEntry(), durationMs: Number.NaN },
      { ...requestEntry(), time: Number.POSITIVE_INFINITY },
    ] as unknown as RequestLogEntry[];
    for (const entry of malformed) expect(() => log.record(entry)).not.toThrow();
    log.record(requestEntry());
    log.flush();
    expect(log.stats()).toMatchObject({ recorded: 7, written: 1, dropped: 6, queued: 0 });
    expect(errors).toHaveLength(6);
    expect(errors.join('\n')).toContain('unknown ecosystem "cargo"');
    log.close();
  });

  it('keeps recorded = written + dropped + queued', () => {
    const log = openRequestLog({ path, clock, flushIntervalMs: 60_000, maxQueued: 50, maxBatch: 7 });
    for (let i = 0; i < 120; i++) {
      log.record(requestEntry());
      if (i % 40 === 39) log.flush();
      const { recorded, written, dropped, queued } = log.stats();
      expect(written + dropped + queued).toBe(recorded);
    }
    log.close();
  });

  it('takes the time of a request from the clock when the entry has none', () => {
    const log = openRequestLog({ path: ':memory:', clock: () => 1234 });
    log.record(requestEntry({ time: undefined }));
    log.flush();
    const page = log.query();
    expect(page.ok && page.value.entries[0]?.time).toBe(1234);
    log.close();
  });
});
