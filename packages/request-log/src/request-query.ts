import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { ECOSYSTEMS, failure, isEcosystem, printable, success, type Ecosystem, type Result } from '@palisade/core';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { NOT_ALLOWED } from './database.ts';
import { STORED_REQUEST_COLUMNS, storedRequest } from './request-row.ts';
import { REQUEST_DECISIONS, type RequestDecision, type RequestPage } from './types.ts';

/** Which requests to list; every field narrows the list. */
export interface RequestFilter {
  readonly ecosystem?: Ecosystem | undefined;
  /** The package's name as logged (normalised); best given with `ecosystem`, which lets the lookup use its index. */
  readonly package?: string | undefined;
  readonly decision?: RequestDecision | undefined;
  /** Requests at or after this time (ms since the epoch). */
  readonly since?: number | undefined;
  /** Requests before this time (ms since the epoch). */
  readonly until?: number | undefined;
  /** Requests per page: 100 unless given, 1000 at most. */
  readonly limit?: number | undefined;
  /** The `next` cursor of the page before. */
  readonly before?: string | undefined;
}

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;
const CURSOR_SCOPE = 'r';

/** A page size as asked, within bounds, or a failure for one that is not a positive whole number. */
export function pageSize(limit: number | undefined, fallback: number, most: number): Result<number> {
  if (limit === undefined) return success(fallback);
  if (!Number.isInteger(limit) || limit < 1) return failure(`the limit ${printable(String(limit))} is not a positive whole number`);
  return success(Math.min(limit, most));
}

/**
 * Pages through the logged requests newest first (by time, then id), with keyset
 * pagination: a page costs the same wherever it is. Bad filters or cursors are failures.
 */
export function requestQuery(database: DatabaseSync): (filter: RequestFilter) => Result<RequestPage> {
  const statements = new Map<string, StatementSync>();
  return (filter) => {
    const size = pageSize(filter.limit, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    if (!size.ok) return size;
    const where: string[] = [];
    const values: SQLInputValue[] = [];
    const problem = addConditions(filter, where, values);
    if (problem !== undefined) return failure(problem);
    const sql = `SELECT ${STORED_REQUEST_COLUMNS} FROM requests${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY time DESC, id DESC LIMIT ?`;
    let statement = statements.get(sql);
    if (statement === undefined) statements.set(sql, (statement = database.prepare(sql)));
    const rows = statement.all(...values, size.value + 1);
    const entries = rows.slice(0, size.value).map(storedRequest);
    const last = entries.at(-1);
    return success(rows.length > size.value && last !== undefined ? { entries, next: encodeCursor(CURSOR_SCOPE, last) } : { entries });
  };
}

/**
 * The conditions of `filter`, written so that SQLite reads the index that yields rows in
 * page order: by package when one is named, else by decision when blocked or audited
 * requests are asked for, else by time. (A unary `+` keeps a column's index out of the choice: without statistics, SQLite
 * would take the index of any equality, and sort every npm request to show 100.)
 */
function addConditions(filter: RequestFilter, where: string[], values: SQLInputValue[]): string | undefined {
  const byPackage = filter.package !== undefined;
  if (filter.ecosystem !== undefined) {
    if (typeof filter.ecosystem !== 'string' || !isEcosystem(filter.ecosystem)) return `unknown ecosystem "${printable(String(filter.ecosystem))}"`;
    where.push(byPackage ? 'ecosystem = ?' : '+ecosystem = ?');
    values.push(filter.ecosystem);
  } else if (byPackage) {
    where.push(`ecosystem IN (${ECOSYSTEMS.map(() => '?').join(', ')})`);
    values.push(...ECOSYSTEMS);
  }
  if (filter.package !== undefined) {
    if (typeof filter.package !== 'string') return 'the package is not a name';
    where.push('package = ?');
    values.push(filter.package);
  }
  if (filter.decision !== undefined) {
    if (!REQUEST_DECISIONS.includes(filter.decision)) return `unknown decision "${printable(String(filter.decision))}"`;
    // Blocked and audited requests are read from their own index (its condition must be
    // written as it is for SQLite to use it); allowed ones, nearly all, in time order.
    const fromIndex = !byPackage && filter.decision !== 'allowed';
    where.push(fromIndex ? `decision = ? AND ${NOT_ALLOWED}` : '+decision = ?');
    values.push(filter.decision);
  }
  for (const [bound, condition] of [[filter.since, 'time >= ?'], [filter.until, 'time < ?']] as const) {
    if (bound === undefined) continue;
    if (typeof bound !== 'number' || !Number.isFinite(bound)) return `the time ${printable(String(bound))} is not a number of milliseconds`;
    where.push(condition);
    values.push(bound);
  }
  if (filter.before !== undefined) {
    const position = decodeCursor(CURSOR_SCOPE, filter.before);
    if (!position.ok) return position.error;
    where.push('time <= ? AND (time < ? OR id < ?)');
    values.push(position.value.time, position.value.time, position.value.id);
  }
  return undefined;
}
