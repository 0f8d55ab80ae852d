import { failure, success, type Result } from '@palisade/core';
import type { MaliciousPackageIndex } from './malicious-package-index.ts';
import type { MaliciousReport } from './osv-types.ts';
import { parseReportFile } from './parse-report.ts';
import type { ReportProblem } from './report-collector.ts';
import { idFromReportPath, reportArea } from './report-path.ts';

/** A report file's path in the source and its text. */
export interface ReportFile {
  readonly path: string;
  readonly text: string;
}

/** What changed between two states of a source, as report files. */
export interface ReportChanges {
  /** Report files added or changed, as they are now. */
  readonly written: readonly ReportFile[];
  /** Report files removed, as they were before (their text gives the report id). */
  readonly removed: readonly ReportFile[];
}

/** How the index changed: reports new to it, replaced in it, and taken out of it. */
export interface AppliedChanges {
  readonly added: number;
  readonly changed: number;
  readonly withdrawn: number;
  readonly problems: readonly ReportProblem[];
}

/** The id a removed file's report had: from its text, else from its file name. */
function removedId(file: ReportFile): string {
  const result = parseReportFile(file.text, file.path);
  return result.status === 'accepted' ? result.report.id : result.status === 'rejected' ? idFromReportPath(file.path) : result.id;
}

/**
 * Applies changed report files to an index in place. Added and changed reports replace
 * the report with the same id; withdrawn reports (moved to `osv/withdrawn/` or marked
 * `withdrawn`), reports now about other ecosystems, and removed files leave the index.
 * A written file that cannot be read fails the whole change and leaves the index as it was.
 */
export function applyReportChanges(index: MaliciousPackageIndex, changes: ReportChanges): Result<AppliedChanges> {
  const accepted = new Map<string, MaliciousReport>();
  const leaving = new Set<string>();
  const problems: ReportProblem[] = [];
  const rejected: string[] = [];
  for (const { path, text } of changes.written) {
    const result = parseReportFile(text, path);
    if (result.status === 'accepted') {
      accepted.set(result.report.id, result.report);
      for (const reason of result.warnings) problems.push({ path, severity: 'warning', reason });
    } else if (result.status === 'rejected') rejected.push(`${path}: ${result.reason}`);
    else leaving.add(result.id);
  }
  if (rejected.length > 0) return failure(`unreadable report files: ${rejected.join('; ')}`);
  for (const file of changes.removed) {
    const id = reportArea(file.path) === 'malicious' ? removedId(file) : undefined;
    if (id !== undefined && !accepted.has(id)) leaving.add(id);
  }
  let withdrawn = 0;
  for (const id of leaving) if (index.remove(id)) withdrawn++;
  let added = 0;
  let changed = 0;
  for (const [id, report] of accepted) {
    if (leaving.has(id)) continue;
    if (index.get(id) === undefined) added++;
    else changed++;
    index.add(report);
  }
  return success({ added, changed, withdrawn, problems });
}
