// What the npm serving benchmark loads, and the checks made before any timing: Palisade's
// cache warmed until it answers HIT (identity and gzip), its packuments really filtered and
// its tarballs the upstream's bytes; nginx answering the very bytes Palisade does; Verdaccio
// answering 200 with everything in its storage.
import { gunzipSync } from 'node:zlib';
import { fmt } from './measure.ts';
import type { BenchPackage } from './npm-serve-packages.ts';
import { rawGet, type RawAnswer } from './npm-serve-process.ts';
import type { BenchServer } from './npm-serve-servers.ts';

/** One body under load, with the bytes Palisade serves for it. */
export interface Target {
  readonly kind: 'packument' | 'tarball';
  readonly label: string;
  readonly name: string;
  /** The tarball's file name ('' for a packument). */
  readonly file: string;
  /** The path Palisade (and nginx) serve it at. */
  readonly path: string;
  readonly identity: Uint8Array;
  /** The gzip form Palisade keeps (packuments only). */
  readonly gzip?: Uint8Array;
  describe(encoding: 'identity' | 'gzip'): string;
}

const fail = (message: string): never => {
  throw new Error(`check before timing failed: ${message}`);
};

/**
 * GETs `url` until it answers `X-Cache: HIT`, and gzip-encoded when gzip is accepted (the
 * proxy may compress in the background and send identity meanwhile): at most 100 times, 50 ms apart.
 */
export async function getUntilHit(url: string, headers: Record<string, string>): Promise<RawAnswer> {
  const wantGzip = headers['Accept-Encoding'] === 'gzip';
  for (let attempt = 0; attempt < 100; attempt++) {
    const answer = await rawGet(url, headers);
    if (answer.status !== 200) fail(`GET ${url} answered ${answer.status}: ${answer.body.toString('utf8').slice(0, 300)}`);
    if (answer.headers['x-cache'] === 'HIT' && (!wantGzip || answer.headers['content-encoding'] === 'gzip')) return answer;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return fail(`GET ${url} (${JSON.stringify(headers)}) never answered X-Cache: HIT${wantGzip ? ' with Content-Encoding: gzip' : ''}`);
}

type Manifest = { dist?: { tarball?: string; integrity?: string } };

/** Warms Palisade's caches and checks its answers; the targets, packuments first. */
export async function warmPalisade(palisade: BenchServer, packages: readonly BenchPackage[], options: { accept: string; labels: readonly string[]; tarballs: readonly (readonly [number, string])[] }): Promise<Target[]> {
  const targets: Target[] = [];
  const documents: { versions: Record<string, Manifest> }[] = [];
  for (const [i, pkg] of packages.entries()) {
    const path = palisade.packumentPath(pkg.spec.name);
    const plain = await getUntilHit(`${palisade.origin}${path}`, { Accept: options.accept });
    const zipped = await getUntilHit(`${palisade.origin}${path}`, { Accept: options.accept, 'Accept-Encoding': 'gzip' });
    if (plain.headers['content-encoding'] !== undefined) fail(`${path} without Accept-Encoding came encoded (${String(plain.headers['content-encoding'])})`);
    if (zipped.headers['content-encoding'] !== 'gzip') fail(`${path} with Accept-Encoding: gzip came as ${String(zipped.headers['content-encoding'] ?? 'identity')}`);
    if (!gunzipSync(zipped.body).equals(plain.body)) fail(`${path}: the gzip body does not unpack to the identity body`);
    const document = JSON.parse(plain.body.toString('utf8')) as { versions: Record<string, Manifest> };
    if (document.versions[pkg.flagged] !== undefined) fail(`${path}: the flagged version ${pkg.flagged} was served`);
    if (document.versions[pkg.latest] === undefined) fail(`${path}: the latest version ${pkg.latest} is missing`);
    documents.push(document);
    const [identity, gzip] = [plain.body, zipped.body];
    targets.push({
      kind: 'packument',
      label: options.labels[i] as string,
      name: pkg.spec.name,
      file: '',
      path,
      identity,
      gzip,
      describe: (encoding) => `${fmt(identity.byteLength)} B as Palisade serves it${encoding === 'gzip' ? `, ${fmt(gzip.byteLength)} B gzipped` : ''}; ${pkg.versions.length - 1} versions after filtering`,
    });
  }
  for (const [index, label] of options.tarballs) {
    const pkg = packages[index] as BenchPackage;
    const url = documents[index]?.versions[pkg.latest]?.dist?.tarball ?? '';
    if (!url.startsWith(`${palisade.origin}/npm/`)) fail(`${pkg.spec.name}@${pkg.latest}: the served tarball URL ${url} does not point at Palisade`);
    const path = new URL(url).pathname;
    const answer = await getUntilHit(`${palisade.origin}${path}`, { Accept: '*/*' });
    const bytes = pkg.tarballs.get(pkg.latestFile) as Uint8Array;
    if (!answer.body.equals(bytes)) fail(`${path}: Palisade's tarball differs from the upstream's (${answer.body.byteLength} vs ${bytes.byteLength} B)`);
    const file = path.slice(path.lastIndexOf('/') + 1);
    targets.push({ kind: 'tarball', label, name: pkg.spec.name, file, path, identity: answer.body, describe: () => `${fmt(answer.body.byteLength)} B, ${file}` });
  }
  console.log('Palisade: every packument answered HIT identity and gzip, flagged versions filtered out, tarballs HIT with the upstream bytes');
  return targets;
}

/** Checks that a server (nginx, the reference) answers each target with exactly Palisade's bytes, identity and gzip. */
export async function checkSameBytes(nginx: BenchServer, targets: readonly Target[], accept: string): Promise<void> {
  for (const target of targets) {
    const plain = await rawGet(`${nginx.origin}${target.path}`, { Accept: target.kind === 'packument' ? accept : '*/*' });
    if (plain.status !== 200 || !plain.body.equals(target.identity)) fail(`${nginx.label} ${target.path}: ${plain.status}, ${plain.body.byteLength} B, not Palisade's ${target.identity.byteLength} B`);
    if (!target.gzip) continue;
    const zipped = await rawGet(`${nginx.origin}${target.path}`, { Accept: accept, 'Accept-Encoding': 'gzip' });
    if (zipped.headers['content-encoding'] !== 'gzip' || !zipped.body.equals(target.gzip)) fail(`${nginx.label} ${target.path} gzip: not Palisade's gzip bytes (${String(zipped.headers['content-encoding'])}, ${zipped.body.byteLength} B)`);
  }
  console.log(`${nginx.label}: the same bytes as Palisade for every body, identity and gzip`);
}

/** Fills Verdaccio's storage through it and checks its answers (its packuments differ from Palisade's in URLs). */
export async function warmVerdaccio(verdaccio: BenchServer, targets: readonly Target[], accept: string, say: (line: string) => void): Promise<void> {
  const sizes: string[] = [];
  for (const target of targets) {
    const path = target.kind === 'packument' ? verdaccio.packumentPath(target.name) : verdaccio.tarballPath(target.name, target.file);
    const headers = { Accept: target.kind === 'packument' ? accept : '*/*' };
    let answer = await rawGet(`${verdaccio.origin}${path}`, headers);
    answer = await rawGet(`${verdaccio.origin}${path}`, headers);
    if (answer.status !== 200) fail(`Verdaccio ${path}: ${answer.status} ${answer.body.toString('utf8').slice(0, 300)}`);
    if (target.kind === 'tarball' && !answer.body.equals(target.identity)) fail(`Verdaccio ${path}: not the upstream's tarball bytes`);
    if (target.kind === 'packument') {
      const zipped = await rawGet(`${verdaccio.origin}${path}`, { ...headers, 'Accept-Encoding': 'gzip' });
      if (zipped.status !== 200) fail(`Verdaccio ${path} gzip: ${zipped.status}`);
      sizes.push(`${target.label} ${fmt(answer.body.byteLength)} B (${zipped.headers['content-encoding'] === 'gzip' ? `gzip ${fmt(zipped.body.byteLength)} B` : 'not compressed on request'})`);
    }
  }
  say(`Verdaccio: every body 200 from its storage; its packuments: ${sizes.join(', ')}`);
}
