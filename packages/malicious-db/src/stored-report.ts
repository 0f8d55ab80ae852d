import { AffectedVersions } from './affected-versions.ts';
import type { MaliciousReport } from './osv-types.ts';
import { decodeReport, encodeReport, EVERY_VERSION, type PackageKey } from './snapshot-format.ts';

/**
 * A report as the index holds it. Reports loaded from a snapshot stay encoded (a range of
 * the snapshot's bytes, outside the JS heap) until a lookup first needs them: most of the
 * database is never asked about, and a miss needs only the package names.
 */
export class StoredReport {
  readonly id: string;
  readonly keys: readonly PackageKey[];
  #report: MaliciousReport | undefined;
  #affected: Array<AffectedVersions | undefined> | undefined;
  readonly #bytes: Buffer | undefined;
  readonly #start: number;
  readonly #end: number;

  private constructor(id: string, keys: readonly PackageKey[], report: MaliciousReport | undefined, bytes?: Buffer, start = 0, end = 0) {
    this.id = id;
    this.keys = keys;
    this.#report = report;
    this.#bytes = bytes;
    this.#start = start;
    this.#end = end;
  }

  static fromReport(report: MaliciousReport): StoredReport {
    const affected = report.packages.map((affectedPackage) => new AffectedVersions(affectedPackage));
    const keys = report.packages.map(({ ecosystem, name }, i) => ({ ecosystem, name, everyVersion: affected[i]?.everyVersion ?? false }));
    const stored = new StoredReport(report.id, keys, report);
    stored.#affected = affected;
    return stored;
  }

  /** A report whose encoded form (see `encodeReport`) is `bytes[start, end)`. */
  static fromSnapshot(id: string, keys: readonly PackageKey[], bytes: Buffer, start: number, end: number): StoredReport {
    return new StoredReport(id, keys, undefined, bytes, start, end);
  }

  /**
   * The report, decoded on first use. A snapshot is checked against its SHA-256 before it
   * is loaded, so a report that cannot be decoded means a defect: it then fails closed,
   * as a report against every version of the packages its keys name.
   */
  get report(): MaliciousReport {
    this.#report ??= (this.#bytes && decodeReport(this.#bytes.toString('utf8', this.#start, this.#end))) ?? this.#unreadable();
    return this.#report;
  }

  /** The versions the report affects of the package at `position` in `keys`. */
  affectedVersions(position: number): AffectedVersions {
    this.#affected ??= [];
    let affected = this.#affected[position];
    if (affected === undefined) {
      affected = new AffectedVersions(this.report.packages[position] ?? this.#everyVersionOf(position));
      this.#affected[position] = affected;
    }
    return affected;
  }

  /** The encoded report, taken from the snapshot's bytes as they are when it was never decoded. */
  encoded(): string {
    if (this.#report === undefined && this.#bytes !== undefined) return this.#bytes.toString('utf8', this.#start, this.#end);
    return encodeReport(this.report);
  }

  #everyVersionOf(position: number) {
    const key = this.keys[position] ?? this.keys[0];
    const ecosystem = key?.ecosystem ?? 'npm';
    return { ecosystem, name: key?.name ?? '', versions: [], ranges: [EVERY_VERSION[ecosystem === 'pypi' ? 'ECOSYSTEM' : 'SEMVER']] };
  }

  #unreadable(): MaliciousReport {
    const first = this.keys[0];
    return {
      id: this.id,
      summary: `Malicious code in ${first?.name ?? 'a package'} (the report could not be read back from the snapshot)`,
      path: '',
      published: undefined,
      modified: undefined,
      packages: this.keys.map((_, position) => this.#everyVersionOf(position)),
    };
  }
}
