import type { DatabaseSync, SQLInputValue } from 'node:sqlite';

/** The columns a request is written to, in the order `requestRow` gives their values. */
export const REQUEST_COLUMNS = [
  'time', 'ecosystem', 'package', 'version', 'kind', 'decision', 'reasons', 'report_ids', 'mode', 'cache',
  'status', 'duration_ms', 'method', 'path', 'client_address', 'user_agent', 'identity',
] as const;

/** Rows one statement inserts at once: fewer calls into SQLite per request logged. */
const ROWS_PER_STATEMENT = 32;

const insertInto = (rows: number) => {
  const values = `(${REQUEST_COLUMNS.map(() => '?').join(', ')})`;
  return `INSERT INTO requests (${REQUEST_COLUMNS.join(', ')}) VALUES ${Array.from({ length: rows }, () => values).join(', ')}`;
};

/**
 * Writes rows of requests (values in `REQUEST_COLUMNS` order) in one transaction, as many
 * at a time as one prepared statement takes: all of them, or, when one fails, none (the
 * error is thrown).
 */
export function requestInserter(database: DatabaseSync): (rows: readonly (readonly SQLInputValue[])[]) => void {
  const insertOne = database.prepare(insertInto(1));
  const insertMany = database.prepare(insertInto(ROWS_PER_STATEMENT));
  const values: SQLInputValue[] = [];
  return (rows) => {
    database.exec('BEGIN');
    try {
      let next = 0;
      for (; next + ROWS_PER_STATEMENT <= rows.length; next += ROWS_PER_STATEMENT) {
        values.length = 0;
        for (let i = next; i < next + ROWS_PER_STATEMENT; i++) values.push(...(rows[i] as readonly SQLInputValue[]));
        insertMany.run(...values);
      }
      for (; next < rows.length; next++) insertOne.run(...(rows[next] as readonly SQLInputValue[]));
      database.exec('COMMIT');
    } catch (error) {
      try {
        if (database.isTransaction) database.exec('ROLLBACK');
      } catch {
        // The write failed already; that is the error to report.
      }
      throw error;
    }
  };
}
