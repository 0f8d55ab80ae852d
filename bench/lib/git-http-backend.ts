// A smart-HTTP git server for the database sync benchmark: `git http-backend` behind
// node:http on loopback, its answer streamed as the backend writes it (a pack of
// 250,000 reports is not held in memory first, and the client reads while git packs).
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running server: the repository `<root>/name.git` is at `${url}/name.git`. */
export interface GitHttpBackend {
  readonly url: string;
  close(): Promise<void>;
}

const HEADER_END = Buffer.from('\r\n\r\n');

function serve(root: string, request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const backend = spawn('git', ['http-backend'], {
    stdio: ['pipe', 'pipe', 'inherit'],
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
  let head = Buffer.alloc(0);
  const onData = (chunk: Buffer) => {
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf(HEADER_END);
    if (end < 0) return;
    backend.stdout.off('data', onData);
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of head.toString('latin1', 0, end).split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      if (name === 'status') status = Number.parseInt(line.slice(colon + 1), 10);
      else headers[name] = line.slice(colon + 1).trim();
    }
    response.writeHead(status, headers);
    response.write(head.subarray(end + HEADER_END.length));
    backend.stdout.pipe(response);
  };
  backend.stdout.on('data', onData);
  backend.on('close', (code) => {
    if (!response.headersSent) response.writeHead(500).end(`git http-backend exited with ${code}`);
  });
}

/** Serves the bare repositories under `root` on a loopback port. */
export async function startGitHttpBackend(root: string): Promise<GitHttpBackend> {
  const server = createServer((request, response) => serve(root, request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
