// The PyPI file benchmark's index: a node:http server on 127.0.0.1 serving one synthetic
// project's PEP 691 JSON page at `/simple/<project>/` and, at the paths the page links on
// the same origin, the bytes of the files under load (the other files the page lists are
// never asked for). It counts what it is asked, so a run can show that the servers under
// load answered from their caches.
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { syntheticPypiPage, type SyntheticPypiPage } from './synthetic-pypi-page.ts';

/** A file that is really served, with the label the tables give it. */
export interface FixtureFile {
  readonly label: string;
  readonly filename: string;
  /** The path the page links it at on the index's origin. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** The fixture index while it runs. */
export interface PypiFixtureIndex {
  /** `http://127.0.0.1:<port>/simple/`, as PALISADE_PYPI_UPSTREAM takes it. */
  readonly simpleUrl: string;
  readonly page: SyntheticPypiPage;
  /** The newest version, flagged by the database. */
  readonly flagged: string;
  readonly files: readonly FixtureFile[];
  /** The URL the page links a file of the flagged version at (Palisade must refuse it). */
  readonly flaggedFileUrl: string;
  requests(): number;
  close(): Promise<void>;
}

/** The wheels under load, all of the newest safe version: which platform, and how large. */
export interface WheelSpec {
  readonly label: string;
  /** A platform tag of the synthetic page (`cp312-cp312-win_amd64`). */
  readonly platform: string;
  readonly size: number;
}

/** Starts the index on a free port of 127.0.0.1 with a project of `versions` versions (five files each). */
export async function startPypiFixtureIndex(project: string, versions: number, wheels: readonly WheelSpec[]): Promise<PypiFixtureIndex> {
  let requests = 0;
  const served = new Map<string, Uint8Array>();
  let pageBytes = new Uint8Array();
  const server = createServer((request, response) => {
    requests++;
    const path = (request.url ?? '/').split('?')[0] as string;
    const body = path === `/simple/${project}/` ? pageBytes : served.get(path);
    if (!body) return void response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    const contentType = body === pageBytes ? 'application/vnd.pypi.simple.v1+json' : 'application/octet-stream';
    response.writeHead(200, { 'Content-Type': contentType, 'Content-Length': body.byteLength, ...(body === pageBytes && { ETag: '"bench-page"' }) });
    response.end(request.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The page is generated twice: first for the versions, then with the real files' hashes and sizes.
  const names = syntheticPypiPage(project, versions);
  const flagged = names.versions[names.versions.length - 1] as string;
  const safe = names.versions[names.versions.length - 2] as string;
  const distribution = project.replace(/-/g, '_');
  const bytes = wheels.map((wheel) => ({ ...wheel, filename: `${distribution}-${safe}-${wheel.platform}.whl`, bytes: new Uint8Array(randomBytes(wheel.size)) }));
  const actual = new Map(bytes.map((file) => [file.filename, { sha256: createHash('sha256').update(file.bytes).digest('hex'), size: file.size }]));
  const page = syntheticPypiPage(project, versions, { fileOrigin: origin, actual });
  pageBytes = new Uint8Array(Buffer.from(page.json, 'utf8'));
  const files = bytes.map((file): FixtureFile => {
    const listed = page.files.find((each) => each.filename === file.filename);
    if (!listed) throw new Error(`the page lists no ${file.filename}`);
    const path = new URL(listed.url).pathname;
    served.set(path, file.bytes);
    return { label: file.label, filename: file.filename, path, bytes: file.bytes };
  });
  const flaggedFileUrl = page.files.find((file) => file.version === flagged)?.url ?? '';
  return {
    simpleUrl: `${origin}/simple/`,
    page,
    flagged,
    files,
    flaggedFileUrl,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
