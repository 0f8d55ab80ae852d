import { describe, expect, it } from 'vitest';
import type { AlertInput } from './alerts.ts';
import { openRequestLog } from './request-log.ts';
import { ENTRY_TIME, manualClock, requestEntry } from './testing/entries.ts';

const alert = (overrides: Partial<AlertInput> = {}): AlertInput => ({
  reportIds: ['MAL-2024-1'], ecosystem: 'npm', package: 'evil', versions: ['6.6.6'], fetches: [], ...overrides,
});

describe('retroactive alerts', () => {
  it('stores who fetched a newly flagged version and lists alerts newest first across pages', () => {
    const clock = manualClock();
    const log = openRequestLog({ path: ':memory:', clock: clock.now });
    log.record(requestEntry({ package: 'evil', version: '6.6.6', clientAddress: '10.0.0.7', identity: 'alice' }));
    const fetches = log.whoFetched('npm', 'evil', ['6.6.6']);
    const first = log.recordAlert(alert({ fetches }));
    expect(first).toMatchObject({ time: ENTRY_TIME, package: 'evil', versions: ['6.6.6'], reportIds: ['MAL-2024-1'] });
    expect(first.fetches).toEqual([expect.objectContaining({ clientAddress: '10.0.0.7', identity: 'alice', version: '6.6.6' })]);
    clock.advance(1000);
    for (let i = 0; i < 4; i++) log.recordAlert(alert({ package: `evil-${i}` }));
    log.recordAlert(alert({ package: 'older', time: ENTRY_TIME - 1 }));
    const seen: string[] = [];
    let before: string | undefined;
    do {
      const page = log.listAlerts({ limit: 2, before });
      if (!page.ok) throw new Error(page.error);
      seen.push(...page.value.alerts.map((stored) => stored.package));
      before = page.value.next;
    } while (before !== undefined);
    expect(seen).toEqual(['evil-3', 'evil-2', 'evil-1', 'evil-0', 'evil', 'older']);
    const listed = log.listAlerts({ limit: 10 });
    expect(listed.ok && listed.value.alerts.find((stored) => stored.id === first.id)).toEqual(first);
    log.close();
  });

  it('refuses bad limits and cursors, and an unknown ecosystem', () => {
    const log = openRequestLog({ path: ':memory:' });
    expect(log.listAlerts({ limit: -1 }).ok).toBe(false);
    expect(log.listAlerts({ before: 'not-a-cursor' })).toEqual({ ok: false, error: 'the cursor is not one this log handed out' });
    expect(() => log.recordAlert(alert({ ecosystem: 'cargo' as 'npm' }))).toThrow(/unknown ecosystem/);
    log.close();
  });

  it('bounds what it stores', () => {
    const log = openRequestLog({ path: ':memory:' });
    const stored = log.recordAlert(alert({
      package: 'p'.repeat(10_000),
      versions: Array.from({ length: 5000 }, (_, i) => `${i}`),
      fetches: [{ time: 1, version: '1', path: '/x'.repeat(5000), clientAddress: null, identity: null, userAgent: 'u'.repeat(5000) }],
    }));
    expect(stored.package).toHaveLength(512);
    expect(stored.versions).toHaveLength(1000);
    expect(stored.fetches[0]?.path).toHaveLength(2048);
    expect(stored.fetches[0]?.userAgent).toHaveLength(512);
    log.close();
  });
});
