// Benchmark of preparing a large PyPI project page: a synthetic page of 2,000 versions with
// five files each (10,000 files), as pypi.org renders it in PEP 691 JSON and PEP 503 HTML,
// with 10 denied versions (the newest among them), taken through what Palisade does for a
// page. When the client asks for the form the index sent (JSON -> JSON, HTML -> HTML),
// Palisade edits the page as text (filterSimplePageText: denied files cut, links pointed at
// /pypi/files/..., unverifiable metadata links cut, the rest left as written); for the two
// cross-form pairs it parses the upstream's form, runs filterSimplePage (versions read by
// parseDistributionFile, the policy a Set lookup), rewriteFileUrls and
// withVerifiableMetadata, and renders the client's form. The goal (issue: PyPI): page
// filtering under 50 ms, judged on the worst same-form pair (the form pip and uv ask for
// is the one pypi.org sends); the cross-form pairs are reported beside it. The parse-based
// path for the same-form pairs is reported too, for reference, as are JSON.parse +
// JSON.stringify of the same JSON page and a plain regex scan of the HTML page's anchors.
//
//   node --expose-gc bench/pypi-page-filter.ts [--versions N] [--rounds N]
//   --versions: versions on the page, five files each (default 2000); --rounds: timed rounds per side (default 15, median reported)
import { parseArgs } from 'node:util';
import type { Result } from '@palisade/core';
import { fileLocation, filterSimplePage, filterSimplePageText, formatFileLocation, parseDistributionFile, parseSimpleHtml, parseSimpleJson, renderSimpleHtml, renderSimpleJson, rewriteFileUrls, withVerifiableMetadata, type ResolvedLink, type SimplePage } from '@palisade/pypi';
import { FILES_PER_VERSION, syntheticPypiPage } from './lib/synthetic-pypi-page.ts';
import { fmt, gc, median, row, verdict } from './lib/measure.ts';

const GOAL_MS = 50;
const DENIED = 10;
const PROJECT = 'synthetic-project';
const PAGE_URL = `https://pypi.org/simple/${PROJECT}/`;
const PUBLIC_BASE = 'https://proxy.example/pypi/';

const { values: args } = parseArgs({ options: { versions: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '15' } } });
const count = Number(args.versions);
const rounds = Number(args.rounds);
if (!Number.isInteger(count) || count < DENIED * 2 || !Number.isInteger(rounds) || rounds < 1) {
  console.error(`--versions must be a whole number >= ${DENIED * 2}, --rounds a whole number >= 1`), process.exit(2);
}

let sink = 0; // every result is added here and printed, so no measured work can be dropped

const page = syntheticPypiPage(PROJECT, count);
// The newest version and nine more spread over the history.
const spread = Array.from({ length: DENIED - 1 }, (_, i) => page.versions[Math.floor(((i + 1) * count) / DENIED)] as string);
const denied = new Set([page.versions[page.versions.length - 1] as string, ...spread]);
const filterOptions = {
  versionOf(filename: string): string | undefined {
    const parsed = parseDistributionFile(filename, PROJECT);
    return parsed.ok ? parsed.value.version : undefined;
  },
  isDenied: (version: string) => denied.has(version),
};
const rewriteOptions = {
  allowedHosts: ['files.pythonhosted.org'],
  fileUrl: (url: ResolvedLink) => `${PUBLIC_BASE}files/${formatFileLocation(fileLocation(PROJECT, url))}`,
};
/** What Palisade also gives the text filter: the file URL up to the upstream path. */
const fileUrlPrefix = (url: ResolvedLink) => `${PUBLIC_BASE}files/${formatFileLocation(fileLocation(PROJECT, { host: url.host, pathname: '' }))}`;

type Form = 'json' | 'html';
const FORMS: readonly Form[] = ['json', 'html'];
const unwrap = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(result.error);
  return result.value;
};
const parse = (form: Form): SimplePage => (form === 'json' ? unwrap(parseSimpleJson(page.json, PAGE_URL)) : unwrap(parseSimpleHtml(page.html, PAGE_URL)));
const render = (form: Form, served: SimplePage): string => (form === 'json' ? renderSimpleJson(served) : renderSimpleHtml(served));
const filterAndRewrite = (parsed: SimplePage): SimplePage => withVerifiableMetadata(rewriteFileUrls(filterSimplePage(parsed, filterOptions).page, rewriteOptions).page);

/** The parse-based path: the upstream's text in `from`, the text served in `to`. */
const parsedPath = (from: Form, to: Form) => (): number => render(to, filterAndRewrite(parse(from))).length;
const textOptions = { project: PROJECT, pageUrl: PAGE_URL, isDenied: filterOptions.isDenied, ...rewriteOptions, fileUrlPrefix };
/** The text path: the upstream's text edited in its own form. */
const textPath = (form: Form) => (): number => unwrap(filterSimplePageText(form === 'json' ? page.json : page.html, form, textOptions)).body.length;
/** What Palisade does for a page: the text path when the forms agree, the parse-based path otherwise. */
const prepared = (from: Form, to: Form) => (from === to ? textPath(from) : parsedPath(from, to));

const jsonBaseline = (): number => JSON.stringify(JSON.parse(page.json)).length;
const ANCHOR = /<a\s[^>]*href="([^"]*)"[^>]*>([^<]*)<\/a>/g;
function htmlBaseline(): number {
  let total = 0;
  for (const match of page.html.matchAll(ANCHOR)) total += (match[1] as string).length + (match[2] as string).length;
  return total;
}

const parsedJson = parse('json');
const filteredOnce = filterAndRewrite(parsedJson);
const stages: [string, () => number][] = [
  ['parseSimpleJson', () => parse('json').files.length],
  ['parseSimpleHtml', () => parse('html').files.length],
  ['filterSimplePage', () => filterSimplePage(parsedJson, filterOptions).page.files.length],
  ['rewriteFileUrls', () => rewriteFileUrls(parsedJson, rewriteOptions).page.files.length],
  ['renderSimpleJson', () => renderSimpleJson(filteredOnce).length],
  ['renderSimpleHtml', () => renderSimpleHtml(filteredOnce).length],
];

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

/** Checks before timing: both forms parse to the same files, the denied versions go, every link points at Palisade. */
function check(): { removed: readonly string[]; kept: number; outputs: Map<string, number> } {
  const [json, html] = [parse('json'), parse('html')];
  if (json.files.length !== page.files.length || html.files.length !== page.files.length) throw new Error(`parsed ${json.files.length} (JSON) and ${html.files.length} (HTML) files, not ${page.files.length}`);
  const filtered = filterSimplePage(json, filterOptions);
  if (filtered.unparsed.length > 0) throw new Error(`versions unreadable: ${filtered.unparsed.slice(0, 3).join(', ')}`);
  if (filtered.removed.length !== DENIED) throw new Error(`removed ${filtered.removed.length} versions, not ${DENIED}`);
  const outputs = new Map<string, number>();
  for (const from of FORMS) {
    const served = filterAndRewrite(parse(from));
    if (served.files.length !== page.files.length - DENIED * FILES_PER_VERSION) throw new Error(`${from}: ${served.files.length} files served`);
    if (!served.files.every((file) => file.url.startsWith(`${PUBLIC_BASE}files/${PROJECT}/files.pythonhosted.org/packages/`))) throw new Error(`${from}: a link does not point at Palisade`);
    for (const to of FORMS) outputs.set(`${from}>${to}`, render(to, served).length);
    // The text path serves what the parse-based path serves, read back in the same form.
    const edited = unwrap(filterSimplePageText(from === 'json' ? page.json : page.html, from, textOptions));
    const reread = from === 'json' ? unwrap(parseSimpleJson(edited.body.toString('utf8'), PAGE_URL)) : unwrap(parseSimpleHtml(edited.body.toString('utf8'), PAGE_URL));
    const rendered = from === 'json' ? unwrap(parseSimpleJson(render(from, served), PAGE_URL)) : unwrap(parseSimpleHtml(render(from, served), PAGE_URL));
    if (JSON.stringify(reread) !== JSON.stringify(rendered) || edited.removed.length !== DENIED) throw new Error(`${from}: the text path serves another page than the parse-based path`);
    outputs.set(`${from}>${from}`, edited.body.length);
  }
  return { removed: filtered.removed, kept: filtered.remaining, outputs };
}

console.log(`PyPI project page filter benchmark; node ${process.version}, ${process.platform}/${process.arch}`);
const checked = check();
const name = (form: Form) => (form === 'json' ? 'JSON' : 'HTML');
const pairs = FORMS.flatMap((from) => FORMS.map((to) => ({ from, to, label: `${name(from)} upstream -> ${name(to)} client${from === to ? ' (text edit)' : ' (parse, render)'}` })));
pairs.sort((a, b) => Number(a.from !== a.to) - Number(b.from !== b.to));
const timings = measure([...pairs.map((pair) => prepared(pair.from, pair.to)), ...FORMS.map((form) => parsedPath(form, form)), jsonBaseline, htmlBaseline, ...stages.map(([, fn]) => fn)]);
const pairMs = timings.slice(0, pairs.length);
const parsedSameFormMs = timings.slice(pairs.length, pairs.length + 2);
const [jsonBaseMs = 0, htmlBaseMs = 0] = timings.slice(pairs.length + 2, pairs.length + 4);
const stageMs = timings.slice(pairs.length + 4);

console.log('page');
row('files', fmt(page.files.length), `${fmt(count)} versions x ${FILES_PER_VERSION} (four platform wheels and an sdist); PEP 658 hashes on wheels, every 150th version yanked`);
row('PEP 691 JSON text', `${fmt(page.json.length / 1e6, 2)} MB`, 'as pypi.org writes it: compact, keys sorted, size and upload-time');
row('PEP 503 HTML text', `${fmt(page.html.length / 1e6, 2)} MB`, 'as pypi.org writes it: hash fragment, data-requires-python, data-core-metadata');
row('denied versions', fmt(denied.size), `removed ${checked.removed.length} (${fmt(checked.removed.length * FILES_PER_VERSION)} files), ${fmt(checked.kept)} versions left; isDenied is a Set lookup`);
console.log(`timing (ms: median of ${rounds} rounds after a warm-up, sides interleaved, gc before each round, untimed)`);
for (const [i, pair] of pairs.entries()) {
  const ms = pairMs[i] ?? 0;
  const base = pair.from === 'json' ? jsonBaseMs : htmlBaseMs;
  const out = checked.outputs.get(`${pair.from}>${pair.to}`) ?? 0;
  row(pair.label, fmt(ms, 1), `${fmt(ms / base, 1)}x the ${pair.from === 'json' ? 'JSON' : 'regex'} baseline; ${fmt(out / 1e6, 2)} MB out`);
}
for (const [i, form] of FORMS.entries()) row(`  reference: ${name(form)} -> ${name(form)} through the parser`, fmt(parsedSameFormMs[i] ?? 0, 1), 'what the text edit replaces (and what Palisade falls back to)');
row('  baseline: JSON.parse + JSON.stringify', fmt(jsonBaseMs, 1), 'the same JSON page, nothing filtered');
row('  baseline: regex scan of the HTML anchors', fmt(htmlBaseMs, 1), 'href and text of every <a>, nothing decoded');
console.log('stages (each alone, on the JSON-parsed page)');
for (const [i, [label]] of stages.entries()) row(`  ${label}`, fmt(stageMs[i] ?? 0, 1));
const worstOf = (same: boolean) => {
  const chosen = pairs.map((pair, i) => ({ pair, ms: pairMs[i] ?? 0 })).filter(({ pair }) => (pair.from === pair.to) === same);
  return chosen.reduce((a, b) => (b.ms > a.ms ? b : a));
};
const [sameForm, crossForm] = [worstOf(true), worstOf(false)];
console.log(`\ngoal: page filtering under ${GOAL_MS} ms, judged on the same-form pairs, the form pip and uv are sent (the worst: ${sameForm.pair.label}, ${fmt(sameForm.ms, 1)} ms): ${verdict(sameForm.ms < GOAL_MS)}`);
console.log(`cross-form pairs, reported and not judged (a client asking for the other form than the index sends): the worst ${crossForm.pair.label}, ${fmt(crossForm.ms, 1)} ms`);
console.log('the timed spans start from the page text in memory and end with the text served; no I/O, no gzip, no ETag hash (the exit code stays 0: this is a benchmark)');
console.log(`sink ${sink}`);
