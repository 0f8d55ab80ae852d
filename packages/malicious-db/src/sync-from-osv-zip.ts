import { open } from 'node:fs/promises';
import { failure, success, type Result } from '@palisade/core';
import { saveFullBuild, type SaveBuildOptions } from './full-build-result.ts';
import { ReportCollector } from './report-collector.ts';
import type { SyncResult } from './sync-result.ts';
import { readZipEntries, readZipEntry } from './zip-reader.ts';

/** An OSV export archive (`all.zip` of one ecosystem) and where to save. */
export interface OsvZipSyncOptions extends SaveBuildOptions {
  readonly zipPath: string;
}

/** Top-level malicious-package reports of an OSV export; other advisories (GHSA-, PYSEC-, ...) are left out. */
const MALICIOUS_ENTRY = /^MAL-[^/\\]*\.json$/;

async function collect(options: OsvZipSyncOptions): Promise<Result<ReportCollector>> {
  const handle = await open(options.zipPath, 'r');
  try {
    const entries = await readZipEntries(handle);
    if (!entries.ok) return failure(`${options.zipPath}: ${entries.error}`);
    const reports = entries.value.filter((entry) => MALICIOUS_ENTRY.test(entry.name));
    if (reports.length === 0) return failure(`${options.zipPath} holds no MAL- reports`);
    const collector = new ReportCollector();
    for (const entry of reports) {
      const data = await readZipEntry(handle, entry);
      if (!data.ok) return failure(`${options.zipPath}: ${data.error}`);
      collector.add(entry.name, data.value.toString('utf8'));
      if (collector.files % 1000 === 0) options.onProgress?.({ phase: 'read', message: 'indexing reports', done: collector.files, total: reports.length });
    }
    return success(collector);
  } finally {
    await handle.close();
  }
}

/**
 * Builds a snapshot from an OSV export zip, keeping only `MAL-` reports, so air-gapped
 * sites can carry the data in. A damaged or foreign archive fails and leaves the previous snapshot.
 */
export async function syncFromOsvZip(options: OsvZipSyncOptions): Promise<Result<SyncResult>> {
  const started = performance.now();
  try {
    const collected = await collect(options);
    if (!collected.ok) return collected;
    return success(await saveFullBuild(collected.value.finish(), options.zipPath, started, options));
  } catch (error) {
    return failure(`cannot sync from ${options.zipPath}: ${(error as Error).message}`);
  }
}
