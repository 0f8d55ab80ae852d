/** How a scheduled sync waits: injected, so tests need no real time. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export interface ScheduleOptions {
  readonly intervalMs: number;
  /** The first retry after a failure (default 1 minute); each further one doubles, up to the interval. */
  readonly retryMs?: number;
  readonly signal: AbortSignal;
  readonly sleep: Sleep;
}

/** Sleeps `ms`, or less when `signal` aborts. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * Runs `run` now, then every `intervalMs`, until `signal` aborts. After a failed run the
 * next comes sooner: the retry delay, doubled after each further failure, never longer
 * than the interval. Resolves when stopped.
 */
export async function runScheduled(run: () => Promise<boolean>, options: ScheduleOptions): Promise<void> {
  const retryMs = Math.min(options.retryMs ?? 60_000, options.intervalMs);
  let failures = 0;
  while (!options.signal.aborted) {
    const ok = await run();
    failures = ok ? 0 : failures + 1;
    const wait = ok ? options.intervalMs : Math.min(options.intervalMs, retryMs * 2 ** (failures - 1));
    await options.sleep(wait, options.signal);
  }
}
