import type { Ecosystem } from '@palisade/core';
import type { AffectedPackage, MaliciousReport, OsvEvent } from '../osv-types.ts';

type EventTuple = [OsvEvent['kind'], string];

/** A report for tests: one package, with the given versions list and ranges (as event tuples). */
export function makeReport(
  id: string,
  ecosystem: Ecosystem,
  name: string,
  affected: { versions?: string[]; ranges?: EventTuple[][] } = { ranges: [[['introduced', '0']]] },
): MaliciousReport {
  const pkg: AffectedPackage = {
    ecosystem,
    name,
    versions: affected.versions ?? [],
    ranges: (affected.ranges ?? []).map((events) => ({
      type: ecosystem === 'pypi' ? 'ECOSYSTEM' : 'SEMVER',
      events: events.map(([kind, version]) => ({ kind, version })),
    })),
  };
  return {
    id,
    summary: `Malicious code in ${name} (${ecosystem})`,
    path: `osv/malicious/${ecosystem}/${name}/${id}.json`,
    published: '2025-01-01T00:00:00Z',
    modified: '2025-01-02T00:00:00Z',
    packages: [pkg],
  };
}

/** OSV report JSON text as the repository stores it. */
export function osvJson(fields: Record<string, unknown>): string {
  return JSON.stringify({
    modified: '2025-01-02T00:00:00Z',
    published: '2025-01-01T00:00:00Z',
    schema_version: '1.5.0',
    id: 'MAL-2025-1',
    summary: 'Malicious code in example (npm)',
    details: 'details',
    affected: [{ package: { ecosystem: 'npm', name: 'example' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }] }],
    ...fields,
  });
}
