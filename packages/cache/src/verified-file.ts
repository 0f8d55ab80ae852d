import { createHash, type Hash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';

// Reads overlap hashing: the next read is in flight on the thread pool while this
// thread hashes the bytes of the previous one. The first piece is small, so hashing
// starts as soon as possible; the rest are 128 KiB: few enough thread-pool round trips,
// and small enough for the allocator to recycle, where one fresh buffer of the whole size
// would cost a page fault per 4 KiB on every read.
const FIRST_PIECE = 32 << 10;
const PIECE = 128 << 10;
const STREAM_CHUNK = 1 << 20;

/** What reading a body file against its recorded SHA-256 and size found. */
export type FileCheck =
  | { readonly status: 'verified'; readonly chunks: readonly Uint8Array[] | undefined }
  | { readonly status: 'missing' }
  | { readonly status: 'corrupt'; readonly reason: string };

/**
 * Hashes `size` bytes of a file from the start. With `keep`, every piece read is kept
 * (the body is read whole); without, two buffers alternate (memory stays flat). Returns
 * the hex digest, or undefined when the file ends early.
 */
async function hashFile(handle: FileHandle, size: number, keep: Uint8Array[] | undefined): Promise<string | undefined> {
  const hash = createHash('sha256');
  const scratch = keep ? [] : [Buffer.allocUnsafe(PIECE), Buffer.allocUnsafe(PIECE)];
  const readAt = (position: number, turn: number) => {
    const length = Math.min(position === 0 ? FIRST_PIECE : PIECE, size - position);
    const buffer = keep ? Buffer.allocUnsafe(length) : (scratch[turn % 2] as Buffer);
    return handle.read(buffer, 0, length, position).then(({ bytesRead }) => buffer.subarray(0, bytesRead));
  };
  let pending = size > 0 ? readAt(0, 0) : undefined;
  for (let position = 0, turn = 0; pending !== undefined; turn++) {
    const chunk = await pending;
    if (chunk.byteLength === 0) return undefined;
    position += chunk.byteLength;
    pending = position < size ? readAt(position, turn + 1) : undefined;
    hash.update(chunk);
    keep?.push(chunk);
  }
  return hash.digest('hex');
}

/**
 * Reads a body file and checks it against its recorded size and SHA-256. Files up to
 * `inlineBytes` are read whole and handed back; larger ones are hashed and left on disk.
 * `opening` is the file being opened (the caller may start that early); it is closed here.
 */
export async function checkFile(opening: Promise<FileHandle>, sha256: string, size: number, inlineBytes: number): Promise<FileCheck> {
  let handle: FileHandle;
  try {
    handle = await opening;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    throw error;
  }
  try {
    // The size is checked while the first read is under way: one round trip fewer.
    const chunks: Uint8Array[] | undefined = size <= inlineBytes ? [] : undefined;
    const [info, actual] = await Promise.all([handle.stat(), hashFile(handle, size, chunks)]);
    if (info.size !== size) return { status: 'corrupt', reason: `size ${info.size}, recorded ${size}` };
    if (actual === undefined) return { status: 'corrupt', reason: `ends before ${size} bytes` };
    return actual === sha256 ? { status: 'verified', chunks } : { status: 'corrupt', reason: `SHA-256 ${actual}, recorded ${sha256}` };
  } finally {
    // Nothing waits on the close: the answer is known, and the descriptor is released soon after.
    handle.close().catch(() => undefined);
  }
}

/**
 * Streams a body file that was checked moments before, hashing it again on the way: if
 * the bytes changed in between, the stream ends in an error instead of ending cleanly,
 * so the client's download fails rather than completing with bad bytes.
 */
export function streamCheckedFile(path: string, sha256: string): ReadableStream<Uint8Array> {
  let handle: FileHandle | undefined;
  let hash: Hash | undefined;
  let position = 0;
  const close = async () => {
    const open = handle;
    handle = undefined;
    await open?.close();
  };
  return new ReadableStream<Uint8Array>(
    {
      async start() {
        handle = await open(path, 'r');
        hash = createHash('sha256');
      },
      async pull(controller) {
        if (!handle || !hash) return;
        const buffer = Buffer.allocUnsafe(STREAM_CHUNK);
        let bytesRead: number;
        try {
          ({ bytesRead } = await handle.read(buffer, 0, STREAM_CHUNK, position));
        } catch (error) {
          await close();
          throw error;
        }
        if (bytesRead > 0) {
          position += bytesRead;
          const chunk = buffer.subarray(0, bytesRead);
          hash.update(chunk);
          controller.enqueue(chunk);
          return;
        }
        await close();
        if (hash.digest('hex') === sha256) controller.close();
        else controller.error(new Error(`${path} changed on disk while it was served`));
      },
      cancel: close,
    },
    { highWaterMark: 2 },
  );
}
