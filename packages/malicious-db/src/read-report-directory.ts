import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { failure, success, type Result } from '@palisade/core';
import { MaliciousPackageIndex } from './malicious-package-index.ts';
import type { MaliciousReport } from './osv-types.ts';
import { parseReportFile } from './parse-report.ts';
import { reportArea } from './report-path.ts';

/** A report file that was not indexed as it stands, and why. */
export interface ReportProblem {
  readonly path: string;
  readonly severity: 'rejected' | 'warning';
  readonly reason: string;
}

export interface DirectoryIndex {
  readonly index: MaliciousPackageIndex;
  readonly excluded: { readonly withdrawn: number; readonly skipped: number; readonly rejected: number };
  readonly problems: readonly ReportProblem[];
}

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
  const accepted: MaliciousReport[] = [];
  const withdrawn = new Set<string>();
  const problems: ReportProblem[] = [];
  let skipped = 0;
  for (let start = 0; start < files.length; start += concurrency) {
    const batch = files.slice(start, start + concurrency);
    const texts = await Promise.all(batch.map((path) => readFile(join(root, path), 'utf8')));
    batch.forEach((path, i) => {
      const result = parseReportFile(texts[i] ?? '', path);
      if (result.status === 'accepted') {
        accepted.push(result.report);
        for (const reason of result.warnings) problems.push({ path, severity: 'warning', reason });
      } else if (result.status === 'withdrawn') withdrawn.add(result.id);
      else if (result.status === 'skipped') skipped++;
      else problems.push({ path, severity: 'rejected', reason: result.reason });
    });
    options.onProgress?.(Math.min(start + concurrency, files.length));
  }
  const index = new MaliciousPackageIndex();
  for (const report of accepted) if (!withdrawn.has(report.id)) index.add(report);
  const rejected = problems.filter((problem) => problem.severity === 'rejected').length;
  return success({ index, excluded: { withdrawn: withdrawn.size, skipped, rejected }, problems });
}
