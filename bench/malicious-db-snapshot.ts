// Benchmark of the malicious-package index at the size of the real database (about
// 250,000 reports): parse+index, snapshot save, snapshot load (time and heap, in a fresh
// process) and lookups. Every claim is printed as a ratio to a baseline measured in the
// same run: a plain JSON.parse of each snapshot line for load, a plain Map.get for lookups.
//
//   node --expose-gc bench/malicious-db-snapshot.ts [--reports N] [--keep]
//   (child modes, which the benchmark starts itself: --load FILE [--load-only], --parse-lines FILE)
//   --keep leaves the snapshot (and probes.json) in the temporary folder, for --cpu-prof runs.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { decide, type Ecosystem, type PackageRef, type Policy } from '@palisade/core';
import { loadSnapshot, MaliciousPackageIndex, maliciousPackageRule, parseReportFile, saveSnapshot } from '@palisade/malicious-db';
import { syntheticReports, type Probe, type Probes, type SyntheticReport } from './lib/synthetic-reports.ts';

const LOOKUPS = 1_000_000; // per timed round; 3 rounds after a warm-up, the median is reported
const LOAD_RUNS = 3; // fresh processes for loadSnapshot and for its baseline; the median is reported
const BARS = { loadMs: 2000, heapMb: 300, missNs: 1000 };
const MB = 1024 * 1024;

const { values: args } = parseArgs({
  options: {
    reports: { type: 'string', default: '250000' }, keep: { type: 'boolean' },
    load: { type: 'string' }, 'parse-lines': { type: 'string' }, 'load-only': { type: 'boolean' },
  },
});
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {
  throw new Error('run with node --expose-gc (as ./run bench malicious-db-snapshot does)');
});
gc();
let sink = 0; // every result is added here and printed, so no measured work can be dropped

const fmt = (value: number, digits = 0) => value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const ratio = (ours: number, baseline: number) => `${fmt(ours / baseline, 2)}x baseline`;
const bar = (value: number, limit: number, unit: string) => `bar < ${fmt(limit)} ${unit}: ${value < limit ? 'PASS' : 'FAIL  <<<<<<<<<<<<<<<<'}`;
const row = (label: string, value: string, note = '') => console.log(`  ${label.padEnd(46)}${value.padStart(12)}   ${note}`);

type Lookup = 'miss' | 'missBase' | 'missDecide' | 'allVersions' | 'allVersionsBase' | 'allVersionsDecide'
  | 'listed' | 'listedBase' | 'range' | 'rangeBase' | 'unaffected' | 'unaffectedBase';
type LoadFigures = Record<'loadMs' | 'gcMs' | 'retainedMb' | 'afterLoadMb' | 'rssMb' | 'maxRssMb' | 'externalMb', number> & {
  readonly lookups?: Record<Lookup, number>; readonly checks: string[]; readonly baselineKeys: number; readonly sink: number;
};
type ParseFigures = { readonly parseMs: number; readonly retainedMb: number; readonly lines: number; readonly sink: number };

/** Median nanoseconds per call of `loop`, which makes `n` calls and returns a sum of results. */
function nsPerCall(loop: (n: number) => number): number {
  sink += loop(LOOKUPS / 10);
  const rounds: number[] = [];
  for (let round = 0; round < 3; round++) {
    const start = performance.now();
    sink += loop(LOOKUPS);
    rounds.push(((performance.now() - start) * 1e6) / LOOKUPS);
  }
  return median(rounds);
}

// ---- child: load the snapshot in a fresh process, then measure lookups ----------------
async function childLoad(file: string, lookupsToo: boolean): Promise<LoadFigures> {
  gc();
  const gcPauses: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => gcPauses.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  const before = process.memoryUsage();
  const start = performance.now();
  const loaded = await loadSnapshot(file);
  const end = performance.now();
  const afterLoad = process.memoryUsage();
  gc();
  const afterGc = process.memoryUsage();
  const maxRssMb = (process.resourceUsage().maxRSS * 1024) / MB;
  if (!loaded.ok) throw new Error(loaded.error);
  const index = loaded.value.index;
  await new Promise((resolve) => setTimeout(resolve, 100)); // GC entries reach the observer asynchronously
  observer.disconnect();
  const figures = {
    loadMs: end - start,
    gcMs: gcPauses.filter((entry) => entry.startTime < end).reduce((sum, entry) => sum + entry.duration, 0),
    retainedMb: (afterGc.heapUsed - before.heapUsed) / MB,
    afterLoadMb: (afterLoad.heapUsed - before.heapUsed) / MB,
    externalMb: (afterLoad.external - before.external) / MB,
    rssMb: afterGc.rss / MB,
    maxRssMb,
  };
  if (!lookupsToo) return { ...figures, checks: [], baselineKeys: 0, sink: index.size };

  const probes = JSON.parse(await readFile(join(dirname(file), 'probes.json'), 'utf8')) as Probes;
  // The baseline: plain Maps with the same keys as the index, one per ecosystem.
  const plain: Record<Ecosystem, Map<string, object>> = { npm: new Map(), pypi: new Map(), go: new Map() };
  for (const report of index.reports()) for (const { ecosystem, name } of report.packages) plain[ecosystem].set(name, report);
  const misses = probes.misses;
  const missRefs: PackageRef[] = misses.map((name) => ({ ecosystem: 'npm', name, version: '1.0.0' }));
  const policy: Policy = { mode: 'enforce', rules: [maliciousPackageRule(index)] };

  // One loop per figure (not one shared loop calling closures), so each is optimised on its own.
  const missLoop = (n: number) => { let s = 0; for (let i = 0, j = 0; i < n; i++, j = j + 1 === misses.length ? 0 : j + 1) s += index.findings('npm', misses[j] as string, '1.0.0').length; return s; };
  const missBase = (n: number) => { let s = 0; for (let i = 0, j = 0; i < n; i++, j = j + 1 === misses.length ? 0 : j + 1) s += plain.npm.get(misses[j] as string) === undefined ? 0 : 1; return s; };
  const missDecide = (n: number) => { let s = 0; for (let i = 0, j = 0; i < n; i++, j = j + 1 === missRefs.length ? 0 : j + 1) s += decide(missRefs[j] as PackageRef, policy).reasons.length; return s; };
  const hitLoop = (probes: Probe[]) => (n: number) => { let s = 0; for (let i = 0, j = 0; i < n; i++, j = j + 1 === probes.length ? 0 : j + 1) { const p = probes[j] as Probe; s += index.findings(p.ecosystem, p.name, p.version).length; } return s; };
  const hitBase = (probes: Probe[]) => (n: number) => { let s = 0; for (let i = 0, j = 0; i < n; i++, j = j + 1 === probes.length ? 0 : j + 1) { const p = probes[j] as Probe; s += plain[p.ecosystem].get(p.name) === undefined ? 0 : 1; } return s; };
  const hitDecide = (probes: Probe[]) => (n: number) => { let s = 0; for (let i = 0, j = 0; i < n; i++, j = j + 1 === probes.length ? 0 : j + 1) s += decide(probes[j] as Probe, policy).reasons.length; return s; };

  // Each probe set must answer as constructed: misses and unaffected versions find nothing, the rest one report each.
  const checks: string[] = [];
  const expect = (label: string, found: number, wanted: number) =>
    checks.push(`${label}: ${found === wanted ? 'ok' : 'WRONG'}, ${found} findings (expected ${wanted})`);
  expect('misses', missLoop(misses.length), 0);
  expect('all-version hits', hitLoop(probes.allVersions)(probes.allVersions.length), probes.allVersions.length);
  expect('versions-list hits', hitLoop(probes.listedHits)(probes.listedHits.length), probes.listedHits.length);
  expect('range hits', hitLoop(probes.rangeHits)(probes.rangeHits.length), probes.rangeHits.length);
  expect('unaffected versions', hitLoop(probes.unaffected)(probes.unaffected.length), 0);

  const lookups: Record<Lookup, number> = {
    miss: nsPerCall(missLoop),
    missBase: nsPerCall(missBase),
    missDecide: nsPerCall(missDecide),
    allVersions: nsPerCall(hitLoop(probes.allVersions)),
    allVersionsBase: nsPerCall(hitBase(probes.allVersions)),
    allVersionsDecide: nsPerCall(hitDecide(probes.allVersions)),
    listed: nsPerCall(hitLoop(probes.listedHits)),
    listedBase: nsPerCall(hitBase(probes.listedHits)),
    range: nsPerCall(hitLoop(probes.rangeHits)),
    rangeBase: nsPerCall(hitBase(probes.rangeHits)),
    unaffected: nsPerCall(hitLoop(probes.unaffected)),
    unaffectedBase: nsPerCall(hitBase(probes.unaffected)),
  };
  return { ...figures, lookups, checks, baselineKeys: plain.npm.size + plain.pypi.size + plain.go.size, sink };
}

// ---- child: the load baseline, a plain JSON.parse of every line of the same file -------
// (the header line, and of each report line its JSON part, after the last tab: what a
// loader that decodes every report up front would do at the least)
async function childParseLines(file: string): Promise<ParseFigures> {
  gc();
  const before = process.memoryUsage().heapUsed;
  const start = performance.now();
  const lines = (await readFile(file, 'utf8')).split('\n');
  const values: unknown[] = [];
  for (const line of lines) if (line !== '') values.push(JSON.parse(line.slice(line.lastIndexOf('\t') + 1)));
  const parseMs = performance.now() - start;
  gc();
  const retainedMb = (process.memoryUsage().heapUsed - before) / MB;
  return { parseMs, retainedMb, lines: values.length, sink: values.length };
}

function runChild(mode: '--load' | '--parse-lines', file: string, ...more: string[]): Promise<unknown> {
  const child = spawn(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), mode, file, ...more], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(output.trim().split('\n').pop() ?? '')) : reject(new Error(`${mode} child exited with ${code}`)))),
  );
}

// ---- parent: generate, parse+index, save, then measure load and lookups in children ----
async function main(count: number): Promise<void> {
  console.log(`malicious-db snapshot benchmark: ${count.toLocaleString('en')} synthetic reports; node ${process.version}, ${process.platform}/${process.arch}`);
  const index = new MaliciousPackageIndex();
  const generator = syntheticReports(count);
  let probes: Probes | undefined;
  let parseMs = 0;
  let textBytes = 0;
  let notAccepted = 0;
  let warnings = 0;
  const started = performance.now();
  while (probes === undefined) {
    const batch: SyntheticReport[] = [];
    while (batch.length < 5000) {
      const step = generator.next();
      if (step.done) { probes = step.value; break; }
      batch.push(step.value);
      textBytes += step.value.text.length;
    }
    const start = performance.now(); // only parsing and indexing are timed, not generating
    for (const { text, path } of batch) {
      const result = parseReportFile(text, path);
      if (result.status === 'accepted') { index.add(result.report); warnings += result.warnings.length; }
      else notAccepted++;
    }
    parseMs += performance.now() - start;
  }
  const generateMs = performance.now() - started - parseMs;
  const counts = index.counts();
  const scoped = [...index.reports()].filter((report) => report.packages[0]?.name.startsWith('@')).length;

  const dir = await mkdtemp(join(tmpdir(), 'palisade-bench-'));
  const file = join(dir, 'malicious-db.snapshot');
  await writeFile(join(dir, 'probes.json'), JSON.stringify(probes));
  let start = performance.now();
  await saveSnapshot(file, index, { source: { location: 'synthetic (bench/synthetic-reports.ts)' }, builtAt: new Date() });
  const saveMs = performance.now() - start;
  const sizeMb = (await stat(file)).size / MB;

  gc(); // now, so that this process's collector does not run beside the measuring children
  start = performance.now();
  const bases: ParseFigures[] = [];
  const loads: LoadFigures[] = [];
  for (let run = 0; run < LOAD_RUNS; run++) {
    bases.push((await runChild('--parse-lines', file)) as ParseFigures);
    loads.push((await runChild('--load', file, ...(run === 0 ? [] : ['--load-only']))) as LoadFigures);
  }
  const childrenMs = performance.now() - start;
  if (args.keep) console.log(`kept ${dir}`);
  else await rm(dir, { recursive: true, force: true });

  const first = loads[0] as LoadFigures; // heap figures and lookups come from the first load process
  const ns = first.lookups as Record<Lookup, number>;
  const loadMs = median(loads.map((run) => run.loadMs));
  const baseMs = median(bases.map((run) => run.parseMs));
  const baseHeapMb = (bases[0] as ParseFigures).retainedMb;
  const runs = (values: number[]) => `runs ${values.map((value) => fmt(value)).join(', ')} ms`;
  const verdicts = [bar(loadMs, BARS.loadMs, 'ms'), bar(first.retainedMb, BARS.heapMb, 'MB'), bar(first.afterLoadMb, BARS.heapMb, 'MB'), bar(ns.miss, BARS.missNs, 'ns')];
  const whole = counts.npm.whollyMaliciousPackages + counts.pypi.whollyMaliciousPackages + counts.go.whollyMaliciousPackages;

  console.log('\ndatabase');
  row('reports indexed', fmt(index.size), `npm ${fmt(counts.npm.reports)}, PyPI ${fmt(counts.pypi.reports)}, Go ${fmt(counts.go.reports)}; ${fmt(scoped)} scoped npm; ${notAccepted} not accepted, ${warnings} warnings`);
  row('packages', fmt(counts.npm.packages + counts.pypi.packages + counts.go.packages), `npm ${fmt(counts.npm.packages)}, PyPI ${fmt(counts.pypi.packages)}, Go ${fmt(counts.go.packages)}; wholly malicious ${fmt(whole)}`);
  row('report JSON text', `${fmt(textBytes / MB, 1)} MB`, `${fmt(textBytes / count)} chars per report; generated in ${fmt(generateMs)} ms (not timed)`);
  console.log('build (this process)');
  row('parse+index (parseReportFile + add)', `${fmt(parseMs)} ms`, `${fmt((parseMs * 1000) / count, 2)} µs per report`);
  row('saveSnapshot', `${fmt(saveMs)} ms`, `file ${fmt(sizeMb, 1)} MB`);
  console.log(`load (a fresh process each; times: median of ${LOAD_RUNS} processes, heap: the first)`);
  row('loadSnapshot wall time', `${fmt(loadMs)} ms`, `${verdicts[0]}; ${runs(loads.map((run) => run.loadMs))}`);
  row('  of which GC pauses', `${fmt(median(loads.map((run) => run.gcMs)))} ms`, runs(loads.map((run) => run.gcMs)));
  row('  baseline: JSON.parse of each line', `${fmt(baseMs)} ms`, `loadSnapshot is ${ratio(loadMs, baseMs)}; readFile, split, JSON.parse of the reports of ${fmt((bases[0] as ParseFigures).lines)} lines; ${runs(bases.map((run) => run.parseMs))}`);
  row('heap retained (after load + gc)', `${fmt(first.retainedMb, 1)} MB`, verdicts[1]);
  row('  baseline: retained JSON.parse values', `${fmt(baseHeapMb, 1)} MB`, `the index is ${ratio(first.retainedMb, baseHeapMb)}`);
  row('heap at its fullest seen (after load, no gc)', `${fmt(first.afterLoadMb, 1)} MB`, verdicts[2]);
  row('external memory after load, before gc', `${fmt(first.externalMb, 1)} MB`, 'Buffers (the file read), outside the JS heap');
  row('RSS after load + gc', `${fmt(first.rssMb)} MB`, `peak RSS of that process ${fmt(first.maxRssMb)} MB (until the end of the load phase)`);
  console.log(`lookups (ns per lookup: median of 3 rounds of ${fmt(LOOKUPS)} after a warm-up; baseline: Map.get on per-ecosystem Maps with the same ${fmt(first.baselineKeys)} keys)`);
  row('miss: findings(npm, name, version)', fmt(ns.miss, 1), `${ratio(ns.miss, ns.missBase)}; ${verdicts[3]} (the intent: well under)`);
  row('  baseline: Map.get, same miss names', fmt(ns.missBase, 1), `${fmt(probes.misses.length)} distinct npm names, cycled`);
  row('miss through decide() + maliciousPackageRule', fmt(ns.missDecide, 1), ratio(ns.missDecide, ns.missBase));
  row('all-version hit: findings', fmt(ns.allVersions, 1), `${ratio(ns.allVersions, ns.allVersionsBase)}; ${fmt(probes.allVersions.length)} packages cycled`);
  row('  baseline: Map.get, same hit names', fmt(ns.allVersionsBase, 1));
  row('all-version hit through decide()', fmt(ns.allVersionsDecide, 1), `${ratio(ns.allVersionsDecide, ns.allVersionsBase)}; builds a Reason with the OSV URL`);
  const other = (label: string, ours: number, baseline: number, note: string) =>
    row(label, fmt(ours, 1), `${ratio(ours, baseline)} (Map.get of the same names: ${fmt(baseline, 1)} ns); ${note}`);
  other('versions-list hit: findings', ns.listed, ns.listedBase, `${fmt(probes.listedHits.length)} packages, a listed version`);
  other('range hit: findings (evaluates the range)', ns.range, ns.rangeBase, `${fmt(probes.rangeHits.length)} packages, introduced X + fixed/last_affected Y`);
  other('unaffected version of a listed package', ns.unaffected, ns.unaffectedBase, `${fmt(probes.unaffected.length)} packages, a version not listed`);
  console.log('checks');
  for (const check of first.checks) console.log(`  ${check}`);
  const sinks = [...bases, ...loads].reduce((sum, run) => sum + run.sink, 0);
  const fails = verdicts.filter((verdict) => verdict.includes('FAIL')).length;
  console.log(`\nsink ${sinks}; children ran ${fmt(childrenMs / 1000, 1)} s`);
  console.log(fails === 0 ? 'all bars PASS' : `${fails} bar(s) FAIL  <<<<<<<<<<<<<<<< (the exit code stays 0: this is a benchmark)`);
}

if (args.load !== undefined) console.log(JSON.stringify(await childLoad(args.load, !args['load-only'])));
else if (args['parse-lines'] !== undefined) console.log(JSON.stringify(await childParseLines(args['parse-lines'])));
else if (Number.isInteger(Number(args.reports)) && Number(args.reports) > 0) await main(Number(args.reports));
else console.error(`--reports must be a positive whole number, not ${args.reports}`), process.exit(2);
