import type { SQLInputValue } from 'node:sqlite';
import type { RequestRows } from './request-sink.ts';
import { REQUEST_COLUMNS } from './request-statements.ts';

/**
 * Rows of requests as they cross to the writer thread: one number per value in a buffer
 * that is moved, not copied, and only the strings the writer thread has not seen yet.
 * A string value is the index of the string in the table both sides keep; `null` is -1.
 */
export interface PackedRows {
  readonly count: number;
  /** `count` rows of `REQUEST_COLUMNS.length` values each. */
  readonly values: Float64Array<ArrayBuffer>;
  /** The table starts over before this batch's strings are added. */
  readonly restart: boolean;
  /** Strings new to the table, in the order of their indexes, from `firstString` on. */
  readonly strings: readonly string[];
  readonly firstString: number;
}

const WIDTH = REQUEST_COLUMNS.length;
const NUMERIC: readonly boolean[] = REQUEST_COLUMNS.map((column) => column === 'time' || column === 'status' || column === 'duration_ms');
const NULL = -1;

/** Strings the table holds at most before it starts over: the writer thread's copy stays bounded. */
export const STRING_TABLE_LIMIT = 50_000;

/**
 * Packs rows for the writer thread (`rowUnpacker` on the other side). Requests repeat their
 * strings (package, path, client, user agent), so after the first batch most of a row is
 * numbers. Throws a TypeError for a value of the wrong type for its column.
 */
export function rowPacker(limit: number = STRING_TABLE_LIMIT): (rows: RequestRows) => PackedRows {
  const table = new Map<string, number>();
  let restartNext = false;
  return (rows) => {
    const restart = restartNext || table.size >= limit;
    if (restart) table.clear();
    const firstString = table.size;
    const strings: string[] = [];
    const values = new Float64Array(rows.length * WIDTH);
    try {
      fill(rows, values, table, strings);
    } catch (error) {
      // The writer thread never sees this batch: its strings leave the table, and a restart is told with the next one.
      for (const text of strings) table.delete(text);
      restartNext = restart;
      throw error;
    }
    restartNext = false;
    return { count: rows.length, values, restart, strings, firstString };
  };
}

function fill(rows: RequestRows, values: Float64Array<ArrayBuffer>, table: Map<string, number>, strings: string[]): void {
  let at = 0;
  for (const row of rows) {
    for (let column = 0; column < WIDTH; column++, at++) {
      const value = row[column];
      if (NUMERIC[column]) {
        if (typeof value !== 'number') throw new TypeError(`a request's ${REQUEST_COLUMNS[column]} must be a number`);
        values[at] = value;
      } else if (value === null) {
        values[at] = NULL;
      } else if (typeof value === 'string') {
        let index = table.get(value);
        if (index === undefined) {
          index = table.size;
          table.set(value, index);
          strings.push(value);
        }
        values[at] = index;
      } else {
        throw new TypeError(`a request's ${REQUEST_COLUMNS[column]} must be text or null`);
      }
    }
  }
}

/** Unpacks what `rowPacker` packed, in the order it was packed, keeping the string table. */
export function rowUnpacker(): (packed: PackedRows) => SQLInputValue[][] {
  const table: string[] = [];
  return ({ count, values, restart, strings, firstString }) => {
    if (restart) table.length = 0;
    if (firstString !== table.length) throw new Error(`packed rows out of order: their strings start at ${firstString}, the table holds ${table.length}`);
    for (const text of strings) table.push(text);
    const rows: SQLInputValue[][] = new Array<SQLInputValue[]>(count);
    let at = 0;
    for (let row = 0; row < count; row++) {
      const unpacked = new Array<SQLInputValue>(WIDTH);
      for (let column = 0; column < WIDTH; column++, at++) {
        const value = values[at]!;
        unpacked[column] = NUMERIC[column] ? value : value === NULL ? null : table[value]!;
      }
      rows[row] = unpacked;
    }
    return rows;
  };
}
