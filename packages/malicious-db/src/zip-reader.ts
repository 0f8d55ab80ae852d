import type { FileHandle } from 'node:fs/promises';
import { crc32, inflateRawSync } from 'node:zlib';
import { failure, printable, success, type Result } from '@palisade/core';

/** A file in a zip archive, as its central directory describes it. */
export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_ENTRY_BYTES = 16 * 1024 * 1024;

async function read(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  if (bytesRead !== length) throw new RangeError('the archive is truncated');
  return buffer;
}

/** Where the central directory is and how many entries it lists, ZIP64 included. */
async function centralDirectory(handle: FileHandle, fileSize: number): Promise<{ offset: number; size: number; count: number }> {
  const tailLength = Math.min(fileSize, 22 + 0xffff);
  const tail = await read(handle, fileSize - tailLength, tailLength);
  let at = tailLength - 22;
  while (at >= 0 && tail.readUInt32LE(at) !== EOCD) at--;
  if (at < 0) throw new RangeError('no end-of-central-directory record (not a zip archive)');
  let count = tail.readUInt16LE(at + 10);
  let size = tail.readUInt32LE(at + 12);
  let offset = tail.readUInt32LE(at + 16);
  if ((count === 0xffff || size === 0xffffffff || offset === 0xffffffff) && at >= 20 && tail.readUInt32LE(at - 20) === ZIP64_LOCATOR) {
    const record = await read(handle, Number(tail.readBigUInt64LE(at - 12)), 56);
    if (record.readUInt32LE(0) !== ZIP64_EOCD) throw new RangeError('the ZIP64 end record is missing');
    count = Number(record.readBigUInt64LE(32));
    size = Number(record.readBigUInt64LE(40));
    offset = Number(record.readBigUInt64LE(48));
  }
  if (offset + size > fileSize) throw new RangeError('the central directory lies outside the archive');
  return { offset, size, count };
}

/** Reads the ZIP64 extra field's values for the sizes and offset stored as 0xFFFFFFFF. */
function zip64Values(extra: Buffer, fields: Array<'size' | 'compressedSize' | 'localOffset'>): Partial<Record<string, number>> {
  for (let at = 0; at + 4 <= extra.length; at += 4 + extra.readUInt16LE(at + 2)) {
    if (extra.readUInt16LE(at) !== 0x0001) continue;
    const values: Partial<Record<string, number>> = {};
    fields.forEach((field, i) => {
      if (at + 4 + 8 * (i + 1) <= extra.length) values[field] = Number(extra.readBigUInt64LE(at + 4 + 8 * i));
    });
    return values;
  }
  return {};
}

/** Lists the entries of a zip archive from its central directory. */
export async function readZipEntries(handle: FileHandle): Promise<Result<ZipEntry[]>> {
  try {
    const { size: fileSize } = await handle.stat();
    const directory = await centralDirectory(handle, fileSize);
    const bytes = await read(handle, directory.offset, directory.size);
    const entries: ZipEntry[] = [];
    for (let at = 0; entries.length < directory.count; ) {
      if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL) throw new RangeError(`central directory entry ${entries.length + 1} is damaged`);
      const nameLength = bytes.readUInt16LE(at + 28);
      const extraLength = bytes.readUInt16LE(at + 30);
      const fixed = { size: bytes.readUInt32LE(at + 24), compressedSize: bytes.readUInt32LE(at + 20), localOffset: bytes.readUInt32LE(at + 42) };
      const wide = (['size', 'compressedSize', 'localOffset'] as const).filter((field) => fixed[field] === 0xffffffff);
      const extra = zip64Values(bytes.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), [...wide]);
      entries.push({
        name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
        method: bytes.readUInt16LE(at + 10),
        crc: bytes.readUInt32LE(at + 16),
        size: extra['size'] ?? fixed.size,
        compressedSize: extra['compressedSize'] ?? fixed.compressedSize,
        localOffset: extra['localOffset'] ?? fixed.localOffset,
      });
      at += 46 + nameLength + extraLength + bytes.readUInt16LE(at + 32);
    }
    return success(entries);
  } catch (error) {
    return failure((error as Error).message);
  }
}

/** The contents of one entry (stored or deflated), checked against its CRC-32; entries over 16 MiB are refused. */
export async function readZipEntry(handle: FileHandle, entry: ZipEntry): Promise<Result<Buffer>> {
  const name = printable(entry.name);
  if (entry.size > MAX_ENTRY_BYTES || entry.compressedSize > MAX_ENTRY_BYTES) return failure(`${name} is larger than a report can be`);
  if (entry.method !== 0 && entry.method !== 8) return failure(`${name} uses compression method ${entry.method}`);
  try {
    const local = await read(handle, entry.localOffset, 30);
    if (local.readUInt32LE(0) !== LOCAL) return failure(`${name}: no local header where the directory says`);
    const start = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    const stored = await read(handle, start, entry.compressedSize);
    const data = entry.method === 0 ? stored : inflateRawSync(stored, { maxOutputLength: MAX_ENTRY_BYTES });
    if (data.length !== entry.size || crc32(data) !== entry.crc) return failure(`${name} does not match its size and CRC-32 (damaged archive)`);
    return success(data);
  } catch (error) {
    return failure(`${name}: ${(error as Error).message}`);
  }
}
