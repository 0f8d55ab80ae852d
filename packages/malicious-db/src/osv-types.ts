import type { Ecosystem } from '@palisade/core';

/** A version event of an OSV range, reduced to its one key. */
export interface OsvEvent {
  readonly kind: 'introduced' | 'fixed' | 'last_affected' | 'limit';
  readonly version: string;
}

/** An OSV range of type SEMVER or ECOSYSTEM (GIT ranges do not apply to registries). */
export interface OsvRange {
  readonly type: 'SEMVER' | 'ECOSYSTEM';
  readonly events: readonly OsvEvent[];
}

/** One `affected[]` entry of a report, for an ecosystem Palisade proxies. */
export interface AffectedPackage {
  readonly ecosystem: Ecosystem;
  /** The normalised package name (PEP 503 for PyPI; as given for npm and Go). */
  readonly name: string;
  readonly versions: readonly string[];
  readonly ranges: readonly OsvRange[];
}

/** A malicious-package report as the index keeps it: what matching and messages need. */
export interface MaliciousReport {
  /** `MAL-YYYY-N`, or the file name (without `.json`) for a pending report whose id is empty. */
  readonly id: string;
  readonly summary: string;
  /** The report's path in the repository, such as `osv/malicious/npm/foo/MAL-2024-1.json`. */
  readonly path: string;
  readonly published: string | undefined;
  readonly modified: string | undefined;
  readonly packages: readonly AffectedPackage[];
}
