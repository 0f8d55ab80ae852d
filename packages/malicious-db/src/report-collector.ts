import { MaliciousPackageIndex } from './malicious-package-index.ts';
import type { MaliciousReport } from './osv-types.ts';
import { parseReportFile } from './parse-report.ts';

/** A report file that was not indexed as it stands, and why. */
export interface ReportProblem {
  readonly path: string;
  readonly severity: 'rejected' | 'warning';
  readonly reason: string;
}

/** An index built from every report file of a source, with what was left out. */
export interface DirectoryIndex {
  readonly index: MaliciousPackageIndex;
  readonly excluded: { readonly withdrawn: number; readonly skipped: number; readonly rejected: number };
  readonly problems: readonly ReportProblem[];
}

/**
 * Gathers every report file of a source (a folder, a git tree, an OSV zip) into a new
 * index. A report withdrawn anywhere in the source is not indexed, whichever file comes first.
 */
export class ReportCollector {
  readonly #accepted: MaliciousReport[] = [];
  readonly #withdrawn = new Set<string>();
  readonly #problems: ReportProblem[] = [];
  #skipped = 0;
  #files = 0;

  /** Reads one report file; `path` is where it sits in the source. */
  add(path: string, text: string): void {
    this.#files++;
    const result = parseReportFile(text, path);
    if (result.status === 'accepted') {
      this.#accepted.push(result.report);
      for (const reason of result.warnings) this.#problems.push({ path, severity: 'warning', reason });
    } else if (result.status === 'withdrawn') this.#withdrawn.add(result.id);
    else if (result.status === 'skipped') this.#skipped++;
    else this.#problems.push({ path, severity: 'rejected', reason: result.reason });
  }

  /** Report files read so far. */
  get files(): number {
    return this.#files;
  }

  /** The index of every accepted report that is not withdrawn. */
  finish(): DirectoryIndex {
    const index = new MaliciousPackageIndex();
    for (const report of this.#accepted) if (!this.#withdrawn.has(report.id)) index.add(report);
    const rejected = this.#problems.filter((problem) => problem.severity === 'rejected').length;
    return { index, excluded: { withdrawn: this.#withdrawn.size, skipped: this.#skipped, rejected }, problems: this.#problems };
  }
}
