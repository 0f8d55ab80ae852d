import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';

const CHUNK = 1 << 20;

/** What reading a body file against its recorded SHA-256 and size found. */
export type FileCheck =
  | { readonly status: 'verified'; readonly bytes: Uint8Array | undefined }
  | { readonly status: 'missing' }
  | { readonly status: 'corrupt'; readonly reason: string };

/**
 * Reads a body file and checks it. Files up to `inlineBytes` are read whole and handed
 * back; larger ones are hashed in 1 MiB reads (memory stays flat) and left on disk.
 */
export async function checkFile(path: string, sha256: string, size: number, inlineBytes: number): Promise<FileCheck> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    throw error;
  }
  try {
    const actualSize = (await handle.stat()).size;
    if (actualSize !== size) return { status: 'corrupt', reason: `size ${actualSize}, recorded ${size}` };
    const hash = createHash('sha256');
    let bytes: Uint8Array | undefined;
    if (size <= inlineBytes) {
      bytes = await handle.readFile();
      hash.update(bytes);
    } else {
      const buffer = Buffer.allocUnsafe(CHUNK);
      for (let position = 0; position < size; ) {
        const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK, size - position), position);
        if (bytesRead === 0) return { status: 'corrupt', reason: `ends at ${position} of ${size} bytes` };
        hash.update(buffer.subarray(0, bytesRead));
        position += bytesRead;
      }
    }
    const actual = hash.digest('hex');
    return actual === sha256 ? { status: 'verified', bytes } : { status: 'corrupt', reason: `SHA-256 ${actual}, recorded ${sha256}` };
  } finally {
    await handle.close();
  }
}

/**
 * Streams a body file that was checked moments before, hashing it again on the way: if
 * the bytes changed in between, the stream ends in an error instead of ending cleanly,
 * so the client's download fails rather than completing with bad bytes.
 */
export function streamCheckedFile(path: string, sha256: string): ReadableStream<Uint8Array> {
  const hash = createHash('sha256');
  const check = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      hash.update(chunk);
      controller.enqueue(chunk);
    },
    flush(controller) {
      if (hash.digest('hex') !== sha256) controller.error(new Error(`${path} changed on disk while it was served`));
    },
  });
  const file = Readable.toWeb(createReadStream(path, { highWaterMark: CHUNK })) as ReadableStream<Uint8Array>;
  return file.pipeThrough(check);
}
