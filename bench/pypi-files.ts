// Benchmark of serving cached PyPI files and a project page over HTTP, in one run, against
// nginx (Debian's, one worker, sendfile, gzip_static) serving the same bytes from disk and a
// bare node:http process answering them from memory. Each server is a separate process on
// 127.0.0.1, loaded by wrk: requests per second, p50/p99 latency and server CPU per request
// for a ~1 MB and a ~50 KB wheel and for the project page (PEP 691 JSON, asked for with
// the Accept header pip sends; without compression and with pip's `Accept-Encoding: gzip,
// deflate`), at 16 and 64 connections. The project (100 versions, five files each) comes
// from a fixture index on loopback; its newest version is flagged by the database, so
// Palisade's page is really filtered. Before timing, Palisade is warmed until it answers
// `X-Cache: HIT` and every server's bodies are checked to be Palisade's bytes. nginx and wrk
// are installed from Debian when missing. The issue sets no goal for files beyond
// reporting the ratio to a static server (its goal, page filtering under 50 ms, is
// bench/pypi-page-filter.ts's).
//
//   ./run bench pypi-files [--seconds S] [--versions N]
//   --seconds: length of one wrk run (default 4); --versions: versions on the project page (default 100). About 2.5 minutes.
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { KiB, MiB } from './lib/cache-fixtures.ts';
import { fmt } from './lib/measure.ts';
import { measureLoad } from './lib/npm-serve-load.ts';
import { rssBytes } from './lib/npm-serve-process.ts';
import { printCase, printOverview, SHARED_CORES, type Cell } from './lib/npm-serve-report.ts';
import { ensureDebianTools, startPalisade, startReference, type BenchServer } from './lib/npm-serve-servers.ts';
import { openBenchSession } from './lib/bench-session.ts';
import { checkSameBytes, type Target } from './lib/npm-serve-targets.ts';
import { writeReports } from './lib/npm-serve-upstream.ts';
import { SIMPLE_JSON, startPypiNginx, warmPypiPalisade } from './lib/pypi-files-targets.ts';
import { startPypiFixtureIndex, type PypiFixtureIndex } from './lib/pypi-files-upstream.ts';

const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '4' }, versions: { type: 'string', default: '100' } } });
const seconds = Number(args.seconds);
const versions = Number(args.versions);
if (!(seconds >= 1) || !Number.isInteger(versions) || versions < 2) console.error('--seconds must be >= 1, --versions a whole number >= 2'), process.exit(2);

const ROOT = resolve(import.meta.dirname, '..');
const PROJECT = 'bench-serve-wheels';
const CONNECTIONS = [16, 64];
/** What pip 24 sends for a project page (PEP 691: JSON first). */
const PIP_ACCEPT = `${SIMPLE_JSON}, application/vnd.pypi.simple.v1+html; q=0.1, text/html; q=0.01`;
/** What pip's HTTP client (requests) sends. */
const PIP_ACCEPT_ENCODING = 'gzip, deflate';
const PAGE_LABEL = 'project page (JSON)';
const WHEELS = [
  { label: '1 MiB wheel', platform: 'cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64', size: MiB },
  { label: '50 KiB wheel', platform: 'cp312-cp312-win_amd64', size: 50 * KiB },
];
// Quiet-machine wait per run: short, so a shared machine cannot stretch the run past a few minutes (its runs are marked).
const QUIET_MAX_MS = 3000;

function printPreamble(): void {
  console.log(`PyPI file serving benchmark: node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'})`);
  console.log(`wrk (2 threads) shares the ${cpus().length} cores with the server under test. "CPU ms/req" = server user+system CPU (nginx: master +`);
  console.log('worker) per completed request; "srv cores", "wrk", "other" = CPU over the run, in cores, of the server, of wrk and of every');
  console.log(`other process (each run first waits up to ${QUIET_MAX_MS / 1000} s for the machine to go quiet); "/ nginx" = requests per second relative to nginx.`);
  console.log('nginx: Debian\'s, one worker, sendfile on, tcp_nopush on, gzip_static, access log off. node:http = a bare Node server sending the');
  console.log('same bytes from memory (a reference, not a goal).');
}

/** Starts Palisade on the fixture index, warms and checks it, then nginx and the reference on its bytes; the targets. */
async function prepare(temp: string, index: PypiFixtureIndex, servers: BenchServer[]): Promise<Target[]> {
  console.log(`  ${PROJECT}: ${fmt(index.page.versions.length)} versions, ${fmt(index.page.files.length)} files, upstream page ${fmt(index.page.json.length)} B (PEP 691 JSON); newest version ${index.flagged} flagged`);
  const dbSource = await writeReports(join(temp, 'db'), [
    { id: 'MAL-2025-9200', ecosystem: 'PyPI', name: PROJECT, versions: [index.flagged] },
    { id: 'MAL-2025-9201', ecosystem: 'PyPI', name: 'bench-unrelated-stealer', versions: ['1.0.0', '1.0.1'] },
  ]);
  const palisade = await startPalisade(ROOT, { dataDir: join(temp, 'palisade'), dbSource, pypiUpstream: index.simpleUrl });
  servers.push(palisade);
  const targets = await warmPypiPalisade(palisade, index, PIP_ACCEPT, PAGE_LABEL);
  const nginx = await startPypiNginx(join(temp, 'nginx'), targets);
  servers.unshift(nginx);
  await checkSameBytes(nginx, targets, PIP_ACCEPT);
  const reference = await startReference(join(temp, 'nginx', 'root'), SIMPLE_JSON, targets[1]?.path ?? '/');
  servers.splice(1, 0, reference);
  await checkSameBytes(reference, targets, PIP_ACCEPT);
  return targets;
}

/** Every case, each server in turn; the tables are printed as they come. */
async function measureAll(targets: readonly Target[], servers: readonly BenchServer[], index: PypiFixtureIndex): Promise<Cell[]> {
  console.log(`\neach case: ${servers.map((server) => server.label).join(', ')} in turn, one wrk run each (${seconds} s), after the server has gone idle`);
  const cells: Cell[] = [];
  const ordered = [...targets.filter((t) => t.kind === 'tarball'), ...targets.filter((t) => t.kind === 'packument')];
  for (const target of ordered) {
    for (const encoding of target.kind === 'packument' ? (['identity', 'gzip'] as const) : (['identity'] as const)) {
      for (const connections of CONNECTIONS) {
        const caseCells: Cell[] = [];
        for (const server of servers) {
          const before = index.requests();
          const headers: Record<string, string> = { Accept: target.kind === 'packument' ? PIP_ACCEPT : '*/*', ...(encoding === 'gzip' && { 'Accept-Encoding': PIP_ACCEPT_ENCODING }) };
          const result = await measureLoad({ url: `${server.origin}${target.path}`, headers, connections, seconds, pid: server.process.child.pid as number, quietMaxMs: QUIET_MAX_MS });
          caseCells.push({ target: target.label, encoding, connections, server: server.label as Cell['server'], result, upstreamRequests: index.requests() - before });
        }
        cells.push(...caseCells);
        printCase(`${target.label} (${target.describe(encoding)}), ${encoding === 'gzip' ? `Accept-Encoding: ${PIP_ACCEPT_ENCODING}` : 'no compression'}, ${connections} connections`, caseCells);
      }
    }
  }
  return cells;
}

async function main(): Promise<void> {
  const started = performance.now();
  printPreamble();
  ensureDebianTools((line) => console.log(line));
  const index = await startPypiFixtureIndex(PROJECT, versions, WHEELS);
  const { temp, servers, stop } = await openBenchSession('pypi', index);
  try {
    const targets = await prepare(temp, index, servers);
    const cells = await measureAll(targets, servers, index);
    for (const server of servers) console.log(`${server.label}: resident memory after the runs ${fmt(rssBytes(server.process.child.pid as number) / MiB)} MiB`);
    printOverview(cells, [...WHEELS.map((wheel) => wheel.label), PAGE_LABEL], CONNECTIONS);
    const shared = cells.filter((cell) => cell.result.otherCores > SHARED_CORES);
    if (shared.length > 0) console.log(`\n${shared.length} of ${cells.length} runs shared the machine with other processes (> ${SHARED_CORES} cores): their figures are low and noisy; re-run on a quiet machine`);
    const errors = cells.filter((cell) => cell.result.errors > 0 || cell.upstreamRequests > 0);
    console.log(errors.length === 0 ? '\nno errors, and no server asked the index for anything during the runs' : `\n${errors.length} runs had errors or upstream requests (see the notes)  <<<<<<<<<<<<<<<<`);
    console.log('no goal is set for files (the issue asks for the ratio to a static server, above); the exit code stays 0: this is a benchmark');
    console.log(`the run took ${fmt((performance.now() - started) / 1000)} s`);
  } finally {
    await stop();
  }
}

await main();
