// The three servers the npm serving benchmark compares, each a separate process on
// 127.0.0.1: Palisade (`node apps/proxy/src/main.ts`), nginx (Debian's, one worker,
// sendfile, gzip_static, serving files written from Palisade's answers) and Verdaccio 6
// (from the npm registry, installed on demand into .tools/verdaccio, its storage filled
// from the fixture upstream). Missing tools are installed, and the output says so. The PyPI
// file benchmark starts Palisade, nginx (launchNginx) and the reference through these too.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { freePort, startProcess, awaitReady, type ServerProcess } from './npm-serve-process.ts';

/** A server under test: where it listens and how it names a package's resources. */
export interface BenchServer {
  readonly label: string;
  readonly process: ServerProcess;
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly origin: string;
  /** The path of a package's packument. */
  packumentPath(name: string): string;
  /** The path of a tarball. */
  tarballPath(name: string, file: string): string;
}

const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

/** Installs nginx and wrk from Debian when either is missing (needs root, as the benchmark machine runs). */
export function ensureDebianTools(say: (line: string) => void): void {
  const missing = [['nginx', 'nginx'], ['wrk', 'wrk']].filter(([command]) => !has(command as string)).map(([, pkg]) => pkg as string);
  if (missing.length === 0) return;
  say(`installing ${missing.join(' and ')} from Debian (apt-get update && apt-get install -y ${missing.join(' ')})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: ['ignore', 'ignore', 'inherit'], env });
}

/**
 * Starts the proxy with its settings in the environment (`upstream`: the npm registry,
 * `pypiUpstream`: the PyPI simple index, each left at its default when not given; `env`:
 * further `PALISADE_*` settings), labelled `label` (default `Palisade`); resolves once
 * `/readyz` answers 200.
 */
export async function startPalisade(root: string, options: { dataDir: string; dbSource: string; upstream?: string; pypiUpstream?: string; env?: Record<string, string>; label?: string }): Promise<BenchServer> {
  await mkdir(options.dataDir, { recursive: true });
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PALISADE_HOST: '127.0.0.1', PALISADE_PORT: String(port), PALISADE_DATA_DIR: options.dataDir, PALISADE_DB_SOURCE: options.dbSource };
  if (options.upstream) env.PALISADE_NPM_UPSTREAM = options.upstream;
  if (options.pypiUpstream) env.PALISADE_PYPI_UPSTREAM = options.pypiUpstream;
  Object.assign(env, options.env);
  const label = options.label ?? 'Palisade';
  const server = startProcess(label, process.execPath, [join(root, 'apps/proxy/src/main.ts')], { env, cwd: options.dataDir });
  const origin = `http://127.0.0.1:${port}`;
  await awaitReady(server, `${origin}/readyz`, 120_000);
  return { label, process: server, origin, packumentPath: (name) => `/npm/${name}`, tarballPath: (name, file) => `/npm/${name}/-/${file}` };
}

/** A file for nginx to serve: its URL path and bytes. */
export interface StaticFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/**
 * Starts nginx on a generated configuration serving `files` from `dir`/root: packuments at
 * `/npm/<name>` (from `packuments/<name>.json`, with `<name>.json.gz` beside it for
 * gzip_static), tarballs at `/npm/<name>/-/<file>`.
 */
export async function startNginx(dir: string, packuments: readonly { name: string; identity: Uint8Array; gzip: Uint8Array }[], tarballs: readonly StaticFile[], contentType: string): Promise<BenchServer> {
  const root = join(dir, 'root');
  for (const packument of packuments) {
    await mkdir(join(root, 'packuments'), { recursive: true });
    await writeFile(join(root, 'packuments', `${packument.name}.json`), packument.identity);
    await writeFile(join(root, 'packuments', `${packument.name}.json.gz`), packument.gzip);
  }
  for (const file of tarballs) {
    await mkdir(dirname(join(root, file.path)), { recursive: true });
    await writeFile(join(root, file.path), file.bytes);
  }
  const locations = `location ~ ^/npm/([^/]+)$ { default_type ${contentType}; try_files /packuments/$1.json =404; }
    location /npm/ { }`;
  const { process: server, origin } = await launchNginx(dir, locations, tarballs[0]?.path ?? '/');
  return { label: 'nginx', process: server, origin, packumentPath: (name) => `/npm/${name}`, tarballPath: (name, file) => `/npm/${name}/-/${file}` };
}

/**
 * Starts nginx (one worker, sendfile, gzip_static, access log off) serving `dir`/root with
 * the given `location` blocks; resolves once `probePath` answers 200.
 */
export async function launchNginx(dir: string, locations: string, probePath: string): Promise<{ process: ServerProcess; origin: string }> {
  const root = join(dir, 'root');
  for (const folder of [dir, join(dir, 'temp')]) await mkdir(folder, { recursive: true });
  const port = await freePort();
  const temp = join(dir, 'temp');
  // The worker runs as the benchmark's user (root here, where nginx would otherwise switch to nobody): the files sit in a private temp folder.
  const config = `${process.getuid?.() === 0 ? 'user root;\n' : ''}worker_processes 1;
daemon off;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_requests 1000000;
  keepalive_timeout 120s;
  gzip_static on;
  client_body_temp_path ${temp}/client; proxy_temp_path ${temp}/proxy; fastcgi_temp_path ${temp}/fastcgi; uwsgi_temp_path ${temp}/uwsgi; scgi_temp_path ${temp}/scgi;
  types { application/octet-stream tgz; }
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    ${locations}
  }
}
`;
  const configFile = join(dir, 'nginx.conf');
  await writeFile(configFile, config);
  const server = startProcess('nginx', 'nginx', ['-p', dir, '-c', configFile, '-e', join(dir, 'error.log')]);
  const origin = `http://127.0.0.1:${port}`;
  await awaitReady(server, `${origin}${probePath}`, 20_000);
  return { process: server, origin };
}

/** Starts the reference: a bare node:http server answering from memory with the files under `root` (see npm-serve-reference-server.ts). */
export async function startReference(root: string, contentType: string, probePath: string): Promise<BenchServer> {
  const port = await freePort();
  const script = join(import.meta.dirname, 'npm-serve-reference-server.ts');
  const server = startProcess('node:http', process.execPath, [script, root, String(port), contentType]);
  const origin = `http://127.0.0.1:${port}`;
  await awaitReady(server, `${origin}${probePath}`, 20_000);
  return { label: 'node:http', process: server, origin, packumentPath: (name) => `/npm/${name}`, tarballPath: (name, file) => `/npm/${name}/-/${file}` };
}

/**
 * Installs Verdaccio 6 into `<root>/.tools/verdaccio` unless it is there, with an npm
 * configuration and cache of its own. `verdaccio-audit` asks for node-fetch by the dist-tag
 * `cjs`, which a registry mirror may not carry: an override pins the version that tag names.
 */
export function ensureVerdaccio(root: string, say: (line: string) => void): string {
  const prefix = join(root, '.tools', 'verdaccio');
  const bin = join(prefix, 'node_modules', 'verdaccio', 'bin', 'verdaccio');
  if (existsSync(bin)) return bin;
  say('installing Verdaccio 6 from the npm registry into .tools/verdaccio');
  mkdirSync(join(prefix, '.npm-cache'), { recursive: true });
  writeFileSync(join(prefix, 'npmrc'), 'fund=false\naudit=false\nupdate-notifier=false\n');
  const manifest = { private: true, dependencies: { verdaccio: '^6' }, overrides: { 'verdaccio-audit': { 'node-fetch': '2.7.0' } } };
  writeFileSync(join(prefix, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  execFileSync('npm', ['install', '--prefix', prefix, '--userconfig', join(prefix, 'npmrc'), '--cache', join(prefix, '.npm-cache'), '--no-audit', '--no-fund', '--loglevel=error'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: process.env, // keeps NODE_EXTRA_CA_CERTS, which npm needs to reach the registry here
  });
  return bin;
}

/** Starts Verdaccio with its storage in `dir` and the fixture registry as its only uplink. */
export async function startVerdaccio(bin: string, dir: string, upstream: string): Promise<BenchServer> {
  await mkdir(join(dir, 'storage'), { recursive: true });
  const port = await freePort();
  const config = `storage: ${join(dir, 'storage')}
plugins: ${join(dir, 'plugins')}
web:
  enable: false
auth:
  htpasswd:
    file: ${join(dir, 'htpasswd')}
    max_users: -1
uplinks:
  fixture:
    url: ${upstream}
    maxage: 24h
    cache: true
    timeout: 120s
packages:
  '**':
    access: $all
    publish: $authenticated
    proxy: fixture
server:
  keepAliveTimeout: 120
max_body_size: 200mb
log: { type: stdout, format: json, level: error }
`;
  const configFile = join(dir, 'config.yaml');
  await writeFile(configFile, config);
  const server = startProcess('Verdaccio', process.execPath, [bin, '--config', configFile, '--listen', `127.0.0.1:${port}`], { cwd: dir });
  const origin = `http://127.0.0.1:${port}`;
  await awaitReady(server, `${origin}/-/ping`, 60_000);
  return { label: 'Verdaccio', process: server, origin, packumentPath: (name) => `/${name}`, tarballPath: (name, file) => `/${name}/-/${file}` };
}
