// The npm serving benchmark's reference: a bare node:http server, run as its own process,
// answering from memory with the files written for nginx (packuments, their .gz beside
// them, tarballs): no framework, no lookups, `res.end(bytes)`. What any Node server could
// reach on this machine, for reading Palisade's figures.
//
//   node bench/lib/npm-serve-reference-server.ts ROOT PORT PACKUMENT_CONTENT_TYPE
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

createServer((request, response) => {
  const path = (request.url ?? '/').split('?')[0] as string;
  const packument = /^\/npm\/([^/]+)$/.exec(path);
  const gzip = packument !== null && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
  const body = packument ? files.get(`/packuments/${packument[1]}.json${gzip ? '.gz' : ''}`) : files.get(path);
  if (!body) {
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    return;
  }
  const headers: Record<string, string | number> = { 'Content-Type': packument ? packumentType : 'application/octet-stream', 'Content-Length': body.byteLength };
  if (gzip) headers['Content-Encoding'] = 'gzip';
  response.writeHead(200, headers).end(body);
}).listen(Number(port), '127.0.0.1');
