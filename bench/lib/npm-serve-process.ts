// Processes for the npm serving benchmark: servers started as separate processes with their
// output kept for diagnosis, their CPU time read from /proc, free ports, and raw HTTP GETs
// (no decompression, so compressed bodies can be compared byte for byte).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';

/** A server process started by the benchmark. */
export interface ServerProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** The last lines it printed (stdout and stderr). */
  output(): string;
  /** Ends it: SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

/** Starts `command` with its output kept (the last 60 lines). */
export function startProcess(name: string, command: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): ServerProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env, ...(options.cwd && { cwd: options.cwd }) });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter((line) => line.length > 0));
    if (lines.length > 60) lines.splice(0, lines.length - 60);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('error', (error) => lines.push(`could not start ${command}: ${error.message}`));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    child,
    output: () => lines.join('\n'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A raw HTTP answer: the body exactly as sent (still compressed when it was). */
export interface RawAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

/** GET `url` with `headers`, the body read whole and not decoded. */
export function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const sent = request(url, { headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    sent.setTimeout(60_000, () => sent.destroy(new Error(`GET ${url}: no answer in 60 s`)));
    sent.on('error', reject);
    sent.end();
  });
}

/** Polls `url` until it answers 200; on failure (`deadlineMs` passed, or the process exited) stops the process and throws with its output. */
export async function awaitReady(server: ServerProcess, url: string, deadlineMs = 60_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  let last = 'no answer';
  while (Date.now() < end) {
    if (server.child.exitCode !== null) throw new Error(`${server.name} exited (${server.child.exitCode}) before ${url} answered 200:\n${server.output()}`);
    try {
      const answer = await rawGet(url);
      if (answer.status === 200) return;
      last = `${answer.status} ${answer.body.toString('utf8').slice(0, 200)}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await server.stop();
  throw new Error(`${server.name}: ${url} did not answer 200 within ${deadlineMs / 1000} s (last: ${last}):\n${server.output()}`);
}

/** What /proc counts CPU time in (USER_HZ), per second. */
export const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * A /proc `stat` file (a process's, or a thread's under /proc/<pid>/task): its name (`comm`)
 * and its fields from the third (state) on; undefined once the process or thread is gone.
 */
export function procStat(path: string): { name: string; fields: string[] } | undefined {
  try {
    const text = readFileSync(path, 'utf8');
    const close = text.lastIndexOf(')');
    return { name: text.slice(text.indexOf('(') + 1, close), fields: text.slice(close + 2).split(' ') };
  } catch {
    return undefined;
  }
}

const statFields = (pid: number): string[] | undefined => procStat(`/proc/${pid}/stat`)?.fields;

/** The process and its direct children (nginx's workers), by scanning /proc. */
function withChildren(pid: number): number[] {
  const pids = [pid];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    if (Number(statFields(Number(entry))?.[1]) === pid) pids.push(Number(entry));
  }
  return pids;
}

/** CPU seconds (user + system, all threads) used so far by `pid` and its direct children. */
export function cpuSeconds(pid: number): number {
  let ticks = 0;
  for (const each of withChildren(pid)) {
    const fields = statFields(each);
    if (fields) ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
  }
  return ticks / ticksPerSecond;
}

/** The machine's CPU time so far, busy and total, in seconds over all cores (from /proc/stat). */
export function machineCpu(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] as string;
  const values = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = values.reduce((sum, value) => sum + value, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: (total - idle) / ticksPerSecond, total: total / ticksPerSecond };
}

/** CPU seconds of the reaped children recorded in a /proc/<pid>/stat line (cutime + cstime). */
export function reapedChildrenCpu(statLine: string): number {
  const fields = statLine.slice(statLine.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / ticksPerSecond;
}

/**
 * Waits until the whole machine is below 10% busy over half a second (other sessions' test
 * runs come and go on a shared machine), at most `maxMs`; the milliseconds waited.
 */
export async function waitForQuietMachine(maxMs = 30_000): Promise<number> {
  const start = Date.now();
  for (;;) {
    const before = machineCpu();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = machineCpu();
    if ((after.busy - before.busy) / Math.max(1e-9, after.total - before.total) < 0.1 || Date.now() - start > maxMs) return Date.now() - start;
  }
}

/** Waits until `pid` (and children) use less than 5% of a core over 300 ms, at most `maxMs`. */
export async function waitForIdle(pid: number, maxMs = 60_000): Promise<number> {
  const start = Date.now();
  for (;;) {
    const before = cpuSeconds(pid);
    await new Promise((resolve) => setTimeout(resolve, 300));
    if (cpuSeconds(pid) - before <= 0.015 || Date.now() - start > maxMs) return Date.now() - start;
  }
}

/** Resident memory of `pid` and its direct children, in bytes (VmRSS). */
export function rssBytes(pid: number): number {
  let kib = 0;
  for (const each of withChildren(pid)) {
    try {
      kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${each}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return kib * 1024;
}
