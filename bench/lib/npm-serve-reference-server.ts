// The serving benchmarks' reference: a bare node:http server, run as its own process,
// answering from memory with the files written for nginx (packuments at `/npm/<name>`, a
// folder's `index.json` at the folder's path ending in `/`, each with its .gz beside it;
// every other file at its path): no framework, no lookups, `res.end(bytes)`, with the
// server options Palisade listens with (`optimizeEmptyRequests`). What any Node server could
// reach on this machine, for reading Palisade's figures.
//
//   node bench/lib/npm-serve-reference-server.ts ROOT PORT DOCUMENT_CONTENT_TYPE
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, relative } from 'node:path';

const [root = '', port = '0', packumentType = 'application/json'] = process.argv.slice(2);
const files = new Map<string, Buffer>();
const walk = (folder: string): void => {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) walk(path);
    else files.set(`/${relative(root, path)}`, readFileSync(path));
  }
};
walk(root);

createServer({ optimizeEmptyRequests: true }, (request, response) => {
  const path = (request.url ?? '/').split('?')[0] as string;
  const packument = /^\/npm\/([^/]+)$/.exec(path);
  // A document: a packument, or a folder's index.json (a PyPI project page, `/pypi/simple/<project>/`).
  const document = packument ? `/packuments/${packument[1]}.json` : path.endsWith('/') ? `${path}index.json` : undefined;
  const gzip = document !== undefined && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
  const body = document ? files.get(`${document}${gzip ? '.gz' : ''}`) : files.get(path);
  if (!body) {
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    return;
  }
  const headers: Record<string, string | number> = { 'Content-Type': document ? packumentType : 'application/octet-stream', 'Content-Length': body.byteLength };
  if (gzip) headers['Content-Encoding'] = 'gzip';
  response.writeHead(200, headers).end(body);
}).listen(Number(port), '127.0.0.1');
