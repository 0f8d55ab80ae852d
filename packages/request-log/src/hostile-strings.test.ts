import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRequestLog } from './request-log.ts';
import { manualClock, requestEntry, temporaryFolder } from './testing/entries.ts';

describe('untrusted strings in the request log', () => {
  it.each(['main-thread', 'worker'] as const)('round-trip exactly when within bounds, written on the %s: NUL, quotes, SQL, non-ASCII', (writeOn) => {
    const folder = temporaryFolder();
    const log = openRequestLog({ path: join(folder.folder, 'requests.sqlite'), clock: manualClock().now, writeOn });
    const hostile = {
      package: "evil'); DROP TABLE requests; --",
      version: '1.0.0\u0000; rm -rf /',
      path: '/%2e%2e/..\\..\u0000/etc/passwd?x="1"',
      userAgent: 'npm/10 \u0000\r\nX-Injected: yes 😀 ünïcödé',
      identity: 'bob\u0000admin',
      clientAddress: '::ffff:127.0.0.1%eth0',
      method: 'GET\u0000',
      reasons: ['a "quoted" \\ reason\u0000'],
      reportIds: ['MAL-1\u0000', '"]}'],
    };
    log.record(requestEntry(hostile));
    log.flush();
    const page = log.query({ package: hostile.package });
    expect(page.ok && page.value.entries[0]).toMatchObject(hostile);
    expect(log.whoFetched('npm', hostile.package, [hostile.version]).map((fetch) => fetch.userAgent)).toEqual([hostile.userAgent]);
    expect(log.whoFetched('npm', hostile.package, ['1.0.0'])).toEqual([]);
    expect(log.stats().written).toBe(1);
    log.close();
    folder.remove();
  });

  it('are stored shortened to their bounds', () => {
    const log = openRequestLog({ path: ':memory:', clock: manualClock().now });
    log.record(requestEntry({
      userAgent: 'A'.repeat(1_000_000),
      path: `/${'p'.repeat(100_000)}`,
      package: 'n'.repeat(10_000),
      identity: 'i'.repeat(10_000),
      reportIds: Array.from({ length: 10_000 }, (_, i) => `MAL-${i}`),
    }));
    log.flush();
    const page = log.query();
    const stored = page.ok ? page.value.entries[0] : undefined;
    expect(stored?.userAgent).toHaveLength(512);
    expect(stored?.path).toHaveLength(2048);
    expect(stored?.package).toHaveLength(512);
    expect(stored?.identity).toHaveLength(256);
    expect(stored?.reportIds).toHaveLength(64);
    log.close();
  });

  it('that are not strings at all are stored as absent', () => {
    const log = openRequestLog({ path: ':memory:', clock: manualClock().now });
    log.record(requestEntry({ userAgent: 42 as unknown as string, identity: { toString: () => 'x' } as unknown as string, reasons: 'oops' as unknown as string[] }));
    log.flush();
    const page = log.query();
    expect(page.ok && page.value.entries[0]).toMatchObject({ userAgent: null, identity: null, reasons: [] });
    log.close();
  });
});
