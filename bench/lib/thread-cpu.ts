// CPU time of a process's threads, by thread, from /proc/<pid>/task: where a server's cost
// per request lands (its event loop, a worker thread, V8's garbage-collection helpers).
import { readdirSync } from 'node:fs';
import { procStat, ticksPerSecond } from './npm-serve-process.ts';

/** Names the threads of a Node process as `/proc` does (`comm`), its main thread as `main`. */
export const MAIN_THREAD = 'main';

/**
 * CPU seconds (user + system) used so far by each thread of `pid`, summed by thread name
 * (`main` for the thread whose id is the process's; the others by their `comm`: Node names
 * worker threads `WorkerThread`, V8's helpers `V8Worker`, libuv's pool `libuv-worker`).
 * Threads that ended are not counted: read it before and after the span to measure.
 */
export function threadCpuSeconds(pid: number): Map<string, number> {
  const byName = new Map<string, number>();
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return byName;
  }
  for (const tid of tasks) {
    const stat = procStat(`/proc/${pid}/task/${tid}/stat`);
    if (stat === undefined) continue; // the thread ended meanwhile
    const name = Number(tid) === pid ? MAIN_THREAD : stat.name;
    byName.set(name, (byName.get(name) ?? 0) + (Number(stat.fields[11]) + Number(stat.fields[12])) / ticksPerSecond); // utime, stime
  }
  return byName;
}

/** Adds `after` − `before`, thread by thread, into `total`. */
export function addThreadCpu(total: Map<string, number>, before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): void {
  for (const [name, seconds] of after) total.set(name, (total.get(name) ?? 0) + seconds - (before.get(name) ?? 0));
}

/** `main 55.3 µs, WorkerThread 6.0 µs, ...`: each thread's CPU per request, the main thread first, threads under 0.05 µs left out. */
export function threadCpuPerRequest(total: ReadonlyMap<string, number>, requests: number): string {
  const names = [...total.keys()].sort((a, b) => (a === MAIN_THREAD ? -1 : b === MAIN_THREAD ? 1 : (total.get(b) ?? 0) - (total.get(a) ?? 0)));
  return names
    .map((name) => [name, ((total.get(name) ?? 0) * 1e6) / Math.max(1, requests)] as const)
    .filter(([, micros]) => micros >= 0.05)
    .map(([name, micros]) => `${name} ${micros.toFixed(1)} µs`)
    .join(', ');
}
