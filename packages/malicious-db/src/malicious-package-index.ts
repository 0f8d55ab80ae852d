import { ECOSYSTEMS, type Ecosystem } from '@palisade/core';
import { AffectedVersions } from './affected-versions.ts';
import type { MaliciousReport } from './osv-types.ts';

interface Listing {
  readonly report: MaliciousReport;
  readonly versions: AffectedVersions;
}

/** What the index holds for one ecosystem. */
export interface EcosystemCounts {
  readonly reports: number;
  readonly packages: number;
  readonly whollyMaliciousPackages: number;
}

export type IndexCounts = { readonly reports: number } & Readonly<Record<Ecosystem, EcosystemCounts>>;

const NONE: readonly MaliciousReport[] = Object.freeze([]);

/**
 * Malicious-package reports keyed by (ecosystem, normalised name). Names passed in must
 * be normalised (`normalizePackageName` in @palisade/core); a lookup for a name that is
 * not in the database is one hash-map probe.
 */
export class MaliciousPackageIndex {
  readonly #reports = new Map<string, MaliciousReport>();
  readonly #packages: Readonly<Record<Ecosystem, Map<string, Listing[]>>> = {
    npm: new Map(),
    pypi: new Map(),
    go: new Map(),
  };

  /** Adds a report, replacing any report with the same id. */
  add(report: MaliciousReport): void {
    this.remove(report.id);
    this.#reports.set(report.id, report);
    for (const affected of report.packages) {
      const byName = this.#packages[affected.ecosystem];
      const listing = { report, versions: new AffectedVersions(affected) };
      const listings = byName.get(affected.name);
      if (listings) listings.push(listing);
      else byName.set(affected.name, [listing]);
    }
  }

  /** Removes a report (withdrawn or deleted upstream); false when it was not there. */
  remove(id: string): boolean {
    const report = this.#reports.get(id);
    if (!report) return false;
    this.#reports.delete(id);
    for (const { ecosystem, name } of report.packages) {
      const byName = this.#packages[ecosystem];
      const rest = (byName.get(name) ?? []).filter((listing) => listing.report.id !== id);
      if (rest.length > 0) byName.set(name, rest);
      else byName.delete(name);
    }
    return true;
  }

  get(id: string): MaliciousReport | undefined {
    return this.#reports.get(id);
  }

  get size(): number {
    return this.#reports.size;
  }

  reports(): IterableIterator<MaliciousReport> {
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
    const listings = this.#packages[ecosystem].get(name);
    if (listings === undefined) return NONE;
    const matching: MaliciousReport[] = [];
    for (const { report, versions } of listings) {
      const affected = version === undefined ? versions.everyVersion : versions.includes(version);
      if (affected && !matching.includes(report)) matching.push(report);
    }
    return matching;
  }

  /** Whether every version of the package is affected by some report. */
  isWhollyMalicious(ecosystem: Ecosystem, name: string): boolean {
    return this.#packages[ecosystem].get(name)?.some((listing) => listing.versions.everyVersion) ?? false;
  }

  counts(): IndexCounts {
    const perEcosystem = (ecosystem: Ecosystem): EcosystemCounts => {
      const reports = new Set<string>();
      let wholly = 0;
      for (const listings of this.#packages[ecosystem].values()) {
        for (const listing of listings) reports.add(listing.report.id);
        if (listings.some((listing) => listing.versions.everyVersion)) wholly++;
      }
      return { reports: reports.size, packages: this.#packages[ecosystem].size, whollyMaliciousPackages: wholly };
    };
    const [npm, pypi, go] = ECOSYSTEMS.map(perEcosystem) as [EcosystemCounts, EcosystemCounts, EcosystemCounts];
    return { reports: this.#reports.size, npm, pypi, go };
  }
}
