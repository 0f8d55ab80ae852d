// Load for the npm serving benchmark: one wrk run against one URL, with the server's CPU
// time (from /proc, nginx's worker included) and the machine's busy share read around it.
import { spawn } from 'node:child_process';
import { cpuSeconds, machineCpu, reapedChildrenCpu, waitForIdle, waitForQuietMachine } from './npm-serve-process.ts';

/** What one wrk run measured. */
export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly requests: number;
  /** The 99th percentile latency, milliseconds. */
  readonly p99Ms: number;
  readonly p50Ms: number;
  /** Server CPU (user + system) per request, milliseconds. */
  readonly cpuMsPerRequest: number;
  /** The server's CPU use over the run, in cores (1 = one core busy throughout). */
  readonly serverCores: number;
  /** wrk's CPU use over the run, in cores. */
  readonly clientCores: number;
  /** CPU used by everything else on the machine over the run, in cores (other work on a shared machine). */
  readonly otherCores: number;
  /** Bytes read per second, as wrk counts them (headers included). */
  readonly bytesPerSecond: number;
  /** Socket errors and non-2xx/3xx answers; a run with any is suspect. */
  readonly errors: number;
  readonly errorText: string;
  /** Length of the run, seconds. */
  readonly seconds: number;
  /** How long the server took to go idle before the run (work left from the previous one), milliseconds. */
  readonly idleWaitMs: number;
  /** How long the machine took to go quiet before the run (other processes), milliseconds. */
  readonly quietWaitMs: number;
}

export interface LoadSpec {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly connections: number;
  readonly seconds: number;
  /** The server process whose CPU is counted. */
  readonly pid: number;
  /** The longest wait for the machine to go quiet before the run, milliseconds (default 30 s). */
  readonly quietMaxMs?: number;
}

const UNIT: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const SIZE: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };

function milliseconds(text: string | undefined): number {
  const match = /^([\d.]+)(us|ms|s|m|h)$/.exec(text ?? '');
  return match ? Number(match[1]) * (UNIT[match[2] as string] as number) : Number.NaN;
}

/** Reads wrk's `--latency` report. */
export function parseWrk(output: string): { requestsPerSecond: number; requests: number; p50Ms: number; p99Ms: number; bytesPerSecond: number; errors: number; errorText: string } {
  const percentile = (p: string) => milliseconds(new RegExp(`^\\s*${p}%\\s+(\\S+)`, 'm').exec(output)?.[1]);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0);
  const socketErrors = socket ? socket.slice(1).reduce((sum, value) => sum + Number(value), 0) : 0;
  const transfer = /Transfer\/sec:\s+([\d.]+)(B|KB|MB|GB|TB)/.exec(output);
  return {
    requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? Number.NaN),
    requests: Number(/(\d+) requests in/.exec(output)?.[1] ?? 0),
    p50Ms: percentile('50'),
    p99Ms: percentile('99'),
    bytesPerSecond: transfer ? Number(transfer[1]) * (SIZE[transfer[2] as string] as number) : Number.NaN,
    errors: socketErrors + non2xx,
    errorText: [socket?.[0], non2xx > 0 ? `Non-2xx or 3xx responses: ${non2xx}` : undefined].filter((part) => part && !/connect 0, read 0, write 0, timeout 0/.test(part)).join('; '),
  };
}

const CPU_MARK = '@@palisade-bench wrk stat ';

/** Runs wrk under a shell that prints its own /proc stat after wrk is reaped: wrk's CPU is in its children's times. */
function runWrk(args: readonly string[]): Promise<{ output: string; cpu: number }> {
  return new Promise((resolve, reject) => {
    const script = `wrk "$@"; status=$?; echo "${CPU_MARK}$(cat /proc/$$/stat)"; exit $status`;
    const child = spawn('sh', ['-c', script, 'sh', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`wrk ${args.join(' ')} exited ${code}:\n${output}`));
      const mark = output.lastIndexOf(CPU_MARK);
      resolve({ output: output.slice(0, mark), cpu: mark < 0 ? Number.NaN : reapedChildrenCpu(output.slice(mark + CPU_MARK.length).trim()) });
    });
  });
}

/** Waits for the server to go idle and the machine to go quiet, then loads the server with wrk (2 threads) for `seconds`. */
export async function measureLoad(spec: LoadSpec): Promise<LoadResult> {
  const idleWaitMs = await waitForIdle(spec.pid);
  const quietWaitMs = await waitForQuietMachine(spec.quietMaxMs);
  const headerArgs = Object.entries(spec.headers).flatMap(([name, value]) => ['-H', `${name}: ${value}`]);
  const args = ['-t', String(Math.min(2, spec.connections)), '-c', String(spec.connections), '-d', `${spec.seconds}s`, '--timeout', '30s', '--latency', ...headerArgs, spec.url];
  const cpuBefore = cpuSeconds(spec.pid);
  const machineBefore = machineCpu();
  const started = performance.now();
  const { output, cpu: clientCpu } = await runWrk(args);
  const elapsed = (performance.now() - started) / 1000;
  const cpu = cpuSeconds(spec.pid) - cpuBefore;
  const machineAfter = machineCpu();
  const parsed = parseWrk(output);
  if (!Number.isFinite(parsed.requestsPerSecond)) throw new Error(`could not read wrk's report:\n${output}`);
  return {
    ...parsed,
    seconds: spec.seconds,
    idleWaitMs,
    quietWaitMs,
    cpuMsPerRequest: parsed.requests > 0 ? (cpu * 1000) / parsed.requests : Number.NaN,
    serverCores: cpu / elapsed,
    clientCores: clientCpu / elapsed,
    otherCores: Math.max(0, machineAfter.busy - machineBefore.busy - cpu - clientCpu) / elapsed,
  };
}
