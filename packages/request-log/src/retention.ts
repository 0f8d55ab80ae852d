import type { DatabaseSync } from 'node:sqlite';

/** How much of the request log is kept: requests younger than `days`, and the newest `rows` of them at most. */
export interface Retention {
  readonly days: number;
  readonly rows: number;
}

export const DEFAULT_RETENTION: Retention = { days: 30, rows: 1_000_000 };

const DAY_MS = 86_400_000;

/**
 * One bounded step of retention: deletes at most `chunk` requests that are older than
 * `retention.days` before `now`, or that fall outside the newest `retention.rows` (by
 * the order they were written in, ids counting up), and returns how many it deleted.
 * Each step is one short statement per rule, using the time index and the id order, so
 * steps can be spread over turns of the event loop. Alerts are never deleted here.
 */
export function retentionStep(database: DatabaseSync): (retention: Retention, now: number, chunk: number) => number {
  const byAge = database.prepare('DELETE FROM requests WHERE id IN (SELECT id FROM requests WHERE time < ? ORDER BY time LIMIT ?)');
  // Two scalar subqueries: SQLite reads a lone min() or max() off the end of the id order,
  // where `SELECT min(id), max(id)` scans the whole table, on every step.
  const bounds = database.prepare('SELECT (SELECT min(id) FROM requests) AS first, (SELECT max(id) FROM requests) AS last');
  const byCount = database.prepare('DELETE FROM requests WHERE id <= ?');
  return (retention, now, chunk) => {
    let deleted = Number(byAge.run(now - retention.days * DAY_MS, chunk).changes);
    const { first, last } = bounds.get() ?? {};
    if (typeof first === 'number' && typeof last === 'number' && last - first + 1 > retention.rows) {
      const room = chunk - deleted;
      if (room > 0) deleted += Number(byCount.run(Math.min(last - retention.rows, first + room - 1)).changes);
    }
    return deleted;
  };
}

/** Requests deleted per retention step: short statements, so writes of the other connection interleave. */
export const RETENTION_CHUNK = 5000;

/** Runs retention steps until one deletes less than a chunk; returns the requests deleted. */
export function pruneToEnd(step: ReturnType<typeof retentionStep>, retention: Retention, now: number): number {
  let deleted = 0;
  let latest: number;
  do {
    latest = step(retention, now, RETENTION_CHUNK);
    deleted += latest;
  } while (latest === RETENTION_CHUNK);
  return deleted;
}
