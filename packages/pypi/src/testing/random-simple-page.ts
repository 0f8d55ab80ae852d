// Generated project pages for the text filter's property test: the same random files
// written as PEP 691 JSON or PEP 503 HTML in the many ways indexes write them (key order,
// white space, quoting, entities, line breaks), with now and then something unusual or
// malformed that the text filter must decline or refuse.

/** A deterministic pseudo-random source (mulberry32) giving numbers in [0, 1). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(next: Random, items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
const chance = (next: Random, p: number) => next() < p;
const hex = (next: Random, length = 64) => Array.from({ length }, () => pick(next, [...'0123456789abcdef'])).join('');

export const PROJECT = 'demo-pkg';
export const PAGE_URL = `https://index.test/simple/${PROJECT}/`;
export const ALLOWED_HOSTS = ['files.test', 'mirror.test:8443'];
const VERSIONS = ['1.0', '1.1', '2.0b1', '2.0', '2.0.post1', '3.0.dev2', '1!4.0', '2.1+local', '5.0RC1', 'not-a-version'];
const NAMES = ['demo_pkg', 'demo-pkg', 'Demo.Pkg', 'demo__pkg', 'other_pkg', '.demo_pkg'];
const SUFFIXES = ['-py3-none-any.whl', '-1-cp312-cp312-manylinux_2_17_x86_64.whl', '.tar.gz', '.zip', '.tar.bz2', '-py3.egg', '-x-y.whl', '.WHL'];
const ORIGINS = ['https://files.test', 'https://FILES.test', 'https://mirror.test:8443', 'https://mirror.test', 'http://files.test:80', 'ftp://files.test', 'https://evil.test', ''];

/** A generated page: its text in one form, the versions it denies, and whether it holds something unusual. */
export interface GeneratedPage {
  readonly text: string;
  readonly denied: ReadonlySet<string>;
  /** Whether the page holds something the text filter may decline (or the parse refuse). */
  readonly unusual: boolean;
}

interface GeneratedFile {
  filename: string;
  url: string;
  sha256?: string;
  metadata: ('true' | 'false' | 'sha' | 'empty' | 'null' | 'absent')[];
  yanked?: boolean | string;
  requiresPython?: string;
}

function generatedFiles(next: Random, flags: { unusual: boolean }): GeneratedFile[] {
  return Array.from({ length: Math.floor(next() * 9) }, (_, i) => {
    const name = chance(next, 0.8) ? 'demo_pkg' : pick(next, NAMES);
    const filename = chance(next, 0.05) ? `weird name ${i}.txt` : `${name}-${pick(next, VERSIONS)}${pick(next, SUFFIXES)}`;
    const origin = chance(next, 0.8) ? 'https://files.test' : pick(next, ORIGINS);
    const kind = chance(next, 0.7) ? pick(next, ['sha', 'sha', 'false', 'absent'] as const) : pick(next, ['true', 'empty', 'null'] as const);
    const second = chance(next, 0.95) ? kind : pick(next, ['true', 'false', 'sha', 'empty', 'null', 'absent'] as const);
    if (second !== kind) flags.unusual = true;
    return {
      filename,
      url: `${origin}/packages/${hex(next, 4)}/${encodeURIComponent(filename)}`,
      ...(chance(next, 0.9) ? { sha256: hex(next) } : {}),
      metadata: [kind, second],
      ...(chance(next, 0.2) ? { yanked: pick(next, [true, false, 'broken <tags> & "more"']) } : {}),
      ...(chance(next, 0.5) ? { requiresPython: pick(next, ['>=3.8', '>=3.9,<4', '']) } : {}),
    };
  });
}

/** A page in PEP 691 JSON, members in any order and white space anywhere. */
export function randomJsonPage(next: Random): GeneratedPage {
  const flags = { unusual: false };
  const files = generatedFiles(next, flags);
  const space = () => (chance(next, 0.2) ? pick(next, [' ', '\n  ', '\t']) : '');
  const object = (members: [string, string][]) => {
    const shuffled = [...members].sort(() => (chance(next, 0.3) ? next() - 0.5 : 0));
    return `{${space()}${shuffled.map(([key, value]) => `${key.startsWith('"') ? key : JSON.stringify(key)}${space()}:${space()}${value}`).join(`,${space()}`)}${space()}}`;
  };
  const metadataJson = { true: 'true', false: 'false', empty: '{}', null: 'null' } as const;
  const fileObjects = files.map((file) => {
    const members: [string, string][] = [['filename', JSON.stringify(file.filename)], ['url', JSON.stringify(file.url)]];
    members.push(['hashes', file.sha256 === undefined ? (chance(next, 0.5) ? 'null' : '{}') : `{"sha256":"${file.sha256}"}`]);
    for (const [i, kind] of file.metadata.entries()) {
      if (kind === 'absent') continue;
      const value = kind === 'empty' ? pick(next, ['{}', '{"sha256":""}', '{"sha256": ""}']) : kind !== 'sha' ? metadataJson[kind] : chance(next, 0.8) ? `{"sha256":"${hex(next)}"}` : `{"SHA256": "${hex(next)}", "md5": "${hex(next, 32)}"}`;
      members.push([i === 0 ? 'core-metadata' : 'data-dist-info-metadata', value]);
    }
    if (file.yanked !== undefined) members.push(['yanked', JSON.stringify(file.yanked)]);
    if (file.requiresPython !== undefined) members.push(['requires-python', JSON.stringify(file.requiresPython)]);
    if (chance(next, 0.3)) members.push(['size', pick(next, ['12345', '0', '1.0e2', 'null'])], ['upload-time', '"2024-01-02T03:04:05.123456Z"']);
    if (chance(next, 0.1)) members.push(['x-unknown', '{"nested":[1,2,{"a":null}]}']);
    return object(unusualMembers(next, members, flags));
  });
  const versions = [...new Set([...files.map(() => pick(next, VERSIONS)), ...(chance(next, 0.5) ? ['1.0'] : [])])];
  const top: [string, string][] = [
    ['meta', chance(next, 0.97) ? `{"api-version":"1.${Math.floor(next() * 4)}","_last-serial":123}` : '{"api-version":"2.0"}'],
    ['name', '"demo-pkg"'],
    ['files', `[${space()}${fileObjects.join(`,${space()}`)}${space()}]`],
  ];
  if (chance(next, 0.6)) top.push(['versions', JSON.stringify(versions)]);
  if (chance(next, 0.3)) top.push(['project-status', '{"status":"active"}'], ['alternate-locations', '[]']);
  return { text: object(unusualMembers(next, top, flags)), denied: deniedVersions(next), unusual: flags.unusual };
}

/** Now and then a member repeated, written with an escape, of the wrong type, or `dist-info-metadata`. */
function unusualMembers(next: Random, members: [string, string][], flags: { unusual: boolean }): [string, string][] {
  if (!chance(next, 0.04) || members.length === 0) return members;
  flags.unusual = true;
  const [key, value] = pick(next, members);
  const changes: [string, string][][] = [
    [[key, value]],
    [[`"\\u00${key.charCodeAt(0).toString(16)}${key.slice(1)}"`, value]],
    [[key, pick(next, ['1', '"x"', 'null', '[]', '{}', 'true'])]],
    [['dist-info-metadata', 'true']],
  ];
  const extra = pick(next, changes);
  return [...members, ...extra];
}

function deniedVersions(next: Random): Set<string> {
  return new Set(VERSIONS.filter(() => chance(next, 0.3)));
}

/** A page in PEP 503 HTML, attributes quoted any way, entities here and there, links with or without `<br>`. */
export function randomHtmlPage(next: Random): GeneratedPage {
  const flags = { unusual: false };
  const files = generatedFiles(next, flags);
  const quote = (value: string) => {
    const escaped = value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
    if (/^[A-Za-z0-9:/._#=-]+$/.test(value) && chance(next, 0.2)) return value;
    return chance(next, 0.2) ? `'${escaped.replaceAll("'", '&#39;')}'` : `"${escaped}"`;
  };
  const metadataValue = { true: 'true', false: 'false', empty: '', null: 'sha512=abcd' } as const;
  const anchors = files.map((file) => {
    const href = file.sha256 === undefined ? file.url : `${file.url}#sha256=${file.sha256}`;
    const attributes = [`${chance(next, 0.1) ? 'HREF' : 'href'}=${quote(href)}`];
    for (const [i, kind] of file.metadata.entries()) {
      if (kind === 'absent') continue;
      const value = kind === 'sha' ? `sha256=${hex(next)}` : metadataValue[kind];
      attributes.push(`${i === 0 ? 'data-core-metadata' : 'data-dist-info-metadata'}=${quote(value)}`);
    }
    if (file.yanked !== undefined && file.yanked !== false) attributes.push(file.yanked === true ? 'data-yanked' : `data-yanked=${quote(file.yanked)}`);
    if (file.requiresPython !== undefined) attributes.push(`data-requires-python=${quote(file.requiresPython)}`);
    const ordered = attributes.sort(() => (chance(next, 0.3) ? next() - 0.5 : 0));
    const text = file.filename.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
    return `${pick(next, ['    ', '', '\n'])}<${chance(next, 0.1) ? 'A' : 'a'} ${ordered.join(pick(next, [' ', '  ', '\n']))}>${text}</a>${pick(next, ['<br />', '<br/>', '<br>', '', '\n'])}\n`;
  });
  const version = chance(next, 0.97) ? `1.${Math.floor(next() * 4)}` : '2.0';
  const extras = chance(next, 0.05) ? pick(next, ['<base href="https://files.test/">', '<script>var a = "<a href=x>y</a>";</script>', '<a href="x"><b>bold</b></a>', '<a href=']) : '';
  if (extras !== '') flags.unusual = true;
  const text = [
    '<!DOCTYPE html>\n<html>\n  <head>\n',
    `    <meta name="pypi:repository-version" content="${version}">\n`,
    '    <title>Links for demo-pkg</title>\n  </head>\n  <body>\n    <h1>Links for demo-pkg</h1>\n',
    ...anchors,
    extras,
    '  </body>\n</html>\n<!--SERIAL 42-->',
  ].join('');
  return { text, denied: deniedVersions(next), unusual: flags.unusual };
}
