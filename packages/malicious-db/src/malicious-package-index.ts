import { ECOSYSTEMS, type Ecosystem } from '@palisade/core';
import type { MaliciousReport } from './osv-types.ts';
import { StoredReport } from './stored-report.ts';

/** What the index holds for one ecosystem. */
export interface EcosystemCounts {
  readonly reports: number;
  readonly packages: number;
  readonly whollyMaliciousPackages: number;
}

export type IndexCounts = { readonly reports: number } & Readonly<Record<Ecosystem, EcosystemCounts>>;

const NONE: readonly MaliciousReport[] = Object.freeze([]);

/** Whether a report affects a version of a package (without a version: every version of it). */
function affects(stored: StoredReport, ecosystem: Ecosystem, name: string, version: string | undefined): boolean {
  return stored.keys.some(
    (key, position) =>
      key.ecosystem === ecosystem &&
      key.name === name &&
      (key.everyVersion || (version !== undefined && stored.affectedVersions(position).includes(version))),
  );
}

/**
 * Malicious-package reports keyed by (ecosystem, normalised name). Names passed in must
 * be normalised (`normalizePackageName` in @palisade/core); a lookup for a name that is
 * not in the database is one hash-map probe.
 */
export class MaliciousPackageIndex {
  readonly #reports = new Map<string, StoredReport>();
  readonly #packages: Readonly<Record<Ecosystem, Map<string, StoredReport[]>>> = {
    npm: new Map(),
    pypi: new Map(),
    go: new Map(),
  };

  /** Adds a report, replacing any report with the same id. */
  add(report: MaliciousReport): void {
    this.addStored(StoredReport.fromReport(report));
  }

  /** Adds a report as the index stores it (used by snapshot loading). */
  addStored(stored: StoredReport): void {
    if (this.#reports.has(stored.id)) this.remove(stored.id);
    this.#reports.set(stored.id, stored);
    for (const { ecosystem, name } of stored.keys) {
      const byName = this.#packages[ecosystem];
      const listed = byName.get(name);
      if (listed === undefined) byName.set(name, [stored]);
      else if (!listed.includes(stored)) listed.push(stored);
    }
  }

  /** Removes a report (withdrawn or deleted upstream); false when it was not there. */
  remove(id: string): boolean {
    const stored = this.#reports.get(id);
    if (!stored) return false;
    this.#reports.delete(id);
    for (const { ecosystem, name } of stored.keys) {
      const byName = this.#packages[ecosystem];
      const rest = (byName.get(name) ?? []).filter((listed) => listed !== stored);
      if (rest.length > 0) byName.set(name, rest);
      else byName.delete(name);
    }
    return true;
  }

  get(id: string): MaliciousReport | undefined {
    return this.#reports.get(id)?.report;
  }

  get size(): number {
    return this.#reports.size;
  }

  /** Every report, decoded. */
  *reports(): IterableIterator<MaliciousReport> {
    for (const stored of this.#reports.values()) yield stored.report;
  }

  /** Every report as the index stores it (used by snapshot saving, which needs no decoding). */
  storedReports(): IterableIterator<StoredReport> {
    return this.#reports.values();
  }

  /** Whether any report names this package, whichever versions it affects. */
  names(ecosystem: Ecosystem, name: string): boolean {
    return this.#packages[ecosystem].has(name);
  }

  /**
   * The reports that affect one version of a package. Without a version: the reports that
   * affect every version, so a package is refused as a whole only when it is wholly malicious.
   */
  findings(ecosystem: Ecosystem, name: string, version?: string): readonly MaliciousReport[] {
    const listed = this.#packages[ecosystem].get(name);
    if (listed === undefined) return NONE;
    let matching: MaliciousReport[] | undefined;
    for (const stored of listed) {
      if (affects(stored, ecosystem, name, version)) (matching ??= []).push(stored.report);
    }
    return matching ?? NONE;
  }

  /** Whether every version of the package is affected by some report. */
  isWhollyMalicious(ecosystem: Ecosystem, name: string): boolean {
    return this.#packages[ecosystem].get(name)?.some((stored) => affects(stored, ecosystem, name, undefined)) ?? false;
  }

  counts(): IndexCounts {
    const perEcosystem = (ecosystem: Ecosystem): EcosystemCounts => {
      const reports = new Set<string>();
      let wholly = 0;
      for (const [name, listed] of this.#packages[ecosystem]) {
        for (const stored of listed) reports.add(stored.id);
        if (listed.some((stored) => affects(stored, ecosystem, name, undefined))) wholly++;
      }
      return { reports: reports.size, packages: this.#packages[ecosystem].size, whollyMaliciousPackages: wholly };
    };
    const [npm, pypi, go] = ECOSYSTEMS.map(perEcosystem) as [EcosystemCounts, EcosystemCounts, EcosystemCounts];
    return { reports: this.#reports.size, npm, pypi, go };
  }
}
