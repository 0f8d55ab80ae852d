// Benchmark of serving cached npm packuments and tarballs over HTTP, in one run, against
// nginx (Debian's, one worker, sendfile, gzip_static) serving the same bytes from disk and
// Verdaccio 6 with the same packages cached. Each server is a separate process on
// 127.0.0.1, loaded by wrk: requests per second, p50/p99 latency and server CPU per request
// for a ~65 KB, ~166 KB and ~2.1 MB packument (as npm asks for them: abbreviated, by
// default) and a 13 KiB and 1 MiB tarball, at 16 and 64 connections, packuments both
// without compression and with `Accept-Encoding: gzip`. The packages come from a fixture
// registry on loopback; one version of each is flagged by the database, so Palisade's
// answers are really filtered. A bare node:http process answering the same bytes from
// memory runs too, as a reference for what Node itself allows here. Before timing,
// Palisade's, nginx's and the reference's bodies are checked to be the same bytes. nginx,
// wrk (Debian) and Verdaccio (npm, into .tools/verdaccio) are installed when missing. Goals (issue: serving cached npm metadata and tarballs):
// without compression 0.4x nginx (65 KB), 0.75x (166 KB), 0.9x (2 MB) on packuments,
// 0.8x (1 MiB) and 0.5x (13 KiB) on tarballs; with gzip 0.5x nginx gzip_static on
// packuments; 50x Verdaccio on packuments and 5x on tarballs; p99 < 20 ms at 64
// connections for bodies up to 166 KB.
//
//   ./run bench npm-serve [--seconds S] [--rounds N] [--verdaccio-seconds S] [--format abbreviated|full] [--no-verdaccio] [--no-reference]
//   --seconds: length of one wrk run (default 5); --rounds: runs of each server per case,
//   the servers taking turns, the median run reported (default 5; Verdaccio runs once, it
//   is far from its goals either way); --verdaccio-seconds: of a run against
//   Verdaccio, which is slow (default 3; a run in which it completes no request counts as
//   at most one); --format: the packument asked for (default abbreviated, as npm and pnpm
//   install do); --no-verdaccio, --no-reference: skip those servers. About 27 minutes.
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { KiB, MiB } from './lib/cache-fixtures.ts';
import { fmt, medianBy } from './lib/measure.ts';
import { measureLoad } from './lib/npm-serve-load.ts';
import { rssBytes } from './lib/npm-serve-process.ts';
import { generatePackage, type PackumentFormat } from './lib/npm-serve-packages.ts';
import { servingGoals } from './lib/npm-serve-goals.ts';
import { judge, printCase, printOverview, SHARED_CORES, type Cell } from './lib/npm-serve-report.ts';
import { ensureDebianTools, ensureVerdaccio, startNginx, startPalisade, startReference, startVerdaccio, type BenchServer } from './lib/npm-serve-servers.ts';
import { openBenchSession } from './lib/bench-session.ts';
import { startFixtureUpstream, writeDatabaseSource, type FixtureUpstream } from './lib/npm-serve-upstream.ts';
import { checkSameBytes, warmPalisade, warmVerdaccio, type Target } from './lib/npm-serve-targets.ts';

const { values: args } = parseArgs({
  options: { seconds: { type: 'string', default: '5' }, rounds: { type: 'string', default: '5' }, 'verdaccio-seconds': { type: 'string', default: '3' }, format: { type: 'string', default: 'abbreviated' }, 'no-verdaccio': { type: 'boolean', default: false }, 'no-reference': { type: 'boolean', default: false } },
});
const seconds = Number(args.seconds);
const verdaccioSeconds = Number(args['verdaccio-seconds']);
const rounds = Number(args.rounds);
const format = args.format as PackumentFormat;
if (!(seconds >= 1) || !(verdaccioSeconds >= 1) || !Number.isInteger(rounds) || rounds < 1 || !['abbreviated', 'full'].includes(format)) {
  console.error('--seconds and --verdaccio-seconds must be >= 1, --rounds a whole number >= 1, --format abbreviated or full');
  process.exit(2);
}

const ROOT = resolve(import.meta.dirname, '..');
const CONNECTIONS = [16, 64];
const contentType = format === 'abbreviated' ? 'application/vnd.npm.install-v1+json' : 'application/json';
const ACCEPT = format === 'abbreviated' ? 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*' : 'application/json';
const PACKAGES = [
  { label: '65 KB packument', name: 'bench-serve-small', targetBytes: 65_000, latestTarballBytes: 13 * KiB, seed: 1 },
  { label: '166 KB packument', name: 'bench-serve-medium', targetBytes: 166_000, latestTarballBytes: MiB, seed: 2 },
  { label: '2.1 MB packument', name: 'bench-serve-large', targetBytes: 2_100_000, latestTarballBytes: 4 * KiB, seed: 3 },
];
const TARBALLS = ['13 KiB tarball', '1 MiB tarball'] as const; // the latest versions of the first two packages

function printPreamble(): void {
  console.log(`npm serving benchmark: node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'})`);
  console.log(`wrk (2 threads) shares the ${cpus().length} cores with the server under test: on bodies of megabytes the client is the limit, and every`);
  console.log('server pays for that alike. "CPU ms/req" = server user+system CPU (nginx: master + worker) per completed request;');
  console.log('"srv cores", "wrk", "other" = CPU over the run, in cores, of the server, of wrk and of every other process (on a shared');
  console.log('machine each run first waits up to 30 s for it to go quiet); "/ nginx" = requests per second relative to nginx.');
  console.log("nginx runs Debian's http defaults (sendfile on, tcp_nopush on), access log off: its p99 on bodies of ~64 KB shows 40 ms");
  console.log('delayed-ACK stalls from TCP_CORK; tcp_nopush off removes them at ~10% fewer requests per second.');
  console.log('node:http = a bare Node server sending the same bytes from memory (a reference, not a goal).');
}

/** Starts the fixture registry's packages behind every server, warmed and checked; the servers in the order they are measured. */
async function prepare(temp: string, upstream: FixtureUpstream, servers: BenchServer[], verdaccioBin: string | undefined): Promise<Target[]> {
  const packages = PACKAGES.map((spec) => generatePackage(spec, format, upstream.url));
  upstream.packages = new Map(packages.map((pkg) => [pkg.spec.name, pkg]));
  for (const [i, pkg] of packages.entries()) {
    console.log(`  ${PACKAGES[i]?.label}: ${pkg.spec.name}, ${pkg.versions.length} versions, upstream ${format} ${fmt(pkg[format].byteLength)} B${format === 'full' ? '' : ` (full ${fmt(pkg.full.byteLength)} B)`}, ${pkg.flagged} flagged`);
  }
  const dbSource = await writeDatabaseSource(join(temp, 'db'), packages);
  const palisade = await startPalisade(ROOT, { dataDir: join(temp, 'palisade'), upstream: upstream.url, dbSource });
  servers.push(palisade);
  const targets = await warmPalisade(palisade, packages, { accept: ACCEPT, labels: PACKAGES.map((spec) => spec.label), tarballs: [[0, TARBALLS[0]], [1, TARBALLS[1]]] });
  const packuments = targets.filter((t) => t.kind === 'packument').map((t) => ({ name: t.name, identity: t.identity, gzip: t.gzip as Uint8Array }));
  const tarballs = targets.filter((t) => t.kind === 'tarball').map((t) => ({ path: t.path, bytes: t.identity }));
  const nginx = await startNginx(join(temp, 'nginx'), packuments, tarballs, contentType);
  servers.unshift(nginx);
  await checkSameBytes(nginx, targets, ACCEPT);
  if (!args['no-reference']) {
    const reference = await startReference(join(temp, 'nginx', 'root'), contentType, tarballs[0]?.path ?? '/');
    servers.splice(1, 0, reference);
    await checkSameBytes(reference, targets, ACCEPT);
  }
  if (verdaccioBin) {
    const verdaccio = await startVerdaccio(verdaccioBin, join(temp, 'verdaccio'), upstream.url);
    servers.push(verdaccio);
    await warmVerdaccio(verdaccio, targets, ACCEPT, (line) => console.log(line));
  }
  return targets;
}

/** Every case, each server in turn; the tables are printed as they come. */
async function measureAll(targets: readonly Target[], servers: readonly BenchServer[], upstream: FixtureUpstream): Promise<Cell[]> {
  console.log(`\neach case: ${rounds} round${rounds === 1 ? '' : 's'} of ${servers.map((server) => server.label).join(', ')} in turn (Verdaccio in the first only), one wrk run each (${seconds} s; Verdaccio ${verdaccioSeconds} s), after the server has gone idle; the median run of each server is reported, its rounds' req/s in the notes`);
  const cells: Cell[] = [];
  for (const target of targets) {
    for (const encoding of target.kind === 'packument' ? (['identity', 'gzip'] as const) : (['identity'] as const)) {
      for (const connections of CONNECTIONS) {
        const runs = new Map<BenchServer, Cell[]>(servers.map((server) => [server, []]));
        for (let round = 0; round < rounds; round++) {
          for (const server of servers) {
            if (server.label === 'Verdaccio' && round > 0) continue;
            const before = upstream.requests();
            const headers: Record<string, string> = { Accept: target.kind === 'packument' ? ACCEPT : '*/*', ...(encoding === 'gzip' && { 'Accept-Encoding': 'gzip' }) };
            const path = target.kind === 'packument' ? server.packumentPath(target.name) : server.tarballPath(target.name, target.file);
            const result = await measureLoad({ url: `${server.origin}${path}`, headers, connections, seconds: server.label === 'Verdaccio' ? verdaccioSeconds : seconds, pid: server.process.child.pid as number });
            runs.get(server)?.push({ target: target.label, encoding, connections, server: server.label as Cell['server'], result, upstreamRequests: upstream.requests() - before });
          }
        }
        const caseCells = servers.map((server) => medianRun(runs.get(server) ?? []));
        cells.push(...caseCells);
        printCase(`${target.label} (${target.describe(encoding)}), ${encoding === 'gzip' ? 'Accept-Encoding: gzip' : 'no compression'}, ${connections} connections`, caseCells);
      }
    }
  }
  return cells;
}

/** The run of a server with the median requests per second, carrying every run's. */
function medianRun(runs: readonly Cell[]): Cell {
  const median = medianBy(runs, (run) => run.result.requestsPerSecond);
  return { ...median, rounds: runs.map((run) => run.result.requestsPerSecond), upstreamRequests: runs.reduce((sum, run) => sum + run.upstreamRequests, 0) };
}

async function main(): Promise<void> {
  const started = performance.now();
  printPreamble();
  ensureDebianTools((line) => console.log(line));
  const verdaccioBin = args['no-verdaccio'] ? undefined : ensureVerdaccio(ROOT, (line) => console.log(line));
  const upstream = await startFixtureUpstream();
  const { temp, servers, stop } = await openBenchSession('serve', upstream);
  try {
    const targets = await prepare(temp, upstream, servers, verdaccioBin);
    const cells = await measureAll(targets, servers, upstream);
    for (const server of servers) console.log(`${server.label}: resident memory after the runs ${fmt(rssBytes(server.process.child.pid as number) / MiB)} MiB`);
    printOverview(cells, targets.map((target) => target.label), CONNECTIONS);
    const shared = cells.filter((cell) => cell.result.otherCores > SHARED_CORES);
    if (shared.length > 0) console.log(`\n${shared.length} of ${cells.length} runs shared the machine with other processes (> ${SHARED_CORES} cores): their figures are low and noisy; re-run on a quiet machine`);
    console.log('\ngoals (from the issue; ratios are requests per second)');
    let fails = 0;
    let judged = 0;
    for (const goal of servingGoals({ packuments: PACKAGES.map((spec) => spec.label) as [string, string, string], tarballs: TARBALLS, connections: CONNECTIONS })) {
      const outcome = judge(goal, cells);
      if (!outcome) continue;
      judged++;
      if (!outcome.pass) fails++;
      console.log(`  ${outcome.line}`);
    }
    console.log(`\nthe run took ${fmt((performance.now() - started) / 1000)} s`);
    console.log(fails === 0 ? `all ${judged} goals PASS` : `${fails} of ${judged} goals FAIL  <<<<<<<<<<<<<<<< (the exit code stays 0: this is a benchmark)`);
  } finally {
    await stop();
  }
}

await main();
