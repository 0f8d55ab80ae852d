// Benchmark of filtering a large npm packument: a synthetic 20 MB full packument of 5,000
// versions with 10 denied versions (latest among them) is filtered (denied versions out,
// dist-tags re-pointed, every tarball URL rewritten) by filterPackumentText, from the
// upstream's bytes to the bytes served, as the app does. The goal: under 150 ms. For
// reference, the parse-based path (JSON.parse, filterPackument, JSON.stringify) and the
// baseline JSON.parse + JSON.stringify of the same text are timed in the same run.
//
//   node --expose-gc bench/npm-packument-filter.ts [--versions N] [--rounds N]
//   --versions: versions in the packument (default 5000); --rounds: timed rounds per side (default 15, median reported)
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { filterPackument, filterPackumentText } from '@palisade/npm';
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

const bytes = Buffer.from(packument.text, 'utf8');

/** What the app does: the upstream's bytes in, the bytes to serve out. */
function textFiltered(): number {
  const result = filterPackumentText(bytes, options);
  if (!result.ok) throw new Error(result.error);
  return result.value.json.length;
}

/** The parse-based path from the same bytes to bytes (decode, parse, filter, serialise, encode). */
function parsedFromBytes(): number {
  const result = filterPackument(JSON.parse(bytes.toString('utf8')), options);
  if (!result.ok) throw new Error(result.error);
  return Buffer.from(JSON.stringify(result.value.document), 'utf8').length;
}

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
const textCheck = filterPackumentText(bytes, options);
if (!textCheck.ok) throw new Error(textCheck.error);
if (!isDeepStrictEqual(JSON.parse(textCheck.value.json.toString('utf8')), check.value.document)) throw new Error('the text filter and filterPackument disagree');
const [textMs = 0, bytesParsedMs = 0, baseMs = 0, filteredMs = 0, filterMs = 0, parseMs = 0] = measure([
  textFiltered,
  parsedFromBytes,
  baseline,
  filtered,
  filterOnly,
  parseOnly,
]);
const outBytes = JSON.stringify(check.value.document).length;

console.log('packument');
row('JSON text', `${fmt(packument.text.length / 1e6, 1)} MB`, `${fmt(count)} versions; latest ${packument.latest}, next ${packument.next}; readme at the top level only`);
row('denied versions', fmt(denied.size), `removed ${removed.length}, ${remaining} left; isDenied is a Set lookup`);
row('dist-tags changed', fmt(distTags.length), distTags.map((change) => `${change.tag} ${change.from} -> ${change.to ?? '(dropped)'}`).join(', '));
row('filtered JSON text', `${fmt(outBytes / 1e6, 1)} MB`, 'every remaining tarball URL points at the proxy');
row('  as the text filter writes it', `${fmt(textCheck.value.json.length / 1e6, 1)} MB`, 'the same document, parsed (checked); the upstream\'s spelling kept');
console.log(`timing (ms: median of ${rounds} rounds after a warm-up, sides interleaved, gc before each round, untimed)`);
row('filterPackumentText: bytes in, bytes out', fmt(textMs, 1), `goal < ${GOAL_MS} ms: ${verdict(textMs < GOAL_MS)}; ${fmt(bytesParsedMs / textMs, 1)}x faster than parsing`);
row('  parse-based, bytes to bytes (the app before)', fmt(bytesParsedMs, 1), 'decode, JSON.parse, filterPackument, JSON.stringify, encode');
row('  JSON.parse + filterPackument + JSON.stringify', fmt(filteredMs, 1), `${fmt(filteredMs / baseMs, 2)}x baseline; text to text`);
row('  baseline: JSON.parse + JSON.stringify', fmt(baseMs, 1), 'the same text, nothing filtered');
row('    of which JSON.parse', fmt(parseMs, 1), `${fmt((parseMs / baseMs) * 100)}% of the baseline`);
row('  filterPackument alone (already parsed)', fmt(filterMs, 1), `${fmt((filterMs / baseMs) * 100, 1)}% of the baseline`);
console.log(`\nthe timed spans start from the packument in memory (bytes or text as named) and end with the filtered document; no I/O, no gzip\nsink ${sink}`);
