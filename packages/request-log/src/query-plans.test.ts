import type { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { encodeCursor } from './cursor.ts';
import { openDatabase } from './database.ts';
import { requestQuery, type RequestFilter } from './request-query.ts';
import { retentionStep } from './retention.ts';
import { fetchLookup } from './who-fetched.ts';

/** The query plan of every statement prepared on `database` while `run` runs. */
function plansOf(database: DatabaseSync, run: () => void): string[] {
  const prepare = database.prepare.bind(database);
  const plans: string[] = [];
  database.prepare = ((sql: string) => {
    plans.push(prepare(`EXPLAIN QUERY PLAN ${sql}`).all().map((row) => String(row['detail'])).join('; '));
    return prepare(sql);
  }) as DatabaseSync['prepare'];
  try {
    run();
  } finally {
    database.prepare = prepare;
  }
  return plans;
}

const cursor = encodeCursor('r', { time: 1000, id: 10 });

describe('query plans of the request log', () => {
  it.each<[string, RequestFilter, string]>([
    ['no filter', {}, 'requests_by_time'],
    ['an ecosystem and times', { ecosystem: 'npm', since: 1, until: 2, before: cursor }, 'requests_by_time'],
    ['a package', { ecosystem: 'npm', package: 'left-pad', before: cursor }, 'requests_by_package'],
    ['a package and a decision', { ecosystem: 'npm', package: 'left-pad', decision: 'allowed' }, 'requests_by_package'],
    ['blocked requests', { ecosystem: 'pypi', decision: 'blocked', before: cursor }, 'requests_refused'],
    ['audited requests', { decision: 'audit', since: 1 }, 'requests_refused'],
    ['allowed requests', { decision: 'allowed', before: cursor }, 'requests_by_time'],
  ])('read %s in page order from an index, without sorting', (_name, filter, index) => {
    const database = openDatabase(':memory:');
    const [plan] = plansOf(database, () => requestQuery(database)(filter));
    expect(plan).toContain(`USING INDEX ${index}`);
    expect(plan).not.toContain('TEMP B-TREE');
    database.close();
  });

  it('look up who fetched from the package index, in time order', () => {
    const database = openDatabase(':memory:');
    const [plan] = plansOf(database, () => fetchLookup(database));
    expect(plan).toContain('USING INDEX requests_by_package (ecosystem=? AND package=?)');
    expect(plan).not.toContain('TEMP B-TREE');
    database.close();
  });

  it('runs a retention step from the time index and the id order, scanning no table', () => {
    const database = openDatabase(':memory:');
    const plans = plansOf(database, () => retentionStep(database));
    expect(plans).toHaveLength(3);
    const [byAge, bounds, byCount] = plans as [string, string, string];
    expect(byAge).toContain('USING COVERING INDEX requests_by_time (time<?)');
    expect(bounds).toMatch(/^SCAN CONSTANT ROW; SCALAR SUBQUERY \d+; SEARCH requests; SCALAR SUBQUERY \d+; SEARCH requests$/);
    expect(byCount).toContain('USING INTEGER PRIMARY KEY (rowid<?)');
    for (const plan of plans) expect(plan).not.toMatch(/SCAN requests\b/);
    database.close();
  });
});
