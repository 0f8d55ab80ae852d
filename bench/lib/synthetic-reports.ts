// A deterministic synthetic OpenSSF malicious-packages database, shaped like the real one
// (see fixtures/malicious-packages/SOURCE.md): OSV JSON text as the report
// files spell it, mostly npm (a quarter scoped), some PyPI, a few dozen Go; three in four
// reports all-versions, a fifth versions-list only, the rest bounded ranges; some
// packages named by two or three reports.
import { normalizePypiName, osvEcosystemName, type Ecosystem } from '@palisade/core';

export interface SyntheticReport {
  readonly path: string;
  readonly text: string;
}

/** A lookup the benchmark makes, with a name as the index keys it. */
export interface Probe {
  readonly ecosystem: Ecosystem;
  readonly name: string;
  readonly version: string;
}

/** Lookups known to hit (or not) by construction, for packages named by exactly one report. */
export interface Probes {
  readonly allVersions: Probe[];
  readonly listedHits: Probe[];
  readonly rangeHits: Probe[];
  /** A package of a versions-list report, asked about a version the report does not list. */
  readonly unaffected: Probe[];
  /** npm names in the shape of the database's names, none of them in it. */
  readonly misses: string[];
}

type Kind = 'all' | 'all+listed' | 'listed' | 'bounded';

/** mulberry32: a small seeded PRNG; returns a float in [0, 1). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ('react vue node express lodash axios util utils helper core sdk api client server config ' +
  'logger auth crypto wallet token test demo dev build cli tools plugin loader parser ui kit web app ' +
  'data cache http request color string date format json yaml env deploy cloud aws azure discord ' +
  'telegram bot solana ethers web3 kue bakso soto nasi rendang sate tempe').split(' ');
const SOURCES = ['ossf-package-analysis', 'ghsa-malware', 'amazon-inspector', 'socket', 'kam193', 'reversing-labs'];
const DETAILS = [
  'The package communicates with a domain associated with malicious activity.',
  'The package executes a malicious payload during installation that downloads and runs a second-stage binary.',
  'This package was part of a spam campaign that published a large number of packages with no functionality in order to farm tokens.',
  'The package collects environment variables, the host name and the user name, and sends them to a remote server.',
];
const COMPROMISED =
  'Any computer that has this package installed or running should be considered fully compromised. ' +
  'All secrets and keys stored on that computer should be rotated immediately from a different computer.';

export function* syntheticReports(count: number, seed = 20251122): Generator<SyntheticReport, Probes, undefined> {
  const random = prng(seed);
  const int = (below: number) => Math.floor(random() * below);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const hex = (length: number) => Array.from({ length }, () => '0123456789abcdef'[int(16)]).join('');
  const date = (year: number) =>
    `${year}-${String(1 + int(12)).padStart(2, '0')}-${String(1 + int(28)).padStart(2, '0')}T${String(int(24)).padStart(2, '0')}:${String(int(60)).padStart(2, '0')}:${String(int(60)).padStart(2, '0')}Z`;
  const semver = () => `${int(5)}.${int(12)}.${int(20)}`;

  const goCount = Math.max(1, Math.round(count * 0.00016)); // 40 of 250,000
  const pypiEvery = Math.ceil(1 / 0.036); // every 28th report: about 8,900 of 250,000
  const goEvery = Math.max(1, Math.floor(count / goCount));
  const cap = (word: string) => `${word[0]!.toUpperCase()}${word.slice(1)}`;
  const normalized = (ecosystem: Ecosystem, raw: string) =>
    `${ecosystem}:${ecosystem === 'pypi' ? (normalizePypiName(raw) as { value: string }).value : raw}`;
  const scopes = Array.from({ length: 2000 }, (_, i) => `${pick(WORDS)}${i % 3 === 0 ? '' : int(1000)}`);
  const used = new Set<string>(); // keys: ecosystem + normalised name
  // 19% scoped at first try gives about a quarter scoped, as short unscoped names soon collide and are redrawn.
  const named = new Map<string, { ecosystem: Ecosystem; raw: string; reports: number; kind: Kind; hit: string; miss?: string }>();
  const reportsOf: Record<Ecosystem, string[]> = { npm: [], pypi: [], go: [] };

  const freshName = (ecosystem: Ecosystem, n: number): string => {
    const base = `${pick(WORDS)}-${pick(WORDS)}`;
    let raw: string;
    if (ecosystem === 'go') raw = `github.com/${cap(pick(WORDS))}${cap(pick(WORDS))}Corp/${base}`;
    else if (ecosystem === 'pypi') raw = `${pick(['', 'Py', 'py_'])}${base.replace('-', pick(['_', '.', '-', '']))}${pick(['', '2', '_tools', 'X'])}`;
    else raw = `${random() < 0.19 ? `@${pick(scopes)}/` : ''}${base}${random() < 0.7 ? `-${n.toString(36)}` : ''}`;
    const key = normalized(ecosystem, raw);
    return used.has(key) ? freshName(ecosystem, n + count) : (used.add(key), raw);
  };

  for (let i = 0; i < count; i++) {
    const ecosystem: Ecosystem = i % goEvery === 7 && reportsOf.go.length < goCount ? 'go' : i % pypiEvery === 3 ? 'pypi' : 'npm';
    // About 3% of reports name a package an earlier report already names.
    const earlier = reportsOf[ecosystem];
    const again = ecosystem !== 'go' && earlier.length > 100 && random() < 0.03;
    const raw = again ? earlier[earlier.length - 1 - int(100)]! : freshName(ecosystem, i);
    earlier.push(raw);

    const roll = random();
    const kind: Kind = ecosystem === 'go' ? 'all' : roll < 0.49 ? 'all' : roll < 0.75 ? 'all+listed' : roll < 0.95 ? 'listed' : 'bounded';
    const type = ecosystem === 'pypi' ? 'ECOSYSTEM' : 'SEMVER';
    const base = semver();
    const [major, minor, patch] = base.split('.').map(Number) as [number, number, number];
    const listed = Array.from({ length: 1 + int(5) }, (_, k) => `${major}.${minor}.${patch + k}`);
    const bound = random() < 0.5 ? 'fixed' : 'last_affected';
    const events: object[] = kind === 'bounded'
      ? [{ introduced: base }, { [bound]: `${major}.${minor + 1 + int(3)}.0` }]
      : [{ introduced: '0' }];
    const affected: Record<string, unknown> = {
      package: { ecosystem: osvEcosystemName(ecosystem), name: raw },
      ...(kind === 'listed' ? {} : { ranges: [{ type, events }] }),
      ...(kind === 'listed' || kind === 'all+listed' ? { versions: listed } : {}),
    };
    const id = `MAL-2025-${1000 + i}`;
    const source = pick(SOURCES);
    const sha = hex(64);
    const published = date(2022 + int(4));
    const report = {
      modified: published.replace(/^\d{4}/, (year) => String(Number(year) + int(2))),
      published,
      schema_version: '1.5.0',
      id,
      summary: `Malicious code in ${raw} (${osvEcosystemName(ecosystem)})`,
      details: `${pick(DETAILS)}\n\n---\n_-= Per source details. Do not edit below this line.=-_\n\n## Source: ${source} (${sha})\n${pick(DETAILS)} ${random() < 0.5 ? COMPROMISED : ''}\n`,
      affected: [affected],
      references: [{ type: 'WEB', url: `https://socket.dev/${ecosystem}/package/${raw}` }],
      ...(random() < 0.5 ? { credits: [{ name: 'Amazon Inspector', type: 'FINDER', contact: ['actran@amazon.com'] }] } : {}),
      database_specific: {
        'malicious-packages-origins': [{
          source,
          sha256: sha,
          import_time: date(2025).replace('Z', `.${String(int(1e9)).padStart(9, '0')}Z`),
          id: `${source === 'ghsa-malware' ? 'GHSA' : 'RLMA'}-${hex(4)}-${hex(4)}`,
          modified_time: published,
          ...(kind === 'listed' ? { versions: listed } : { ranges: [{ type, events }] }),
        }],
      },
    };
    const key = normalized(ecosystem, raw);
    const entry = named.get(key);
    const hit = kind === 'bounded' ? `${major}.${minor}.${patch + 1}` : kind === 'all' ? '1.0.0' : listed[int(listed.length)]!;
    if (entry) entry.reports++;
    else named.set(key, { ecosystem, raw, reports: 1, kind, hit, miss: `${major + 10}.0.0` });
    yield { path: `osv/malicious/${ecosystem}/${raw}/${id}.json`, text: JSON.stringify(report, null, 2) };
  }

  const probes: Probes = { allVersions: [], listedHits: [], rangeHits: [], unaffected: [], misses: [] };
  for (const [key, { ecosystem, reports, kind, hit, miss }] of named) {
    if (reports !== 1) continue;
    const name = key.slice(ecosystem.length + 1);
    if (kind === 'all' || kind === 'all+listed') probes.allVersions.push({ ecosystem, name, version: hit });
    if (kind === 'bounded') probes.rangeHits.push({ ecosystem, name, version: hit });
    if (kind === 'listed') {
      probes.listedHits.push({ ecosystem, name, version: hit });
      probes.unaffected.push({ ecosystem, name, version: miss! });
    }
  }
  // Misses: names shaped like the database's, from words it never uses.
  const MISS_WORDS = 'alpha beta gamma delta omega nova orbit pixel quark ridge stone tide vertex zenith'.split(' ');
  while (probes.misses.length < 10_000) {
    const name = `${random() < 0.25 ? `@${pick(MISS_WORDS)}/` : ''}${pick(MISS_WORDS)}-${pick(WORDS)}-${probes.misses.length.toString(36)}`;
    if (!used.has(`npm:${name}`)) probes.misses.push(name);
  }
  return probes;
}
