import { promisify } from 'node:util';
import { gunzip, inflate } from 'node:zlib';
import { PalisadeError } from '@palisade/core';

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);

async function readBounded(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > limit) throw new PalisadeError(413, 'request-too-large', `The audit request is larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** An audit request's JSON body (npm sends it gzipped), bounded before and after decompression. */
export async function readAuditBody(request: Request, limit: number): Promise<unknown> {
  const encoding = (request.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (!['identity', 'gzip', 'x-gzip', 'deflate'].includes(encoding)) throw new PalisadeError(415, 'unsupported-encoding', 'The audit request is compressed in a way Palisade does not read');
  const raw = await readBounded(request.body, limit);
  let text: string;
  try {
    const plain = encoding === 'identity' ? raw : await (encoding === 'deflate' ? inflateAsync : gunzipAsync)(raw, { maxOutputLength: limit });
    text = plain.toString('utf8');
  } catch {
    throw new PalisadeError(400, 'bad-request', 'The audit request could not be decompressed (or is larger than allowed once decompressed)');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new PalisadeError(400, 'bad-request', 'The audit request is not JSON');
  }
}
