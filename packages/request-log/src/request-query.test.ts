import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestFilter } from './request-query.ts';
import { openRequestLog, type RequestLog } from './request-log.ts';
import { ENTRY_TIME, manualClock, requestEntry } from './testing/entries.ts';
import type { StoredRequest } from './types.ts';

let log: RequestLog;
beforeEach(() => {
  log = openRequestLog({ path: ':memory:', clock: manualClock().now });
  // 300 requests, 3 per millisecond: npm left-pad (allowed), npm evil (blocked), pypi requests (allowed).
  for (let i = 0; i < 100; i++) {
    const time = ENTRY_TIME + i;
    log.record(requestEntry({ time, version: `1.0.${i}` }));
    log.record(requestEntry({ time, package: 'evil', version: `6.6.${i}`, decision: 'blocked', status: 403, reportIds: ['MAL-2024-1'] }));
    log.record(requestEntry({ time, ecosystem: 'pypi', package: 'requests', version: `2.0.${i}`, path: `/packages/requests-2.0.${i}.tar.gz` }));
  }
  log.flush();
});
afterEach(() => log.close());

/** Every page of a filter, following the cursors. */
function allPages(filter: RequestFilter): { pages: number; entries: StoredRequest[] } {
  const entries: StoredRequest[] = [];
  let before: string | undefined;
  let pages = 0;
  do {
    const page = log.query({ ...filter, before });
    if (!page.ok) throw new Error(page.error);
    pages++;
    entries.push(...page.value.entries);
    before = page.value.next;
  } while (before !== undefined);
  return { pages, entries };
}

describe('listing logged requests', () => {
  it('pages through everything newest first, each request once', () => {
    const { pages, entries } = allPages({ limit: 64 });
    expect(pages).toBe(5);
    expect(entries).toHaveLength(300);
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(300);
    for (let i = 1; i < entries.length; i++) {
      const [newer, older] = [entries[i - 1]!, entries[i]!];
      expect(newer.time > older.time || (newer.time === older.time && newer.id > older.id)).toBe(true);
    }
  });

  it('filters by ecosystem, package and decision across pages', () => {
    const blocked = allPages({ ecosystem: 'npm', package: 'evil', decision: 'blocked', limit: 30 });
    expect(blocked.pages).toBe(4);
    expect(blocked.entries.map((entry) => entry.version)).toEqual(Array.from({ length: 100 }, (_, i) => `6.6.${99 - i}`));
    expect(blocked.entries[0]).toMatchObject({ status: 403, reportIds: ['MAL-2024-1'], decision: 'blocked' });
    expect(allPages({ decision: 'blocked' }).entries).toHaveLength(100);
    expect(allPages({ ecosystem: 'pypi' }).entries.every((entry) => entry.package === 'requests')).toBe(true);
    expect(allPages({ ecosystem: 'pypi', package: 'evil' }).entries).toEqual([]);
  });

  it('filters by time, since inclusive and until exclusive', () => {
    const { entries } = allPages({ package: 'left-pad', since: ENTRY_TIME + 10, until: ENTRY_TIME + 20, limit: 3 });
    expect(entries.map((entry) => entry.version)).toEqual(Array.from({ length: 10 }, (_, i) => `1.0.${19 - i}`));
  });

  it('gives the first 100 unless told, and 1000 at most', () => {
    const first = log.query();
    expect(first.ok && first.value.entries).toHaveLength(100);
    expect(first.ok && first.value.next).toBeTypeOf('string');
    const all = log.query({ limit: 5000 });
    expect(all.ok && all.value.entries).toHaveLength(300);
    expect(all.ok && all.value.next).toBeUndefined();
  });

  it('refuses bad limits and filters with a reason instead of throwing', () => {
    expect(log.query({ limit: 0 })).toEqual({ ok: false, error: 'the limit 0 is not a positive whole number' });
    expect(log.query({ limit: 2.5 }).ok).toBe(false);
    expect(log.query({ ecosystem: 'cargo' as 'npm' })).toEqual({ ok: false, error: 'unknown ecosystem "cargo"' });
    expect(log.query({ decision: 'denied' as 'blocked' }).ok).toBe(false);
    expect(log.query({ since: Number.NaN }).ok).toBe(false);
    expect(log.query({ package: 42 as unknown as string }).ok).toBe(false);
  });

  it('refuses a tampered cursor with a reason, and a forged one gives a page, not a crash', () => {
    const page = log.query({ limit: 10 });
    const cursor = page.ok ? page.value.next ?? '' : '';
    expect(log.query({ before: `${cursor}x` })).toEqual({ ok: false, error: 'the cursor is not one this log handed out' });
    expect(log.query({ before: "' OR 1=1 --" }).ok).toBe(false);
    for (let i = 0; i < 2; i++) log.recordAlert({ reportIds: ['MAL-1'], ecosystem: 'npm', package: 'evil', versions: ['6.6.0'], fetches: [] });
    const alerts = log.listAlerts({ limit: 1 });
    const alertCursor = alerts.ok ? alerts.value.next : undefined;
    expect(alertCursor).toBeTypeOf('string');
    expect(log.query({ before: alertCursor }).ok).toBe(false);
    const forged = log.query({ before: Buffer.from('r:0:1').toString('base64url') });
    expect(forged).toEqual({ ok: true, value: { entries: [] } });
  });
});

describe('listing requests still queued', () => {
  it('shows them once they are written, without waiting for them', () => {
    const queued = openRequestLog({ path: ':memory:', clock: manualClock().now, flushIntervalMs: 60_000 });
    queued.record(requestEntry());
    const before = queued.query();
    expect(before.ok && before.value.entries).toEqual([]);
    queued.flush();
    const after = queued.query();
    expect(after.ok && after.value.entries).toHaveLength(1);
    queued.close();
  });
});
