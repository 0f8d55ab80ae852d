import { describe, expect, it } from 'vitest';
import { openRequestLog } from './request-log.ts';
import { ENTRY_TIME, manualClock, requestEntry } from './testing/entries.ts';

describe('who fetched a package version', () => {
  it('lists the served artifact requests of the named versions only, oldest first', () => {
    const log = openRequestLog({ path: ':memory:', clock: manualClock().now });
    const served = { package: 'event-stream', version: '3.3.6', path: '/event-stream/-/event-stream-3.3.6.tgz' };
    log.record(requestEntry({ ...served, time: ENTRY_TIME + 5, clientAddress: '10.0.0.2', identity: 'ci-bot', userAgent: 'npm/10' }));
    log.record(requestEntry({ ...served, time: ENTRY_TIME + 1, clientAddress: '10.0.0.1', cache: 'HIT' }));
    log.record(requestEntry({ ...served, time: ENTRY_TIME + 7, status: 304, clientAddress: '10.0.0.3' }));
    log.record(requestEntry({ ...served, time: ENTRY_TIME + 8, decision: 'audit', mode: 'audit', clientAddress: '10.0.0.4' }));
    log.record(requestEntry({ ...served, version: '3.3.4', time: ENTRY_TIME + 9, clientAddress: '10.0.0.5' }));
    // Not served, or not the content of a named version:
    log.record(requestEntry({ ...served, time: ENTRY_TIME + 2, decision: 'blocked', status: 403, clientAddress: '10.9.0.1' }));
    log.record(requestEntry({ ...served, time: ENTRY_TIME + 3, status: 502, clientAddress: '10.9.0.2' }));
    log.record(requestEntry({ ...served, time: ENTRY_TIME + 4, status: 404, clientAddress: '10.9.0.3' }));
    log.record(requestEntry({ ...served, version: undefined, kind: 'metadata', path: '/event-stream', clientAddress: '10.9.0.4' }));
    log.record(requestEntry({ ...served, version: '3.3.5', clientAddress: '10.9.0.5' }));
    log.record(requestEntry({ ...served, package: 'event-stream-2', clientAddress: '10.9.0.6' }));
    log.record(requestEntry({ ...served, ecosystem: 'pypi', clientAddress: '10.9.0.7' }));
    const fetches = log.whoFetched('npm', 'event-stream', ['3.3.6', '3.3.4']);
    expect(fetches.map((fetch) => fetch.clientAddress)).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5']);
    expect(fetches[1]).toEqual({
      time: ENTRY_TIME + 5, version: '3.3.6', path: '/event-stream/-/event-stream-3.3.6.tgz',
      clientAddress: '10.0.0.2', identity: 'ci-bot', userAgent: 'npm/10',
    });
    expect(fetches[0]?.identity).toBeNull();
    log.close();
  });

  it('sees requests still queued, honours its limit and answers nothing for no versions', () => {
    const log = openRequestLog({ path: ':memory:', clock: manualClock().now, flushIntervalMs: 60_000 });
    for (let i = 0; i < 5; i++) log.record(requestEntry({ time: ENTRY_TIME + i, clientAddress: `10.0.0.${i}` }));
    expect(log.whoFetched('npm', 'left-pad', ['1.3.0'])).toHaveLength(5);
    expect(log.whoFetched('npm', 'left-pad', ['1.3.0'], 2).map((fetch) => fetch.clientAddress)).toEqual(['10.0.0.0', '10.0.0.1']);
    expect(log.whoFetched('npm', 'left-pad', [])).toEqual([]);
    expect(log.whoFetched('npm', 'left-pad', ["1.3.0' OR '1'='1"])).toEqual([]);
    log.close();
  });
});
