// Benchmark of filtering a large npm packument: a synthetic 20 MB full packument of 5,000
// versions with 10 denied versions (latest among them) goes through JSON.parse,
// filterPackument (denied versions out, dist-tags re-pointed, every tarball URL rewritten)
// and JSON.stringify, against the baseline JSON.parse + JSON.stringify of the same text in
// the same run. The goal: the whole span under 150 ms.
//
//   node --expose-gc bench/npm-packument-filter.ts [--versions N] [--rounds N]
//   --versions: versions in the packument (default 5000); --rounds: timed rounds per side (default 15, median reported)
import { parseArgs } from 'node:util';
import { filterPackument } from '@palisade/npm';
import { syntheticPackument } from './lib/synthetic-packument.ts';
import { fmt, gc, median, row, verdict } from './lib/measure.ts';

const GOAL_MS = 150;
const DENIED = 10;

const { values: args } = parseArgs({ options: { versions: { type: 'string', default: '5000' }, rounds: { type: 'string', default: '15' } } });
const count = Number(args.versions);
const rounds = Number(args.rounds);
if (!Number.isInteger(count) || count < DENIED * 2 || !Number.isInteger(rounds) || rounds < 1) {
  console.error(`--versions must be a whole number >= ${DENIED * 2}, --rounds a whole number >= 1`), process.exit(2);
}

let sink = 0; // every result is added here and printed, so no measured work can be dropped

const packument = syntheticPackument('@example/synthetic', count);
// Latest, the prerelease tagged next and beta, and eight more spread over the history.
const spread = Array.from({ length: DENIED - 2 }, (_, i) => packument.versions[Math.floor(((i + 1) * count) / DENIED)] as string);
const denied = new Set([packument.latest, packument.next, ...spread]);
const options = {
  isDenied: (version: string) => denied.has(version),
  tarballUrl: (file: string) => `https://proxy.example/npm/@example/synthetic/-/${encodeURIComponent(file)}`,
};

function baseline(): number {
  return JSON.stringify(JSON.parse(packument.text)).length;
}

function parseOnly(): number {
  return Object.keys(JSON.parse(packument.text) as object).length;
}

function filtered(): number {
  const result = filterPackument(JSON.parse(packument.text), options);
  if (!result.ok) throw new Error(result.error);
  return JSON.stringify(result.value.document).length;
}

const parsed = JSON.parse(packument.text) as unknown;
function filterOnly(): number {
  const result = filterPackument(parsed, options);
  if (!result.ok) throw new Error(result.error);
  return result.value.remaining;
}

/** Median milliseconds of `rounds` calls of each function, interleaved, after a warm-up; gc() before each, untimed. */
function measure(functions: readonly (() => number)[]): number[] {
  for (const fn of functions) for (let i = 0; i < 3; i++) sink += fn();
  const times: number[][] = functions.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [i, fn] of functions.entries()) {
      gc();
      const start = performance.now();
      sink += fn();
      times[i]?.push(performance.now() - start);
    }
  }
  return times.map(median);
}

console.log(`npm packument filter benchmark; node ${process.version}, ${process.platform}/${process.arch}`);
const check = filterPackument(JSON.parse(packument.text), options);
if (!check.ok) throw new Error(check.error);
const { removed, distTags, remaining } = check.value;
const [baseMs = 0, filteredMs = 0, filterMs = 0, parseMs = 0] = measure([baseline, filtered, filterOnly, parseOnly]);
const outBytes = JSON.stringify(check.value.document).length;

console.log('packument');
row('JSON text', `${fmt(packument.text.length / 1e6, 1)} MB`, `${fmt(count)} versions; latest ${packument.latest}, next ${packument.next}; readme at the top level only`);
row('denied versions', fmt(denied.size), `removed ${removed.length}, ${remaining} left; isDenied is a Set lookup`);
row('dist-tags changed', fmt(distTags.length), distTags.map((change) => `${change.tag} ${change.from} -> ${change.to ?? '(dropped)'}`).join(', '));
row('filtered JSON text', `${fmt(outBytes / 1e6, 1)} MB`, 'every remaining tarball URL points at the proxy');
console.log(`timing (ms: median of ${rounds} rounds after a warm-up, sides interleaved, gc before each round, untimed)`);
row('JSON.parse + filterPackument + JSON.stringify', fmt(filteredMs, 1), `${fmt(filteredMs / baseMs, 2)}x baseline; goal < ${GOAL_MS} ms: ${verdict(filteredMs < GOAL_MS)}`);
row('  baseline: JSON.parse + JSON.stringify', fmt(baseMs, 1), 'the same text, nothing filtered');
row('    of which JSON.parse', fmt(parseMs, 1), `${fmt((parseMs / baseMs) * 100)}% of the baseline`);
row('  filterPackument alone (already parsed)', fmt(filterMs, 1), `${fmt((filterMs / baseMs) * 100, 1)}% of the baseline`);
row('  added by filtering (span - baseline)', fmt(filteredMs - baseMs, 1), 'what the proxy adds to any parse-and-serialise of the document');
if (baseMs >= GOAL_MS) console.log(`  note: the baseline alone takes ${fmt(baseMs, 1)} ms, over the ${GOAL_MS} ms goal on this machine`);
console.log(`\nthe timed span: from the packument's JSON text in memory to the filtered JSON text; no I/O, no gzip\nsink ${sink}`);
