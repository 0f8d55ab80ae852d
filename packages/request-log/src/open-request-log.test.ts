import { existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './database.ts';
import { openRequestLog } from './request-log.ts';
import { manualClock, requestEntry, temporaryFolder } from './testing/entries.ts';

let folder: ReturnType<typeof temporaryFolder>;
beforeEach(() => (folder = temporaryFolder()));
afterEach(() => folder.remove());
const clock = manualClock().now;

describe('opening the request log', () => {
  it('makes its folder and a WAL database of the current schema', () => {
    const path = join(folder.folder, 'data', 'logs', 'requests.sqlite');
    openRequestLog({ path, clock }).close();
    expect(existsSync(path)).toBe(true);
    const reader = new DatabaseSync(path, { readOnly: true });
    expect(reader.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(reader.prepare('PRAGMA user_version').get()).toEqual({ user_version: SCHEMA_VERSION });
    const indexes = reader.prepare("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name").all().map((row) => row['name']);
    expect(indexes).toEqual(['alerts_by_time', 'requests_by_package', 'requests_by_time', 'requests_refused']);
    reader.close();
  });

  it('opens a file of schema 1, keeping its requests and indexing only the blocked and audited ones by decision', () => {
    const path = join(folder.folder, 'requests.sqlite');
    const log = openRequestLog({ path, clock, writeOn: 'main-thread' });
    log.record(requestEntry({ decision: 'allowed', identity: 'alice' }));
    log.record(requestEntry({ decision: 'blocked', identity: 'bob' }));
    log.close();
    const older = new DatabaseSync(path);
    older.exec('DROP INDEX requests_refused; CREATE INDEX requests_by_decision ON requests (decision, time); PRAGMA user_version = 1');
    older.close();
    const reopened = openRequestLog({ path, clock });
    const blocked = reopened.query({ decision: 'blocked' });
    expect(blocked.ok && blocked.value.entries.map((entry) => entry.identity)).toEqual(['bob']);
    reopened.close();
    const reader = new DatabaseSync(path, { readOnly: true });
    expect(reader.prepare('PRAGMA user_version').get()).toEqual({ user_version: SCHEMA_VERSION });
    expect(reader.prepare("SELECT sql FROM sqlite_master WHERE name LIKE 'requests_%' AND type = 'index' ORDER BY name").all().map((row) => row['sql'])).toEqual([
      'CREATE INDEX requests_by_package ON requests (ecosystem, package, time)',
      'CREATE INDEX requests_by_time ON requests (time)',
      "CREATE INDEX requests_refused ON requests (decision, time) WHERE decision <> 'allowed'",
    ]);
    expect(reader.prepare('SELECT COUNT(*) AS n FROM requests').get()).toEqual({ n: 2 });
    reader.close();
  });

  it('writes what is queued on close, and keeps requests and alerts when opened again', () => {
    const path = join(folder.folder, 'requests.sqlite');
    const log = openRequestLog({ path, clock, flushIntervalMs: 60_000 });
    log.record(requestEntry({ identity: 'alice' }));
    log.recordAlert({ reportIds: ['MAL-1'], ecosystem: 'npm', package: 'left-pad', versions: ['1.3.0'], fetches: [] });
    log.close();
    log.close();
    expect(log.stats()).toMatchObject({ written: 1, queued: 0 });
    const reopened = openRequestLog({ path, clock });
    const page = reopened.query();
    expect(page.ok && page.value.entries.map((entry) => entry.identity)).toEqual(['alice']);
    const alerts = reopened.listAlerts();
    expect(alerts.ok && alerts.value.alerts.map((alert) => alert.reportIds)).toEqual([['MAL-1']]);
    reopened.close();
  });

  it('drops records after close and refuses reads with a clear error', () => {
    const log = openRequestLog({ path: ':memory:', clock });
    log.close();
    expect(() => log.record(requestEntry())).not.toThrow();
    expect(log.stats()).toMatchObject({ recorded: 1, dropped: 1, queued: 0 });
    expect(() => log.query()).toThrow('the request log :memory: is closed');
    expect(() => log.whoFetched('npm', 'left-pad', ['1.3.0'])).toThrow(/is closed/);
  });

  it('refuses a file that is not a database, naming it', () => {
    const path = join(folder.folder, 'requests.sqlite');
    writeFileSync(path, 'this is not a database '.repeat(100));
    expect(() => openRequestLog({ path, clock })).toThrow(`the request log ${path} cannot be opened: file is not a database`);
  });

  it('refuses a truncated database, naming it', () => {
    const path = join(folder.folder, 'requests.sqlite');
    const log = openRequestLog({ path, clock, writeOn: 'main-thread' });
    for (let i = 0; i < 2000; i++) log.record(requestEntry({ userAgent: `agent ${i}`.padEnd(200, '.') }));
    log.close();
    truncateSync(path, 8192);
    expect(() => openRequestLog({ path, clock })).toThrow(`the request log ${path} cannot be opened`);
  });

  it('refuses a file of a newer schema, and a folder', () => {
    const path = join(folder.folder, 'requests.sqlite');
    const newer = new DatabaseSync(path);
    newer.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    newer.close();
    expect(() => openRequestLog({ path, clock })).toThrow(/newer than this version of Palisade reads/);
    expect(() => openRequestLog({ path: folder.folder, clock })).toThrow(`the request log ${folder.folder} cannot be opened`);
    expect(readFileSync(path).length).toBeGreaterThan(0);
  });
});
