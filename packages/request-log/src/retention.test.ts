import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openRequestLog } from './request-log.ts';
import { manualClock, requestEntry, temporaryFolder } from './testing/entries.ts';

const DAY = 86_400_000;

afterEach(() => vi.useRealTimers());

function versionsKept(log: ReturnType<typeof openRequestLog>): (string | null)[] {
  const page = log.query({ limit: 1000 });
  if (!page.ok) throw new Error(page.error);
  return page.value.entries.map((entry) => entry.version);
}

describe('request log retention', () => {
  it('deletes requests older than the days kept, by the clock', () => {
    const clock = manualClock();
    const log = openRequestLog({ path: ':memory:', clock: clock.now, retention: { days: 7, rows: 1000 } });
    log.record(requestEntry({ version: 'old', time: clock.now() - 8 * DAY }));
    log.record(requestEntry({ version: 'edge', time: clock.now() - 7 * DAY }));
    log.record(requestEntry({ version: 'new', time: clock.now() - DAY }));
    log.flush();
    expect(log.prune()).toBe(1);
    expect(versionsKept(log)).toEqual(['new', 'edge']);
    clock.advance(DAY);
    expect(log.prune()).toBe(1);
    expect(versionsKept(log)).toEqual(['new']);
    log.close();
  });

  it('keeps the newest rows written, at most as many as told', () => {
    const log = openRequestLog({ path: ':memory:', clock: manualClock().now, retention: { days: 30, rows: 25 } });
    for (let i = 0; i < 60; i++) log.record(requestEntry({ version: `1.0.${i}` }));
    log.flush();
    expect(log.prune()).toBe(35);
    const kept = versionsKept(log);
    expect(kept).toHaveLength(25);
    expect(kept).toContain('1.0.59');
    expect(kept).toContain('1.0.35');
    expect(kept).not.toContain('1.0.34');
    expect(log.prune()).toBe(0);
    log.close();
  });

  it('deletes more than one step holds when told to prune', () => {
    const log = openRequestLog({ path: ':memory:', clock: manualClock().now, retention: { days: 30, rows: 100 }, maxBatch: 5000, maxQueued: 20_000 });
    for (let i = 0; i < 12_100; i++) log.record(requestEntry());
    log.flush();
    expect(log.prune()).toBe(12_000);
    expect(versionsKept(log)).toHaveLength(100);
    log.close();
  });

  it('runs by itself after timed writes, at most once per interval', () => {
    vi.useFakeTimers();
    const clock = manualClock();
    const log = openRequestLog({ path: ':memory:', clock: clock.now, retention: { days: 1, rows: 1000 }, flushIntervalMs: 100, pruneIntervalMs: 60_000 });
    log.record(requestEntry({ version: 'stale', time: clock.now() - 2 * DAY }));
    log.record(requestEntry({ version: 'fresh' }));
    vi.advanceTimersByTime(100);
    vi.runOnlyPendingTimers();
    expect(versionsKept(log)).toEqual(['fresh']);
    log.record(requestEntry({ version: 'stale again', time: clock.now() - 2 * DAY }));
    vi.advanceTimersByTime(100);
    vi.runOnlyPendingTimers();
    expect(versionsKept(log)).toEqual(['fresh', 'stale again']);
    clock.advance(60_000);
    log.record(requestEntry({ version: 'later' }));
    vi.advanceTimersByTime(100);
    vi.runOnlyPendingTimers();
    expect(versionsKept(log)).toEqual(['later', 'fresh']);
    log.close();
  });

  it('by default runs every second, so a log at its row limit deletes as it writes, not in bursts', () => {
    vi.useFakeTimers();
    const clock = manualClock();
    const log = openRequestLog({ path: ':memory:', clock: clock.now, retention: { days: 30, rows: 10 } });
    for (let second = 0; second < 3; second++) {
      for (let i = 0; i < 5; i++) log.record(requestEntry({ version: `${second}.0.${i}` }));
      clock.advance(1000);
      vi.advanceTimersByTime(1000);
      vi.runOnlyPendingTimers();
      expect(versionsKept(log).length).toBeLessThanOrEqual(10);
    }
    expect(versionsKept(log)).toEqual(['2.0.4', '2.0.3', '2.0.2', '2.0.1', '2.0.0', '1.0.4', '1.0.3', '1.0.2', '1.0.1', '1.0.0']);
    log.close();
  });

  it('runs on the writer thread of a file too', () => {
    const folder = temporaryFolder();
    const log = openRequestLog({ path: join(folder.folder, 'requests.sqlite'), clock: manualClock().now, retention: { days: 30, rows: 10 } });
    for (let i = 0; i < 25; i++) log.record(requestEntry({ version: `1.0.${i}` }));
    log.flush();
    expect(log.prune()).toBe(15);
    expect(versionsKept(log)).toEqual(Array.from({ length: 10 }, (_, i) => `1.0.${24 - i}`));
    log.close();
    folder.remove();
  });

  it('leaves alerts alone', () => {
    const clock = manualClock();
    const log = openRequestLog({ path: ':memory:', clock: clock.now, retention: { days: 1, rows: 1 } });
    log.recordAlert({ reportIds: ['MAL-1'], ecosystem: 'npm', package: 'left-pad', versions: ['1.3.0'], fetches: [], time: clock.now() - 400 * DAY });
    for (let i = 0; i < 3; i++) log.record(requestEntry());
    log.flush();
    log.prune();
    const alerts = log.listAlerts();
    expect(alerts.ok && alerts.value.alerts).toHaveLength(1);
    log.close();
  });

  it('refuses settings that are not positive numbers', () => {
    expect(() => openRequestLog({ path: ':memory:', retention: { days: 0, rows: 10 } })).toThrow(/retention.days/);
    expect(() => openRequestLog({ path: ':memory:', maxQueued: 2.5 })).toThrow(/maxQueued/);
    expect(() => openRequestLog({ path: ':memory:', flushIntervalMs: Number.NaN })).toThrow(/flushIntervalMs/);
  });
});
