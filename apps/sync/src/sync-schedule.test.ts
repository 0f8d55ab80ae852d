import { describe, expect, it } from 'vitest';
import { runScheduled } from './sync-schedule.ts';

describe('runScheduled', () => {
  it('runs at the interval, retries sooner after failures with doubling delays, and stops when told', async () => {
    const outcomes = [true, false, false, false, false, true, true];
    const waits: number[] = [];
    const stop = new AbortController();
    let runs = 0;
    await runScheduled(async () => outcomes[runs++] ?? true, {
      intervalMs: 600_000,
      retryMs: 60_000,
      signal: stop.signal,
      sleep: async (ms) => {
        waits.push(ms);
        if (waits.length === outcomes.length) stop.abort();
      },
    });
    expect(waits).toEqual([600_000, 60_000, 120_000, 240_000, 480_000, 600_000, 600_000]);
    expect(runs).toBe(7);
  });

  it('never waits longer than the interval after failures', async () => {
    const waits: number[] = [];
    const stop = new AbortController();
    await runScheduled(async () => false, { intervalMs: 90_000, signal: stop.signal, sleep: async (ms) => void (waits.push(ms) === 3 && stop.abort()) });
    expect(waits).toEqual([60_000, 90_000, 90_000]);
  });
});
