// What the PyPI file benchmark loads, and the checks made before any timing: Palisade's
// project page warmed until it answers HIT (identity and gzip), really filtered (no file
// of the flagged version, every link pointed at Palisade), a download of the flagged
// version refused, the wheels HIT with the index's bytes; and nginx serving those very
// bytes from disk at the same paths.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fmt } from './measure.ts';
import { rawGet } from './npm-serve-process.ts';
import { launchNginx, type BenchServer } from './npm-serve-servers.ts';
import { getUntilHit, type Target } from './npm-serve-targets.ts';
import type { PypiFixtureIndex } from './pypi-files-upstream.ts';
import { FILES_PER_VERSION } from './synthetic-pypi-page.ts';

/** The content type of a PEP 691 project page. */
export const SIMPLE_JSON = 'application/vnd.pypi.simple.v1+json';

const fail = (message: string): never => {
  throw new Error(`check before timing failed: ${message}`);
};

type PageJson = { files?: { filename?: string; url?: string }[] };

/**
 * Warms Palisade's cache and checks its answers; the targets (the project page, kind
 * `packument`, with its gzip form; the wheels, kind `tarball`), as the shared npm-serve
 * helpers name the two kinds.
 */
export async function warmPypiPalisade(palisade: BenchServer, index: PypiFixtureIndex, accept: string, pageLabel: string): Promise<Target[]> {
  const { project } = index.page;
  const path = `/pypi/simple/${project}/`;
  const plain = await getUntilHit(`${palisade.origin}${path}`, { Accept: accept });
  const zipped = await getUntilHit(`${palisade.origin}${path}`, { Accept: accept, 'Accept-Encoding': 'gzip' });
  if (!String(plain.headers['content-type']).startsWith(SIMPLE_JSON)) fail(`${path} came as ${String(plain.headers['content-type'])}, not ${SIMPLE_JSON}`);
  if (plain.headers['content-encoding'] !== undefined) fail(`${path} without Accept-Encoding came encoded`);
  const document = JSON.parse(plain.body.toString('utf8')) as PageJson;
  const files = document.files ?? [];
  if (files.length !== index.page.files.length - FILES_PER_VERSION) fail(`${path} lists ${files.length} files, not ${index.page.files.length - FILES_PER_VERSION}`);
  if (files.some((file) => file.filename?.includes(`-${index.flagged}-`) || file.filename?.includes(`-${index.flagged}.tar.gz`))) fail(`${path}: a file of the flagged version ${index.flagged} is listed`);
  if (!files.every((file) => file.url?.startsWith(`${palisade.origin}/pypi/files/${project}/`))) fail(`${path}: a file link does not point at Palisade`);
  const flaggedUrl = new URL(index.flaggedFileUrl);
  const refused = await rawGet(`${palisade.origin}/pypi/files/${project}/${flaggedUrl.host}${flaggedUrl.pathname}`);
  if (refused.status !== 403) fail(`a download of the flagged version ${index.flagged} answered ${refused.status}, not 403`);
  const targets: Target[] = [
    {
      kind: 'packument',
      label: pageLabel,
      name: project,
      file: '',
      path,
      identity: plain.body,
      gzip: zipped.body,
      describe: (encoding) => `${fmt(plain.body.byteLength)} B as Palisade serves it${encoding === 'gzip' ? `, ${fmt(zipped.body.byteLength)} B gzipped` : ''}; ${fmt(files.length)} files`,
    },
  ];
  for (const wheel of index.files) {
    const url = files.find((file) => file.filename === wheel.filename)?.url ?? fail(`${path} does not list ${wheel.filename}`);
    const filePath = new URL(url).pathname;
    const answer = await getUntilHit(`${palisade.origin}${filePath}`, { Accept: '*/*' });
    if (!answer.body.equals(wheel.bytes)) fail(`${filePath}: Palisade's file differs from the index's (${answer.body.byteLength} vs ${wheel.bytes.byteLength} B)`);
    targets.push({ kind: 'tarball', label: wheel.label, name: project, file: wheel.filename, path: filePath, identity: answer.body, describe: () => `${fmt(answer.body.byteLength)} B, ${wheel.filename}` });
  }
  console.log(`Palisade: the page answered HIT identity and gzip without the flagged version's ${FILES_PER_VERSION} files, a download of it 403, the wheels HIT with the index's bytes`);
  return targets;
}

/**
 * Starts nginx serving the targets' bytes from `dir`/root at the paths Palisade serves them:
 * the project page as `index.json` (its `.json.gz` beside it for gzip_static) of its folder,
 * the wheels at their paths.
 */
export async function startPypiNginx(dir: string, targets: readonly Target[]): Promise<BenchServer> {
  const root = join(dir, 'root');
  for (const target of targets) {
    const file = join(root, target.kind === 'packument' ? `${target.path}index.json` : target.path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, target.identity);
    if (target.gzip) await writeFile(`${file}.gz`, target.gzip);
  }
  const locations = `location ~ ^/pypi/simple/([^/]+)/$ { default_type ${SIMPLE_JSON}; try_files /pypi/simple/$1/index.json =404; }
    location /pypi/files/ { }`;
  const probe = targets.find((target) => target.kind === 'tarball')?.path ?? '/';
  const { process, origin } = await launchNginx(dir, locations, probe);
  const wheelPath = (file: string) => targets.find((target) => target.file === file)?.path ?? `/pypi/files/${file}`;
  return { label: 'nginx', process, origin, packumentPath: (name) => `/pypi/simple/${name}/`, tarballPath: (_name, file) => wheelPath(file) };
}
