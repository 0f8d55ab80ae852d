// The npm serving benchmark's upstream registry: a node:http server on 127.0.0.1 that
// serves the generated packages (full or abbreviated packument by the Accept header, as the
// registry does; tarballs by file) and counts what it is asked, so a run can show that the
// servers under load answered from their caches. Also the malicious-package reports the
// proxy's database is built from (writeReports serves the PyPI benchmark too).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchPackage } from './npm-serve-packages.ts';

/** The fixture registry while it runs. */
export interface FixtureUpstream {
  /** `http://127.0.0.1:<port>/`, with the trailing slash. */
  readonly url: string;
  /** Packages it serves, by name; set once they are generated (their tarball URLs need `url`). */
  packages: Map<string, BenchPackage>;
  /** Requests answered so far. */
  requests(): number;
  close(): Promise<void>;
}

const ABBREVIATED = 'application/vnd.npm.install-v1+json';

/** Starts the fixture registry on a free port of 127.0.0.1. */
export async function startFixtureUpstream(): Promise<FixtureUpstream> {
  let requests = 0;
  const state = { packages: new Map<string, BenchPackage>() };
  const server: Server = createServer((request, response) => {
    requests++;
    const path = decodeURIComponent((request.url ?? '/').split('?')[0] as string).slice(1);
    const slash = path.indexOf('/-/');
    const name = slash < 0 ? path : path.slice(0, slash);
    const found = state.packages.get(name);
    const tarball = slash < 0 ? undefined : found?.tarballs.get(path.slice(slash + 3));
    if (found && slash < 0) {
      const abbreviated = (request.headers.accept ?? '').includes(ABBREVIATED);
      const body = abbreviated ? found.abbreviated : found.full;
      response.writeHead(200, { 'Content-Type': abbreviated ? ABBREVIATED : 'application/json', 'Content-Length': body.byteLength, ETag: `"${name}-${abbreviated ? 'a' : 'f'}"` });
      response.end(request.method === 'HEAD' ? undefined : body);
    } else if (tarball) {
      response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': tarball.byteLength });
      response.end(request.method === 'HEAD' ? undefined : tarball);
    } else {
      response.writeHead(404, { 'Content-Type': 'application/json' });
      response.end('{"error":"Not found"}');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    get packages() {
      return state.packages;
    },
    set packages(value) {
      state.packages = value;
    },
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** One flagging report: its id, the ecosystem as OSV names it (`npm`, `PyPI`), the package and its flagged versions. */
export interface BenchReport {
  readonly id: string;
  readonly ecosystem: 'npm' | 'PyPI';
  readonly name: string;
  readonly versions: readonly string[];
}

/** One OSV report in the OpenSSF malicious-packages layout. */
function osvReport({ id, ecosystem, name, versions }: BenchReport): string {
  const report = {
    modified: '2025-01-02T00:00:00Z',
    published: '2025-01-01T00:00:00Z',
    schema_version: '1.5.0',
    id,
    summary: `Malicious code in ${name} (${ecosystem})`,
    details: '\n---\n_-= Per source details. Do not edit below this line.=-_\n\n## Source: palisade-bench\nA report written by a Palisade serving benchmark.\n',
    affected: [{ package: { ecosystem, name }, versions: [...versions] }],
    database_specific: { 'malicious-packages-origins': [{ source: 'palisade-bench', import_time: '2025-01-01T00:00:00Z', versions: [...versions] }] },
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Writes `reports` as a database source folder (`osv/malicious/<ecosystem>/<name>/<id>.json`); the folder to give as PALISADE_DB_SOURCE. */
export async function writeReports(root: string, reports: readonly BenchReport[]): Promise<string> {
  for (const report of reports) {
    const folder = join(root, 'osv', 'malicious', report.ecosystem.toLowerCase(), report.name);
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, `${report.id}.json`), osvReport(report));
  }
  return root;
}

/**
 * Writes the database source: one report per benchmark package flagging its `flagged`
 * version (so filtering really happens on every packument served), plus reports for a few
 * packages nobody asks for. Returns the folder to give as PALISADE_DB_SOURCE.
 */
export async function writeDatabaseSource(root: string, packages: readonly BenchPackage[]): Promise<string> {
  const reports: BenchReport[] = packages.map((pkg, i) => ({ id: `MAL-2025-${9000 + i}`, ecosystem: 'npm', name: pkg.spec.name, versions: [pkg.flagged] }));
  reports.push({ id: 'MAL-2025-9100', ecosystem: 'npm', name: 'bench-unrelated-stealer', versions: ['1.0.0', '1.0.1'] }, { id: 'MAL-2025-9101', ecosystem: 'npm', name: 'bench-unrelated-typosquat', versions: ['0.0.1'] });
  return writeReports(root, reports);
}
