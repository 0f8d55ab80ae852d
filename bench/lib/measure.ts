// Timing, memory sampling and table output shared by the cache benchmarks.

export const MB = 1e6; // throughput is printed in MB/s (10^6 bytes), sizes in MiB where so named

export const gc: () => void = (globalThis as { gc?: () => void }).gc ?? (() => {
  throw new Error('run with node --expose-gc (as ./run bench NAME does)');
});

export const fmt = (value: number, digits = 0) => value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
/** The item whose `value` is the median (the upper of the middle two for an even count); `items` must not be empty. */
export const medianBy = <T>(items: readonly T[], value: (item: T) => number): T => [...items].sort((a, b) => value(a) - value(b))[Math.floor(items.length / 2)] as T;
export const median = (values: readonly number[]) => medianBy(values, (value) => value);
export const row = (label: string, value: string, note = '', width = 50) => console.log(`  ${label.padEnd(width)}${value.padStart(14)}   ${note}`);
export const verdict = (pass: boolean) => (pass ? 'PASS' : 'FAIL  <<<<<<<<<<<<<<<<');

export interface Throughput {
  /** Median of the rounds. */
  readonly perSecond: number;
  readonly mbPerSecond: number;
  readonly rounds: readonly number[];
}

export interface Case {
  readonly label: string;
  /** One read; returns the bytes it consumed (added to the sink and checked). */
  readonly op: () => Promise<number>;
  readonly expectBytes: number;
}

/** Runs `op` on `concurrency` loops until `ms` have passed; operations per second and bytes. */
async function runFor(item: Case, concurrency: number, ms: number): Promise<{ perSecond: number; bytesPerSecond: number }> {
  let ops = 0;
  let bytes = 0;
  const start = performance.now();
  const deadline = start + ms;
  const loop = async () => {
    while (performance.now() < deadline) {
      const read = await item.op();
      if (read !== item.expectBytes) throw new Error(`${item.label}: read ${read} bytes, expected ${item.expectBytes}`);
      bytes += read;
      ops++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const seconds = (performance.now() - start) / 1000;
  return { perSecond: ops / seconds, bytesPerSecond: bytes / seconds };
}

/**
 * Measures every case at one concurrency: each is warmed up, then `rounds` rounds run
 * the cases in turn (so drift in the machine touches all of them alike), `roundMs` each.
 */
export async function measureCases(cases: readonly Case[], concurrency: number, roundMs: number, rounds = 3): Promise<Throughput[]> {
  for (const item of cases) await runFor(item, concurrency, Math.min(500, roundMs / 2));
  const seen: { perSecond: number; bytesPerSecond: number }[][] = cases.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [i, item] of cases.entries()) {
      gc();
      seen[i]?.push(await runFor(item, concurrency, roundMs));
    }
  }
  return seen.map((runs) => ({
    perSecond: median(runs.map((run) => run.perSecond)),
    mbPerSecond: median(runs.map((run) => run.bytesPerSecond)) / MB,
    rounds: runs.map((run) => run.perSecond),
  }));
}

/** Samples RSS and heap every `everyMs` while work runs; `peak()` since the last `reset()`. */
export class MemorySampler {
  readonly #timer: NodeJS.Timeout;
  #rss = 0;
  #heap = 0;
  #external = 0;
  samples = 0;

  constructor(everyMs = 50) {
    this.reset();
    this.#timer = setInterval(() => this.sample(), everyMs);
  }

  sample(): void {
    const usage = process.memoryUsage();
    this.#rss = Math.max(this.#rss, usage.rss);
    this.#heap = Math.max(this.#heap, usage.heapUsed);
    this.#external = Math.max(this.#external, usage.external);
    this.samples++;
  }

  reset(): void {
    this.#rss = 0;
    this.#heap = 0;
    this.#external = 0;
    this.sample();
  }

  /** Peaks since the last reset, sampled once more now. */
  peak(): { rss: number; heapUsed: number; external: number } {
    this.sample();
    return { rss: this.#rss, heapUsed: this.#heap, external: this.#external };
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
