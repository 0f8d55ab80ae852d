// Benchmark of what the request log costs on the request path: three Palisade processes on
// 127.0.0.1, one with a fresh request log (the default), one whose log already holds as
// many requests as it keeps (1,000,000, written before it starts: a proxy that has run for
// a while, whose retention deletes about as many requests each second as it writes) and one
// with the log off (PALISADE_REQUEST_LOG=false), the same fixture packages cached in each,
// loaded by wrk (64 connections by default) in turn (the order rotating each round), for a hot
// packument (~65 KB, abbreviated, as npm and pnpm ask for it) and a hot 13 KiB tarball: both
// answered from memory as repeated answers, Palisade's fastest path, where a per-request
// cost shows most. Prints requests per second and p99 for each run, and per case the ratio
// of each logging proxy's median to the log-off one; afterwards each logging proxy's
// /api/status shows how many requests it wrote and dropped (a request log that drops under
// load would hide its cost), and the server CPU per request is compared too (steadier than
// throughput on a shared machine), then split by thread (the event loop, the log's writer
// thread, V8's helpers): where the cost lands. Each proxy gets a short uncounted run per
// case first. Goal (issue: the request log): the log costs under 10% of throughput, fresh
// or full. wrk and nginx's Debian packages are installed when missing (see npm-serve).
//
//   ./run bench request-log [--seconds S] [--rounds N] [--connections C]
//   --seconds: length of one wrk run (default 5); --rounds: runs per proxy and case (default 3);
//   --connections: wrk's connections (default 64; at 16 a turn of the event loop answers
//   fewer requests, and what the log does per turn shows more). About 3 minutes.
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { KiB } from './lib/cache-fixtures.ts';
import { fmt, median, verdict } from './lib/measure.ts';
import { measureLoad, type LoadResult } from './lib/npm-serve-load.ts';
import { generatePackage } from './lib/npm-serve-packages.ts';
import { rawGet } from './lib/npm-serve-process.ts';
import { ensureDebianTools, startPalisade, type BenchServer } from './lib/npm-serve-servers.ts';
import { openBenchSession } from './lib/bench-session.ts';
import { getUntilHit } from './lib/npm-serve-targets.ts';
import { prefillRequestLog } from './lib/request-log-prefill.ts';
import { startFixtureUpstream, writeDatabaseSource } from './lib/npm-serve-upstream.ts';
import { addThreadCpu, threadCpuPerRequest, threadCpuSeconds } from './lib/thread-cpu.ts';

const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '5' }, rounds: { type: 'string', default: '3' }, connections: { type: 'string', default: '64' } } });
const seconds = Number(args.seconds);
const rounds = Number(args.rounds);
const CONNECTIONS = Number(args.connections);
if (!(seconds >= 1) || !(Number.isInteger(rounds) && rounds >= 1) || !(Number.isInteger(CONNECTIONS) && CONNECTIONS >= 1)) {
  console.error('--seconds must be >= 1, --rounds and --connections whole numbers >= 1');
  process.exit(2);
}

const ROOT = resolve(import.meta.dirname, '..');
const ADMIN_TOKEN = 'bench-admin-token-0123456789';
const ACCEPT = 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*';
const GOAL_RATIO = 0.9;

interface Case {
  readonly label: string;
  readonly path: string;
  readonly headers: Record<string, string>;
}

/** Warms a proxy until every case is answered HIT (a repeated answer from then on); the bodies. */
async function warm(server: BenchServer, cases: readonly Case[]): Promise<Buffer[]> {
  const bodies: Buffer[] = [];
  for (const target of cases) bodies.push((await getUntilHit(`${server.origin}${target.path}`, target.headers)).body);
  return bodies;
}

/** The log-on proxy's request log counts, from the operator API. */
async function requestLogCounts(server: BenchServer): Promise<{ recorded: number; written: number; dropped: number; queued: number }> {
  const answer = await rawGet(`${server.origin}/api/status`, { Authorization: `Bearer ${ADMIN_TOKEN}` });
  return (JSON.parse(answer.body.toString('utf8')) as { requestLog: { recorded: number; written: number; dropped: number; queued: number } }).requestLog;
}

const line = (label: string, result: LoadResult) =>
  `    ${label.padEnd(8)} ${fmt(result.requestsPerSecond).padStart(9)} req/s   p99 ${fmt(result.p99Ms, 2).padStart(6)} ms   CPU ${fmt(result.cpuMsPerRequest, 3)} ms/req${result.errors > 0 ? `   ${result.errors} errors (${result.errorText})` : ''}${result.otherCores > 0.2 ? `   (machine shared: ${fmt(result.otherCores, 1)} other cores)` : ''}`;

async function main(): Promise<void> {
  const started = performance.now();
  console.log(`request log benchmark: node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}); wrk, 2 threads, ${CONNECTIONS} connections, ${seconds} s per run, ${rounds} runs per proxy and case`);
  ensureDebianTools((text) => console.log(text));
  const upstream = await startFixtureUpstream();
  const { temp, servers, stop } = await openBenchSession('request-log', upstream);
  try {
    const pkg = generatePackage({ name: 'bench-log-small', targetBytes: 65_000, latestTarballBytes: 13 * KiB, seed: 1 }, 'abbreviated', upstream.url);
    upstream.packages = new Map([[pkg.spec.name, pkg]]);
    const dbSource = await writeDatabaseSource(join(temp, 'db'), [pkg]);
    const cases: Case[] = [
      { label: `${fmt(pkg.abbreviated.byteLength / 1000)} KB packument`, path: `/npm/${pkg.spec.name}`, headers: { Accept: ACCEPT } },
      { label: '13 KiB tarball', path: `/npm/${pkg.spec.name}/-/${pkg.latestFile}`, headers: { Accept: '*/*' } },
    ];
    const env = { PALISADE_ADMIN_TOKEN: ADMIN_TOKEN };
    const prefillStarted = performance.now();
    const prefilled = prefillRequestLog(join(temp, 'full'), cases[0]?.path ?? '/');
    console.log(`the "log full" proxy's request log holds ${fmt(prefilled)} requests, as many as it keeps, before it starts (written in ${fmt((performance.now() - prefillStarted) / 1000, 1)} s)`);
    const logged = [
      await startPalisade(ROOT, { dataDir: join(temp, 'on'), dbSource, upstream: upstream.url, env, label: 'log on' }),
      await startPalisade(ROOT, { dataDir: join(temp, 'full'), dbSource, upstream: upstream.url, env, label: 'log full' }),
    ];
    const logOff = await startPalisade(ROOT, { dataDir: join(temp, 'off'), dbSource, upstream: upstream.url, env: { ...env, PALISADE_REQUEST_LOG: 'false' }, label: 'log off' });
    const proxies = [...logged, logOff];
    servers.push(...proxies);
    // Packuments name each proxy's own origin in their tarball URLs: compared without it.
    const offBodies = await warm(logOff, cases);
    for (const server of logged) {
      (await warm(server, cases)).forEach((body, i) => {
        if (body.toString('latin1').replaceAll(server.origin, '') !== (offBodies[i] as Buffer).toString('latin1').replaceAll(logOff.origin, '')) throw new Error(`${cases[i]?.label}: ${server.label} and log off answer different bodies`);
      });
    }
    console.log(`every proxy answers every case HIT with the same bodies; the upstream was asked ${upstream.requests()} times while warming`);
    const before = new Map(await Promise.all(logged.map(async (server) => [server, await requestLogCounts(server)] as const)));
    const completed = new Map(logged.map((server) => [server, 0]));
    let fails = 0;
    for (const target of cases) {
      console.log(`\n${target.label} (${target.path}), ${CONNECTIONS} connections`);
      const results = new Map<BenchServer, LoadResult[]>(proxies.map((server) => [server, []]));
      const threads = new Map<BenchServer, Map<string, number>>(proxies.map((server) => [server, new Map()]));
      const load = async (server: BenchServer, runSeconds: number, counted: boolean): Promise<LoadResult> => {
        const pid = server.process.child.pid as number;
        const before = threadCpuSeconds(pid);
        const result = await measureLoad({ url: `${server.origin}${target.path}`, headers: target.headers, connections: CONNECTIONS, seconds: runSeconds, pid });
        if (counted) addThreadCpu(threads.get(server) as Map<string, number>, before, threadCpuSeconds(pid));
        completed.set(server, (completed.get(server) ?? 0) + result.requests);
        return result;
      };
      // A short run each first, not counted: the JIT and the socket buffers settle.
      for (const server of proxies) await load(server, 2, false);
      for (let round = 0; round < rounds; round++) {
        for (const server of [...proxies.slice(round % proxies.length), ...proxies.slice(0, round % proxies.length)]) {
          const result = await load(server, seconds, true);
          results.get(server)?.push(result);
          console.log(line(server.label, result));
        }
      }
      const off = results.get(logOff) ?? [];
      for (const server of logged) {
        const on = results.get(server) ?? [];
        const ratio = median(on.map((r) => r.requestsPerSecond)) / median(off.map((r) => r.requestsPerSecond));
        const cpuRatio = median(on.map((r) => r.cpuMsPerRequest)) / median(off.map((r) => r.cpuMsPerRequest));
        const pass = ratio >= GOAL_RATIO;
        if (!pass) fails++;
        console.log(`  ${server.label}: median ${fmt(median(on.map((r) => r.requestsPerSecond)))} req/s, p99 ${fmt(median(on.map((r) => r.p99Ms)), 2)} ms (log off: ${fmt(median(off.map((r) => r.requestsPerSecond)))} req/s, p99 ${fmt(median(off.map((r) => r.p99Ms)), 2)} ms)`);
        console.log(`    server CPU per request / log off: ${fmt(cpuRatio, 3)} (the log's own cost, less sensitive to other load on the machine)`);
        console.log(`    req/s / log off: ${fmt(ratio, 3)} of the throughput (goal >= ${GOAL_RATIO}: the log costs under 10%)   ${verdict(pass)}`);
      }
      // Thread CPU is read around each counted run, wrk's start and end included: a little above the load's own figure.
      console.log('  CPU per request by thread (main: the event loop; WorkerThread: the request log\'s writer; V8Worker: V8\'s helpers):');
      for (const server of proxies) {
        const requests = (results.get(server) ?? []).reduce((sum, result) => sum + result.requests, 0);
        console.log(`    ${server.label.padEnd(8)} ${threadCpuPerRequest(threads.get(server) ?? new Map(), requests)}`);
      }
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 2500));
    console.log('');
    for (const server of logged) {
      const [start, after] = [before.get(server), await requestLogCounts(server)];
      if (!start) continue;
      console.log(`${server.label}: recorded ${fmt(after.recorded - start.recorded)} requests during the runs (wrk counted ${fmt(completed.get(server) ?? 0)} completed), wrote ${fmt(after.written - start.written)}, dropped ${fmt(after.dropped - start.dropped)}, ${fmt(after.queued)} still queued`);
    }
    console.log(`the run took ${fmt((performance.now() - started) / 1000)} s`);
    console.log(fails === 0 ? `all ${cases.length * 2} goals PASS` : `${fails} of ${cases.length * 2} goals FAIL  <<<<<<<<<<<<<<<< (the exit code stays 0: this is a benchmark)`);
  } finally {
    await stop();
  }
}

await main();
