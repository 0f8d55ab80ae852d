import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the test server answers: as git does, with garbage instead of a pack, or with a damaged pack. */
export type ServeMode = 'git' | 'garbage' | 'corrupt-pack';

/** A smart-HTTP git server for tests: `git http-backend` behind node:http. */
export interface GitHttpServer {
  /** Base URL; a repository `<root>/name.git` is at `${url}/name.git`. */
  readonly url: string;
  mode: ServeMode;
  close(): Promise<void>;
}

function cgiResponse(output: Buffer): { status: number; headers: Record<string, string>; body: Buffer } {
  const end = output.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  let status = 200;
  for (const line of output.toString('latin1', 0, Math.max(end, 0)).split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'status') status = Number.parseInt(value, 10);
    else headers[name] = value;
  }
  return { status, headers, body: end < 0 ? Buffer.alloc(0) : output.subarray(end + 4) };
}

/**
 * Flips one byte in the middle of every pack-data packet (side-band channel 1) of an
 * upload-pack response, keeping the pkt-line framing intact: a damaged pack, well delivered.
 */
function damage(body: Buffer): Buffer {
  const copy = Buffer.from(body);
  for (let at = 0; at + 4 <= copy.length; ) {
    const length = Number.parseInt(copy.toString('latin1', at, at + 4), 16);
    if (!Number.isInteger(length) || length < 4) {
      at += 4;
      continue;
    }
    if (copy[at + 4] === 1 && length > 40) {
      const middle = at + Math.floor(length / 2);
      copy[middle] = (copy[middle] ?? 0) ^ 0x5a;
    }
    at += length;
  }
  return copy;
}

async function handle(root: string, server: GitHttpServer, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const isPack = url.pathname.endsWith('/git-upload-pack');
  if (isPack && server.mode === 'garbage') {
    response.writeHead(200, { 'content-type': 'application/x-git-upload-pack-result' }).end(Buffer.from('this is not a pack\n'.repeat(50)));
    return;
  }
  const backend = spawn('git', ['http-backend'], {
    env: {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      REQUEST_METHOD: request.method ?? 'GET',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      CONTENT_TYPE: request.headers['content-type'] ?? '',
      ...(request.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: request.headers['content-encoding'] } : {}),
      ...(request.headers['git-protocol'] ? { GIT_PROTOCOL: String(request.headers['git-protocol']) } : {}),
    },
  });
  request.pipe(backend.stdin);
  const chunks: Buffer[] = [];
  backend.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  await new Promise((resolve) => backend.on('close', resolve));
  const { status, headers, body } = cgiResponse(Buffer.concat(chunks));
  response.writeHead(status, headers).end(isPack && server.mode === 'corrupt-pack' ? damage(body) : body);
}

/** Serves the repositories under `root` on a loopback port. */
export async function startGitHttpServer(root: string): Promise<GitHttpServer> {
  const http = createServer((request, response) => {
    handle(root, state, request, response).catch((error: unknown) => response.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const state: GitHttpServer = {
    url: `http://127.0.0.1:${port}`,
    mode: 'git',
    close: () => new Promise((resolve) => { http.closeAllConnections(); http.close(() => resolve()); }),
  };
  return state;
}
