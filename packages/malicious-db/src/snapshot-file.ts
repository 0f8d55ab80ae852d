import { createHash, randomUUID } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { failure, success, type Result } from '@palisade/core';
import { MaliciousPackageIndex } from './malicious-package-index.ts';
import { StoredReport } from './stored-report.ts';
import {
  decodeLineKeys,
  encodeLine,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type SnapshotHeader,
  type SnapshotSource,
} from './snapshot-format.ts';

export interface SnapshotDescription {
  readonly source: SnapshotSource;
  /** When the snapshot is built; the caller's clock, not this module's. */
  readonly builtAt: Date;
  readonly excluded?: SnapshotHeader['excluded'];
}

export interface LoadedSnapshot {
  readonly header: SnapshotHeader;
  readonly index: MaliciousPackageIndex;
}

const NEWLINE = 0x0a;
const TAB = 0x09;
const MAX_KEY_FIELDS = 1 + 3 * 64;

/** Indexes the report line `body[start, end)` without decoding its JSON; false when the line is not one. */
function addLine(index: MaliciousPackageIndex, body: Buffer, start: number, end: number): boolean {
  const fields: string[] = [];
  let position = start;
  for (let tab = body.indexOf(TAB, position); tab >= 0 && tab < end; tab = body.indexOf(TAB, position)) {
    fields.push(body.toString('utf8', position, tab));
    position = tab + 1;
    if (fields.length > MAX_KEY_FIELDS) return false;
  }
  const line = decodeLineKeys(fields);
  if (line === undefined || body[position] !== 0x5b /* [ */) return false;
  index.addStored(StoredReport.fromSnapshot(line.id, line.keys, body, position, end));
  return true;
}

/**
 * Writes the index as a snapshot file atomically: a temporary file in the same folder is
 * written and flushed to disk, then renamed over `file`, so readers see the old snapshot
 * or the new one, never a part of either.
 */
export async function saveSnapshot(file: string, index: MaliciousPackageIndex, description: SnapshotDescription): Promise<SnapshotHeader> {
  const lines: string[] = [];
  for (const stored of index.storedReports()) lines.push(encodeLine(stored.id, stored.keys, stored.encoded()));
  const body = Buffer.from(lines.length === 0 ? '' : `${lines.join('\n')}\n`, 'utf8');
  const header: SnapshotHeader = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    source: description.source,
    builtAt: description.builtAt.toISOString(),
    reports: lines.length,
    counts: index.counts(),
    excluded: description.excluded ?? { withdrawn: 0, skipped: 0, rejected: 0 },
    bodySha256: createHash('sha256').update(body).digest('hex'),
  };
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
  const handle = await open(temporary, 'wx', 0o644);
  try {
    await handle.writeFile(`${JSON.stringify(header)}\n`);
    await handle.writeFile(body);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temporary, file);
  await syncDirectory(dirname(file));
  return header;
}

async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the rename itself is still atomic.
  } finally {
    await handle.close();
  }
}

function parseHeader(text: string): Result<SnapshotHeader> {
  let header: Partial<SnapshotHeader>;
  try {
    header = JSON.parse(text) as Partial<SnapshotHeader>;
  } catch {
    return failure('the header is not JSON');
  }
  if (header?.format !== SNAPSHOT_FORMAT) return failure('not a Palisade malicious-package snapshot');
  if (header.version !== SNAPSHOT_VERSION) return failure(`snapshot format version ${String(header.version)} is not ${SNAPSHOT_VERSION}`);
  if (typeof header.bodySha256 !== 'string' || typeof header.reports !== 'number') return failure('the header is incomplete');
  return success(header as SnapshotHeader);
}

const HEADER_READ_BYTES = 64 << 10;

/**
 * The header of a snapshot file alone (which build, from which source and commit),
 * without reading or checking its body: for deciding what a sync starts from. A file
 * whose header line does not fit in 64 KiB is refused.
 */
export async function readSnapshotHeader(file: string): Promise<Result<SnapshotHeader>> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    return failure(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    const buffer = Buffer.alloc(HEADER_READ_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEADER_READ_BYTES, 0);
    const headerEnd = buffer.subarray(0, bytesRead).indexOf(NEWLINE);
    if (headerEnd < 0) return failure(`${file}: no header line`);
    const header = parseHeader(buffer.toString('utf8', 0, headerEnd));
    return header.ok ? header : failure(`${file}: ${header.error}`);
  } finally {
    await handle.close();
  }
}

/**
 * Reads a snapshot written by `saveSnapshot`. A missing, truncated, corrupted or foreign
 * file gives a failure that says why, so the caller can rebuild from the source. The
 * index keeps the file's bytes and decodes each report when a lookup first needs it.
 */
export async function loadSnapshot(file: string): Promise<Result<LoadedSnapshot>> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return failure(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const headerEnd = bytes.indexOf(NEWLINE);
  if (headerEnd < 0) return failure(`${file}: no header line`);
  const header = parseHeader(bytes.toString('utf8', 0, headerEnd));
  if (!header.ok) return failure(`${file}: ${header.error}`);
  const body = bytes.subarray(headerEnd + 1);
  if (createHash('sha256').update(body).digest('hex') !== header.value.bodySha256) {
    return failure(`${file}: contents do not match the header's SHA-256 (truncated or corrupted)`);
  }
  const index = new MaliciousPackageIndex();
  let line = 1;
  for (let start = 0; start < body.length; ) {
    const newline = body.indexOf(NEWLINE, start);
    const end = newline < 0 ? body.length : newline;
    line++;
    if (!addLine(index, body, start, end)) return failure(`${file}: line ${line} is not a report`);
    start = end + 1;
  }
  if (index.size !== header.value.reports) {
    return failure(`${file}: header counts ${header.value.reports} reports, the file holds ${index.size}`);
  }
  return success({ header: header.value, index });
}

/** Where the proxy and the sync keep the database snapshot under a data folder. */
export function snapshotFileIn(dataDir: string): string {
  return join(dataDir, 'database', 'malicious-packages.snapshot');
}
