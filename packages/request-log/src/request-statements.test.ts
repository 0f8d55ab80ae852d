import type { SQLInputValue } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { REQUEST_COLUMNS, requestInserter } from './request-statements.ts';

const row = (i: number): SQLInputValue[] => [1000 + i, 'npm', `pkg-${i}`, '1.0.0', 'artifact', 'allowed', null, null, 'enforce', 'HIT', 200, i / 10, 'GET', `/npm/pkg-${i}`, '127.0.0.1', 'npm/10', null];

describe('requestInserter', () => {
  it.each([1, 31, 32, 33, 70])('writes %i rows, every value in its column and in order', (count) => {
    const database = openDatabase(':memory:');
    const rows = Array.from({ length: count }, (_, i) => row(i));
    requestInserter(database)(rows);
    const stored = database.prepare(`SELECT ${REQUEST_COLUMNS.join(', ')} FROM requests ORDER BY id`).all();
    expect(stored.map((values) => REQUEST_COLUMNS.map((column) => values[column]))).toEqual(rows);
    database.close();
  });

  it('writes none of the rows when one of them fails, whether it goes with others or alone', () => {
    const database = openDatabase(':memory:');
    const insert = requestInserter(database);
    const broken = (i: number) => row(i).with(1, null); // ecosystem is NOT NULL
    for (const at of [5, 66]) {
      const rows = Array.from({ length: 70 }, (_, i) => (i === at ? broken(i) : row(i)));
      expect(() => insert(rows)).toThrow(/NOT NULL/);
      expect(database.prepare('SELECT COUNT(*) AS n FROM requests').get()).toEqual({ n: 0 });
      expect(database.isTransaction).toBe(false);
    }
    insert([row(1)]);
    expect(database.prepare('SELECT COUNT(*) AS n FROM requests').get()).toEqual({ n: 1 });
    database.close();
  });
});
