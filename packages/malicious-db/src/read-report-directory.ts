import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { failure, success, type Result } from '@palisade/core';
import { ReportCollector, type DirectoryIndex } from './report-collector.ts';
import { reportArea } from './report-path.ts';
export type { DirectoryIndex, ReportProblem } from './report-collector.ts';

export interface ReadReportDirectoryOptions {
  /** Files read at once. */
  readonly concurrency?: number;
  /** Called after each batch with the number of files read so far. */
  readonly onProgress?: (filesRead: number) => void;
}

const AREAS = ['osv/malicious', 'osv/withdrawn'] as const;

/** Repository-relative paths of every report file under `osv/`; symbolic links are not followed. */
async function listReportFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  const pending: string[] = [];
  for (const area of AREAS) {
    if (await stat(join(root, area)).then((info) => info.isDirectory(), () => false)) pending.push(area);
  }
  while (pending.length > 0) {
    const folder = pending.pop() as string;
    for (const entry of await readdir(join(root, folder), { withFileTypes: true })) {
      const path = `${folder}/${entry.name}`;
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isFile() && reportArea(path) !== undefined) files.push(path);
    }
  }
  return files.sort();
}

/**
 * Builds an index from a folder laid out like the OpenSSF malicious-packages repository
 * (`osv/malicious/<ecosystem>/<package>/<id>.json`, `osv/withdrawn/...`). A report that is
 * withdrawn anywhere is not indexed. Fails only when the folder has no `osv/malicious`.
 */
export async function readReportDirectory(root: string, options: ReadReportDirectoryOptions = {}): Promise<Result<DirectoryIndex>> {
  const hasReports = await stat(join(root, 'osv/malicious')).then((info) => info.isDirectory(), () => false);
  if (!hasReports) return failure(`${root} has no osv/malicious folder`);
  const files = await listReportFiles(root);
  const concurrency = options.concurrency ?? 64;
  const collector = new ReportCollector();
  for (let start = 0; start < files.length; start += concurrency) {
    const batch = files.slice(start, start + concurrency);
    const texts = await Promise.all(batch.map((path) => readFile(join(root, path), 'utf8')));
    batch.forEach((path, i) => collector.add(path, texts[i] ?? ''));
    options.onProgress?.(collector.files);
  }
  return success(collector.finish());
}
