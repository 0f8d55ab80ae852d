// Tables and goal verdicts for the npm serving benchmark.
import { fmt, verdict } from './measure.ts';
import type { LoadResult } from './npm-serve-load.ts';

export type Encoding = 'identity' | 'gzip';
export type ServerLabel = 'nginx' | 'node:http' | 'Palisade' | 'Verdaccio';

/** One measured cell: a body, an encoding, a connection count, a server. */
export interface Cell {
  readonly target: string;
  readonly encoding: Encoding;
  readonly connections: number;
  readonly server: ServerLabel;
  readonly result: LoadResult;
  /** Requests the server sent upstream during the runs (should be 0: everything is cached). */
  readonly upstreamRequests: number;
  /** Requests per second of each run, in order, when the case ran more than once; `result` is the median run. */
  readonly rounds?: readonly number[] | undefined;
}

/** Cores used by other processes during a run above which its figures are marked as taken on a shared machine. */
export const SHARED_CORES = 0.2;

/** Requests per second, or for a run that completed none, the most it could have been (one request in the run). */
const rate = (result: LoadResult) => (result.requests > 0 ? { value: result.requestsPerSecond, bound: false } : { value: 1 / result.seconds, bound: true });

/** `ours / theirs` in requests per second, marked `>=` when theirs completed no request. */
function rateRatio(ours: LoadResult, theirs: LoadResult): { value: number; text: string } {
  const their = rate(theirs);
  const value = ours.requestsPerSecond / their.value;
  return { value, text: `${their.bound ? '>= ' : ''}${ratio(value)}` };
}

const ms = (value: number) => (Number.isFinite(value) ? `${fmt(value, value < 10 ? 2 : value < 100 ? 1 : 0)} ms` : '-');
const ratio = (value: number) => (!Number.isFinite(value) ? '-' : `${fmt(value, value < 0.1 ? 3 : value < 10 ? 2 : 0)}x`);

/** Prints one case: every server's figures, each next to nginx's from the same run. */
export function printCase(title: string, cells: readonly Cell[]): void {
  const nginx = cells.find((cell) => cell.server === 'nginx');
  console.log(`\n${title}`);
  console.log(`  ${'server'.padEnd(11)}${'req/s'.padStart(9)}${'p50'.padStart(11)}${'p99'.padStart(11)}${'CPU ms/req'.padStart(12)}${'srv cores'.padStart(11)}${'wrk'.padStart(6)}${'other'.padStart(7)}${'MB/s'.padStart(8)}${'/ nginx'.padStart(10)}   notes`);
  for (const cell of cells) {
    const r = cell.result;
    const vsNginx = cell === nginx ? 'baseline' : nginx ? ratio(r.requestsPerSecond / nginx.result.requestsPerSecond) : '-';
    const latency = (value: number) => (r.requests > 0 ? ms(value) : '-');
    const cpu = Number.isFinite(r.cpuMsPerRequest) ? fmt(r.cpuMsPerRequest, 3) : '-';
    const notes = [
      r.errors > 0 ? `errors: ${r.errorText}` : '',
      cell.rounds !== undefined && cell.rounds.length > 1 ? `rounds ${cell.rounds.map((value) => fmt(value)).join(', ')}` : '',
      cell.upstreamRequests > 0 ? `${cell.upstreamRequests} upstream requests during the runs` : '',
      r.requests < 20 ? `only ${r.requests} requests completed in ${r.seconds} s` : '',
      r.idleWaitMs > 2000 ? `waited ${fmt(r.idleWaitMs / 1000)} s for it to finish earlier requests first` : '',
      r.otherCores > SHARED_CORES ? `machine shared: other processes used ${fmt(r.otherCores, 2)} cores` : '',
    ].filter(Boolean).join('; ');
    console.log(
      `  ${cell.server.padEnd(11)}${fmt(r.requestsPerSecond).padStart(9)}${latency(r.p50Ms).padStart(11)}${latency(r.p99Ms).padStart(11)}${cpu.padStart(12)}` +
        `${fmt(r.serverCores, 2).padStart(11)}${fmt(r.clientCores, 2).padStart(6)}${fmt(r.otherCores, 2).padStart(7)}${fmt(r.bytesPerSecond / 1e6).padStart(8)}${vsNginx.padStart(10)}   ${notes}`,
    );
  }
  const palisade = cells.find((cell) => cell.server === 'Palisade');
  const verdaccio = cells.find((cell) => cell.server === 'Verdaccio');
  if (palisade && verdaccio) console.log(`  Palisade / Verdaccio: ${rateRatio(palisade.result, verdaccio.result).text} requests per second`);
}

/** A goal: which cells it reads, and the bar. */
export interface Goal {
  readonly label: string;
  readonly target: string;
  readonly encoding: Encoding;
  readonly connections: number;
  readonly kind: 'vs-nginx' | 'vs-verdaccio' | 'p99-below-ms';
  readonly bar: number;
}

/** Evaluates a goal against the cells; `undefined` when its cells were not measured. */
export function judge(goal: Goal, cells: readonly Cell[]): { line: string; pass: boolean } | undefined {
  const find = (server: ServerLabel) => cells.find((cell) => cell.server === server && cell.target === goal.target && cell.encoding === goal.encoding && cell.connections === goal.connections);
  const palisade = find('Palisade');
  if (!palisade) return undefined;
  const suspect = palisade.result.errors > 0 ? ' (Palisade had errors)' : '';
  if (goal.kind === 'p99-below-ms') {
    const pass = palisade.result.p99Ms < goal.bar && palisade.result.errors === 0;
    return { pass, line: `${goal.label}: p99 ${ms(palisade.result.p99Ms)} (goal < ${goal.bar} ms)${suspect}: ${verdict(pass)}` };
  }
  const other = find(goal.kind === 'vs-nginx' ? 'nginx' : 'Verdaccio');
  if (!other) return undefined;
  const { value, text } = rateRatio(palisade.result, other.result);
  const pass = value >= goal.bar && palisade.result.errors === 0;
  const theirs = other.result.requests > 0 ? fmt(other.result.requestsPerSecond) : `< ${fmt(1 / other.result.seconds, 2)} (none completed)`;
  const figures = `${fmt(palisade.result.requestsPerSecond)} vs ${theirs} req/s`;
  return { pass, line: `${goal.label}: ${text} ${goal.kind === 'vs-nginx' ? 'nginx' : 'Verdaccio'} (${figures}; goal >= ${goal.bar}x)${suspect}: ${verdict(pass)}` };
}

/** One line per case: Palisade's rate against every other server, its p99 and its CPU per request next to theirs. */
export function printOverview(cells: readonly Cell[], targets: readonly string[], connections: readonly number[]): void {
  console.log("\noverview: Palisade's requests per second relative to each server in the same case; its p99; server CPU ms per request");
  for (const target of targets) {
    for (const encoding of ['identity', 'gzip'] as const) {
      for (const count of connections) {
        const here = cells.filter((cell) => cell.target === target && cell.encoding === encoding && cell.connections === count);
        const palisade = here.find((cell) => cell.server === 'Palisade');
        if (!palisade) continue;
        const others = here.filter((cell) => cell !== palisade);
        const ratios = others.map((cell) => `${rateRatio(palisade.result, cell.result).text} ${cell.server}`).join(', ');
        const cpu = here.map((cell) => `${cell.server} ${Number.isFinite(cell.result.cpuMsPerRequest) ? fmt(cell.result.cpuMsPerRequest, 3) : '-'}`).join(', ');
        console.log(`  ${`${target}, ${encoding}, ${count} conn:`.padEnd(40)} ${fmt(palisade.result.requestsPerSecond).padStart(6)} req/s = ${ratios}; p99 ${ms(palisade.result.p99Ms)}; CPU ${cpu}`);
      }
    }
  }
}
