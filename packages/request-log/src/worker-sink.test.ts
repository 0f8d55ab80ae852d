import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { requestRow } from './request-row.ts';
import type { RequestRows, SinkEvents } from './request-sink.ts';
import { requestEntry, temporaryFolder } from './testing/entries.ts';
import { niceOf } from './testing/thread-nice.ts';
import { workerSink } from './worker-sink.ts';

/** The ids of this process's threads at the lowest priority (nice 19); a thread that ends meanwhile is left out. */
const lowestPriorityThreads = (): string[] =>
  readdirSync('/proc/self/task').filter((thread) => {
    try {
      return niceOf(`/proc/self/task/${thread}/stat`) === 19;
    } catch {
      return false;
    }
  });

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

  it.runIf(process.platform === 'linux')('writes on a thread of the lowest CPU priority', () => {
    const folder = temporaryFolder();
    const database = openDatabase(':memory:');
    // Threads of other tests' sinks may still be ending: the new one is the one not seen before.
    const before = new Set(lowestPriorityThreads());
    const sink = workerSink(`${folder.folder}/log.sqlite`, database, { written: () => undefined, failed: () => undefined, error: (error) => { throw error; } });
    sink.write(rows(2));
    sink.settle();
    expect(lowestPriorityThreads().filter((thread) => !before.has(thread))).toHaveLength(1);
    sink.close();
    database.close();
    folder.remove();
  });
});
