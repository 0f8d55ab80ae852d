import type { DatabaseSync, SQLInputValue } from 'node:sqlite';

/** The columns a request is written to, in the order `requestRow` gives their values. */
export const REQUEST_COLUMNS = [
  'time', 'ecosystem', 'package', 'version', 'kind', 'decision', 'reasons', 'report_ids', 'mode', 'cache',
  'status', 'duration_ms', 'method', 'path', 'client_address', 'user_agent', 'identity',
] as const;

/**
 * Writes rows of requests (values in `REQUEST_COLUMNS` order) in one transaction with one
 * prepared statement: all of them, or, when one fails, none (the error is thrown).
 */
export function requestInserter(database: DatabaseSync): (rows: readonly (readonly SQLInputValue[])[]) => void {
  const insert = database.prepare(`INSERT INTO requests (${REQUEST_COLUMNS.join(', ')}) VALUES (${REQUEST_COLUMNS.map(() => '?').join(', ')})`);
  return (rows) => {
    database.exec('BEGIN');
    try {
      for (const row of rows) insert.run(...row);
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
