import { Members, pick, shuffle, writeJson, type Json } from './random-json.ts';

const NAMES = ['pkg', '@scope/pkg', '@sc\u00f6pe/p\u00e4ck', 'a/b"c'];
const VERSIONS = [
  '1.0.0', '1.0.1', '1.1.0', '2.0.0-rc.1', '2.0.0', '2.0.0+build.1', '2.1.0', '3.0.0-beta.2', '10.0.0', '0.0.1', 'v3.0.0',
  'not-semver', 'quote"1.0.0', 'back\\slash', '\u00fcn\u00ef-1.0.0', '\u2028', '__proto__', 'constructor', '', 'x\u0001y',
  '\ud83d\ude001.0.0', 'tarball', 'dist', '1.0.0 ',
];
const TAGS = ['latest', 'next', 'beta', '__proto__', 'x"y'];

/** A generated packument's text and what the test needs to know about it. */
export interface RandomPackument {
  readonly text: string;
  readonly denied: ReadonlySet<string>;
  /** Holds what only a parse reads right (a repeated version or top-level key, an array-index version). */
  readonly unusual: boolean;
}

/**
 * A packument as some registry might send it: any of many odd version keys, manifests
 * with and without `dist` or usable tarball URLs, repeated keys, `dist-tags` and `time`
 * present or not (or not objects), written compact or spaced, with escapes anywhere.
 */
export function randomPackument(next: () => number): RandomPackument {
  const chance = (p: number) => next() < p;
  const name = pick(next, NAMES);
  let unusual = false;
  const versions = shuffle(next, VERSIONS.filter(() => chance(0.3)));
  const keys = [...versions];
  if (chance(0.04)) (keys.push(pick(next, ['1', '42', '0'])), (unusual = true));
  if (versions.length > 0 && chance(0.04)) (keys.push(pick(next, versions)), (unusual = true));
  const denied = new Set(versions.filter(() => chance(0.3)));

  const top: [string, Json][] = [
    ['_id', name],
    ['name', name],
    ['readme', 'A "readme"\n\twith \\ escapes, caf\u00e9 and \ud83d\ude00 {"versions": {}}'],
    ['versions', chance(0.02) ? pick(next, [[], 'none', null]) : new Members(keys.map((key) => [key, manifest(next, name, key)]))],
  ];
  if (!chance(0.1)) top.push(['dist-tags', chance(0.02) ? pick(next, [['latest'], null, '1.0.0']) : distTags(next, versions)]);
  if (!chance(0.15)) top.push(['time', chance(0.05) ? 'long ago' : time(next, versions)]);
  if (chance(0.2)) top.push(['users', new Members([['someone', true], ['other', false]])]);
  if (chance(0.04)) (top.push([pick(next, ['versions', 'time', 'dist-tags']), new Members([])]), (unusual = true));
  const style = { spaced: chance(0.4), escapeRate: pick(next, [0, 0, 0.02, 0.3]) };
  return { text: writeJson(new Members(shuffle(next, top)), next, style), denied, unusual };
}

function manifest(next: () => number, name: string, version: string): Json {
  const chance = (p: number) => next() < p;
  if (chance(0.05)) return pick(next, ['odd', null, [1, 2], 7]);
  const members: [string, Json][] = [
    ['name', name],
    ['version', version],
    ['scripts', new Members([['tarball', 'https://x.test/p/-/not-this.tgz']])],
    ['deps', new Members([['dist', '{"tarball": "x"}']])],
  ];
  if (!chance(0.1)) members.push(['dist', chance(0.05) ? 'no dist' : dist(next, name, version)]);
  if (chance(0.1)) members.push(['dist', dist(next, name, version)]); // repeated: the last counts
  if (chance(0.1)) members.push(['tarball', 'https://x.test/p/-/top-level.tgz']);
  return new Members(shuffle(next, members));
}

function dist(next: () => number, name: string, version: string): Json {
  const bare = name.slice(name.indexOf('/') + 1);
  const tarball: Json = pick(next, [
    `https://registry.npmjs.org/${name}/-/${bare}-${version}.tgz`,
    `https://registry.npmjs.org/${name}/-/${bare}-1.0.0.tgz`,
    `https://r.test/${name}/-/${bare}-1.0.0%2Bb.tgz?token=a"b#frag`,
    `https://r.test/${name}/-/${bare}-1.0.0.zip`,
    `https://r.test/x/-/${'long'.repeat(200)}.tgz`,
    'https://r.test/x/-/%2e%2e%2fx.tgz',
    '',
    42,
    null,
  ]);
  const members: [string, Json][] = [
    ['integrity', 'sha512-abc/def+ghi=='],
    ['shasum', '0123abcd'],
    ['signatures', [new Members([['keyid', 'k'], ['sig', 's/t+u=']])]],
  ];
  if (next() < 0.9) members.push(['tarball', tarball]);
  if (next() < 0.05) members.push(['tarball', `https://registry.npmjs.org/x/-/second-${version}.tgz`]);
  return new Members(shuffle(next, members));
}

function distTags(next: () => number, versions: readonly string[]): Json {
  const targets = [...versions, '9.9.9'];
  const entries: [string, Json][] = TAGS.filter(() => next() < 0.5).map((tag) => [tag, pick(next, targets)]);
  if (next() < 0.05) entries.push(['odd', 5]);
  if (next() < 0.5) entries.unshift(['latest', pick(next, targets)]);
  return new Members(entries);
}

function time(next: () => number, versions: readonly string[]): Json {
  const entries: [string, Json][] = [
    ['created', '2020-01-01T00:00:00.000Z'],
    ['modified', '2024-01-01T00:00:00.000Z'],
  ];
  for (const version of versions) if (next() < 0.9) entries.push([version, `2021-01-01T00:00:0${entries.length % 10}.000Z`]);
  if (versions.length > 0 && next() < 0.1) entries.push([pick(next, versions), '2022-02-02T00:00:00.000Z']);
  return new Members(shuffle(next, entries));
}
