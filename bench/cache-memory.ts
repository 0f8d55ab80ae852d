// Benchmark of the disk store's memory while large entries stream through it: peak RSS
// while 20 concurrent 100 MiB entries are written (DiskStore.put) and read back
// (get() + entry.body() to the end), and while one 500 MiB artifact is; compared, in the
// same run, with the same bytes written through plain fs.createWriteStream pipelines and
// read back with fs.createReadStream. Bodies are async generators of 64 KiB chunks, so
// the benchmark never holds one whole. Each scenario runs in a fresh process (so one
// scenario's heap and allocator state cannot inflate another's peak) and removes its
// files before the next starts: at most ~2.1 GB is on disk at any time.
//
//   node --expose-gc bench/cache-memory.ts
//   (child mode, which the benchmark starts itself: --child SCENARIO)
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DiskStore, drainFile, drainWeb, MiB, patternBody, tarballInfo, tarballKey } from './lib/cache-fixtures.ts';
import { fmt, gc, MB, MemorySampler, verdict } from './lib/measure.ts';

// Flat memory: the 500 MiB artifact's peak RSS growth at most FLAT_BAR times that of a 100 MiB one (held whole, it would be ~5x).
const FLAT_BAR = 1.5;

const SCENARIOS = {
  'store-20': { entries: 20, size: 100 * MiB, how: 'store', label: 'DiskStore.put / get() + entry.body()' },
  'plain-20': { entries: 20, size: 100 * MiB, how: 'plain', label: 'baseline: createWriteStream / createReadStream' },
  'plain-20-flush': { entries: 20, size: 100 * MiB, how: 'plain-flush', label: 'baseline, with flush: true (fsync, as put does)' },
  'store-100': { entries: 1, size: 100 * MiB, how: 'store', label: 'DiskStore, one 100 MiB entry (for the flat check)' },
  'store-500': { entries: 1, size: 500 * MiB, how: 'store', label: 'DiskStore.put / get() + entry.body()' },
  'plain-500': { entries: 1, size: 500 * MiB, how: 'plain', label: 'baseline: createWriteStream / createReadStream' },
} as const;
type Scenario = keyof typeof SCENARIOS;

interface Phase {
  readonly seconds: number;
  readonly peakRss: number;
  readonly peakHeap: number;
  readonly peakExternal: number;
}
interface Figures {
  readonly baselineRss: number;
  readonly baselineHeap: number;
  readonly write: Phase;
  readonly read: Phase;
  readonly maxRss: number; // the kernel's peak for the whole child, for a cross-check of the samples
  readonly samples: number;
  readonly bytes: number;
}

const { values: args } = parseArgs({ options: { child: { type: 'string' } } });

/** Runs `work` while sampling memory; its peaks and duration. */
async function phase(sampler: MemorySampler, work: () => Promise<void>): Promise<Phase> {
  sampler.reset();
  const start = performance.now();
  await work();
  const seconds = (performance.now() - start) / 1000;
  const peak = sampler.peak();
  return { seconds, peakRss: peak.rss, peakHeap: peak.heapUsed, peakExternal: peak.external };
}

// ---- child: one scenario in a fresh process ------------------------------------------
async function child(name: Scenario): Promise<Figures> {
  const { entries, size, how } = SCENARIOS[name];
  const dir = await mkdtemp(join(tmpdir(), 'palisade-bench-memory-'));
  const seeds = Array.from({ length: entries }, (_, i) => i + 1);
  const check = (seed: number, bytes: number) => {
    if (bytes !== size) throw new Error(`${name}: entry ${seed} read back ${bytes} bytes, expected ${size}`);
  };
  try {
    const store = how === 'store' ? await DiskStore.open({ root: join(dir, 'cache'), maxBytes: 4096 * MiB }) : undefined;
    const path = (seed: number) => join(dir, `plain-${seed}.body`);
    gc();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = process.memoryUsage();
    const sampler = new MemorySampler(50);
    const write = await phase(sampler, async () => {
      await Promise.all(seeds.map(async (seed) => {
        if (store) {
          const put = await store.put(tarballInfo(tarballKey(`bench-memory-${seed}`)), patternBody(size, seed));
          if (!put.ok || put.value.size !== size) throw new Error(`${name}: put ${seed} failed: ${put.ok ? put.value.size : put.error}`);
        } else {
          await pipeline(Readable.from(patternBody(size, seed)), createWriteStream(path(seed), { flush: how === 'plain-flush' }));
        }
      }));
    });
    const read = await phase(sampler, async () => {
      await Promise.all(seeds.map(async (seed) => {
        if (store) {
          const entry = await store.get(tarballKey(`bench-memory-${seed}`));
          if (!entry || entry.chunks !== undefined) throw new Error(`${name}: entry ${seed} ${entry ? 'was read whole' : 'is missing'}`);
          check(seed, await drainWeb(entry.body()));
        } else check(seed, await drainFile(path(seed)));
      }));
    });
    sampler.stop();
    const maxRss = process.resourceUsage().maxRSS * 1024;
    return { baselineRss: before.rss, baselineHeap: before.heapUsed, write, read, maxRss, samples: sampler.samples, bytes: entries * size };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function runChild(name: Scenario): Promise<Figures> {
  const process_ = spawn(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--child', name], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  process_.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) =>
    process_.on('close', (code) => (code === 0 ? resolve(JSON.parse(output.trim().split('\n').pop() ?? '') as Figures) : reject(new Error(`${name} child exited with ${code}`)))),
  );
}

// ---- parent: every scenario in turn, then the table ----------------------------------
const mb = (bytes: number) => `${fmt(bytes / MB)} MB`;
const growth = (figures: Figures, which: 'write' | 'read') => figures[which].peakRss - figures.baselineRss;
const cell = (text: string, width: number) => text.padStart(width);

function printRow(label: string, figures: Figures): void {
  const mbps = (which: 'write' | 'read') => fmt(figures.bytes / MB / figures[which].seconds);
  console.log(
    `  ${label.padEnd(50)}${cell(mb(figures.baselineRss), 9)}${cell(mb(figures.write.peakRss), 10)}${cell(mb(figures.read.peakRss), 10)}` +
      `${cell(`+${fmt(growth(figures, 'write') / MB)} / +${fmt(growth(figures, 'read') / MB)}`, 14)}` +
      `${cell(`${fmt(figures.write.peakHeap / MB)} / ${fmt(figures.read.peakHeap / MB)}`, 11)}` +
      `${cell(`${fmt(figures.write.peakExternal / MB)} / ${fmt(figures.read.peakExternal / MB)}`, 13)}` +
      `${cell(mbps('write'), 8)}${cell(mbps('read'), 8)}${cell(mb(figures.maxRss), 9)}`,
  );
}

function printRatios(ours: Figures, plain: Figures, plainLabel: string): void {
  const ratio = (which: 'write' | 'read') => {
    const base = growth(plain, which);
    return base > 0 ? `${fmt(growth(ours, which) / base, 1)}x` : 'n/a (baseline did not grow)';
  };
  console.log(`  peak RSS growth, ours / ${plainLabel}: write ${ratio('write')}, read ${ratio('read')}; throughput, ours / ${plainLabel}: write ${fmt(plain.write.seconds / ours.write.seconds, 2)}x, read ${fmt(plain.read.seconds / ours.read.seconds, 2)}x`);
}

async function main(): Promise<void> {
  console.log(`cache memory benchmark: node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} cores; temp folder ${tmpdir()}`);
  console.log('each scenario in a fresh process; RSS, heap and external memory sampled every 50 ms; MB = 10^6 bytes, MiB = 2^20');
  console.log('baseline RSS: after imports and gc, before the first write; growth: peak RSS of the phase - baseline RSS; max RSS: the kernel\'s peak for the process');
  const header = () => console.log(
    `  ${''.padEnd(50)}${cell('baseline', 9)}${cell('pk write', 10)}${cell('pk read', 10)}${cell('growth w/r', 14)}${cell('heap w/r', 11)}${cell('extern w/r', 13)}` +
      `${cell('wr MB/s', 8)}${cell('rd MB/s', 8)}${cell('max RSS', 9)}`,
  );
  const results = {} as Record<Scenario, Figures>;
  const started = performance.now();
  for (const name of Object.keys(SCENARIOS) as Scenario[]) results[name] = await runChild(name);

  console.log('\n20 entries of 100 MiB, written concurrently, then read back concurrently (2,097 MB each way)');
  header();
  for (const name of ['store-20', 'plain-20', 'plain-20-flush'] as const) printRow(SCENARIOS[name].label, results[name]);
  printRatios(results['store-20'], results['plain-20'], 'plain');
  printRatios(results['store-20'], results['plain-20-flush'], 'plain with flush');

  console.log('\none entry of 500 MiB, written, then read back (524 MB each way)');
  header();
  for (const name of ['store-500', 'plain-500', 'store-100'] as const) printRow(SCENARIOS[name].label, results[name]);
  printRatios(results['store-500'], results['plain-500'], 'plain');
  const peakGrowth = (figures: Figures) => Math.max(growth(figures, 'write'), growth(figures, 'read'));
  const large = peakGrowth(results['store-500']);
  const small = peakGrowth(results['store-100']);
  console.log(`  flat memory: peak RSS growth ${mb(large)} for 500 MiB, ${mb(small)} for 100 MiB: ${fmt(large / small, 2)}x for 5x the bytes (${fmt((100 * large) / results['store-500'].bytes, 1)}% of the body)`);
  console.log(`  bar: at most ${FLAT_BAR}x the 100 MiB growth: ${verdict(large <= FLAT_BAR * small)}`);

  const samples = Object.values(results).reduce((sum, figures) => sum + figures.samples, 0);
  console.log(`\n${fmt(samples)} memory samples; ran ${fmt((performance.now() - started) / 1000, 1)} s; temporary files removed`);
}

if (args.child !== undefined) {
  if (!(args.child in SCENARIOS)) console.error(`unknown scenario ${args.child}`), process.exit(2);
  console.log(JSON.stringify(await child(args.child as Scenario)));
} else await main();
