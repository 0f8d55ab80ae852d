import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { openRequestLog, type RequestLog } from './request-log.ts';
import { requestRow } from './request-row.ts';
import type { RequestRows, SinkEvents } from './request-sink.ts';
import { requestEntry, temporaryFolder } from './testing/entries.ts';
import { canSetThreadPolicy, schedulingPolicy, SCHED_IDLE, SCHED_OTHER, threadsWithPolicy } from './testing/scheduling.ts';
import { workerSink } from './worker-sink.ts';
import { chrtThreadPolicy, WriterPriority, type SetThreadPolicy } from './writer-priority.ts';

function rows(count: number): RequestRows {
  return Array.from({ length: count }, () => {
    const row = requestRow(requestEntry(), 1);
    if (!row.ok) throw new Error(row.error);
    return row.value;
  });
}

describe('the writer thread', () => {
  it('writes on the caller\'s connection when the thread cannot go on, counting what it held as failed', () => {
    const folder = temporaryFolder();
    const told = { written: 0, failed: 0, errors: [] as string[] };
    const events: SinkEvents = {
      written: (count) => void (told.written += count),
      failed: (count) => void (told.failed += count),
      error: (error) => void told.errors.push(String(error)),
    };
    const database = openDatabase(':memory:');
    // The folder is no database file: the thread fails to open it and stops.
    const sink = workerSink(folder.folder, database, events);
    sink.write(rows(3));
    sink.settle();
    expect(told).toMatchObject({ written: 0, failed: 3 });
    expect(told.errors.join('\n')).toContain('writing goes on on the main thread');
    sink.write(rows(2));
    sink.settle();
    expect(told.written).toBe(2);
    expect(sink.backlog).toBe(0);
    expect(database.prepare('SELECT count(*) AS n FROM requests').get()).toEqual({ n: 2 });
    sink.close();
    database.close();
    folder.remove();
  });
});

/** Waits until `check` holds, up to 5 s. */
async function eventually(check: () => boolean): Promise<void> {
  for (const started = Date.now(); !check(); ) {
    if (Date.now() - started > 5000) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A log in a new folder whose writer thread has been lowered, with the threads that went idle meanwhile (its writer first). */
async function idleLog(): Promise<{ log: RequestLog; idle: number[]; writer: number; dispose: () => void }> {
  const folder = temporaryFolder();
  const before = threadsWithPolicy(SCHED_IDLE);
  const log = openRequestLog({ path: join(folder.folder, 'requests.sqlite'), flushIntervalMs: 60_000 });
  const dispose = (): void => {
    log.close();
    folder.remove();
  };
  try {
    await eventually(() => log.stats().writerPriority === 'idle');
  } catch (error) {
    dispose();
    throw error;
  }
  const idle = threadsWithPolicy(SCHED_IDLE).filter((tid) => !before.includes(tid));
  return { log, idle, writer: idle[0] as number, dispose };
}

describe.runIf(canSetThreadPolicy)('the writer thread at idle priority', () => {
  it('runs at SCHED_IDLE while it keeps up, and is raised to SCHED_OTHER before the caller waits for it', async () => {
    const { log, idle, writer, dispose } = await idleLog();
    try {
      expect(idle).toHaveLength(1);
      expect(readFileSync(`/proc/${process.pid}/task/${writer}/comm`, 'utf8').trim()).not.toBe('');
      for (let i = 0; i < 10; i++) log.record(requestEntry());
      log.flush();
      expect(log.stats()).toMatchObject({ written: 10, writerPriority: 'normal' });
      expect(schedulingPolicy(writer)).toBe(SCHED_OTHER);
    } finally {
      dispose();
    }
  });

  it('is raised before an alert is written beside it: that write waits for the thread\'s transaction', async () => {
    const { log, writer, dispose } = await idleLog();
    try {
      const stored = log.recordAlert({ reportIds: ['MAL-1'], ecosystem: 'npm', package: 'evil', versions: ['6.6.0'], fetches: [] });
      expect(stored.id).toBeGreaterThan(0);
      expect(log.stats().writerPriority).toBe('normal');
      expect(schedulingPolicy(writer)).toBe(SCHED_OTHER);
    } finally {
      dispose();
    }
  });

  it('is raised before it is told to close, while it is still there to raise', async () => {
    const folder = temporaryFolder();
    const path = join(folder.folder, 'requests.sqlite');
    const database = openDatabase(path);
    const errors: unknown[] = [];
    const raisedWhileAlive: boolean[] = [];
    const setPolicy: SetThreadPolicy = (tid, policy) => {
      if (policy === 'normal') {
        // Long enough for a thread already told to close to have ended.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
        raisedWhileAlive.push(existsSync(`/proc/self/task/${tid}`));
      }
      chrtThreadPolicy(tid, policy);
    };
    const priority = new WriterPriority({ setPolicy, mayLeaveIdle: true, raiseAtRows: 4000, raiseAfterMs: 60_000, lowerAfterMs: 10_000, clock: () => performance.now(), onError: (error) => errors.push(error) });
    const events: SinkEvents = { written: () => {}, failed: (_, error) => errors.push(error), error: (error) => errors.push(error) };
    const sink = workerSink(path, database, events, priority);
    try {
      await eventually(() => priority.state === 'idle');
      sink.write(rows(3));
      sink.close();
      expect(raisedWhileAlive).toEqual([true]);
      expect(errors).toEqual([]);
      expect(database.prepare('SELECT count(*) AS n FROM requests').get()).toEqual({ n: 3 });
    } finally {
      sink.close();
      database.close();
      folder.remove();
    }
  });

  it('is left alone with idleWriter: false', async () => {
    const folder = temporaryFolder();
    const before = threadsWithPolicy(SCHED_IDLE);
    const log = openRequestLog({ path: join(folder.folder, 'requests.sqlite'), idleWriter: false });
    try {
      log.record(requestEntry());
      log.flush();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(log.stats()).toMatchObject({ written: 1, writerPriority: 'unmanaged' });
      expect(threadsWithPolicy(SCHED_IDLE).filter((tid) => !before.includes(tid))).toEqual([]);
    } finally {
      log.close();
      folder.remove();
    }
  });
});
