import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { failure, success, type Result } from '@palisade/core';
import { loadSnapshot, snapshotFileIn, readReportDirectory, saveSnapshot, type MaliciousPackageIndex, type SnapshotHeader } from '@palisade/malicious-db';

/** The malicious-package database in use: its index and the header that names its build. */
export interface LoadedDatabase {
  readonly index: MaliciousPackageIndex;
  readonly header: SnapshotHeader;
}

/** Where the snapshot is kept under the data folder (shared with the sync). */
export const databaseSnapshotFile = snapshotFileIn;

export interface LoadDatabaseOptions {
  /** A folder laid out like the OpenSSF repository; undefined: only the saved snapshot is read. */
  readonly source: string | undefined;
  /** Where the snapshot is kept between runs. */
  readonly snapshotFile: string;
  readonly now: () => number;
}

/**
 * Loads the database: from the source folder when one is configured (and saves it as the
 * snapshot, so the next start can use it if the folder is gone), else from the snapshot
 * of an earlier run.
 */
export async function loadDatabase(options: LoadDatabaseOptions): Promise<Result<LoadedDatabase>> {
  if (options.source === undefined) {
    const saved = await loadSnapshot(options.snapshotFile);
    if (!saved.ok) return failure(`no database snapshot yet: the sync writes it from PALISADE_DB_SOURCE (a git URL, by default the OpenSSF repository, or an OSV zip), or name a folder there for the proxy to read (${saved.error})`);
    return success(saved.value);
  }
  const read = await readReportDirectory(options.source);
  if (!read.ok) {
    const saved = await loadSnapshot(options.snapshotFile);
    if (saved.ok) return success(saved.value);
    return failure(`the database source could not be read: ${read.error}`);
  }
  await mkdir(dirname(options.snapshotFile), { recursive: true });
  const header = await saveSnapshot(options.snapshotFile, read.value.index, {
    source: { location: options.source },
    builtAt: new Date(options.now()),
    excluded: read.value.excluded,
  });
  return success({ index: read.value.index, header });
}
