import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { requestRow } from './request-row.ts';
import type { RequestRows, SinkEvents } from './request-sink.ts';
import { requestEntry, temporaryFolder } from './testing/entries.ts';
import { workerSink } from './worker-sink.ts';

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
