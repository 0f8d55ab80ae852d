import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A malicious-package report to write for the proxy's database. */
export interface ReportSpec {
  /** The report id, such as `MAL-2099-0001`. */
  readonly id: string;
  /** The npm package name (scoped names allowed). */
  readonly name: string;
  /** The flagged versions; when absent, every version is flagged (`introduced: "0"`). */
  readonly versions?: readonly string[];
}

/** The one-line summary written into a report, as the OpenSSF database words it. */
export function reportSummary(name: string): string {
  return `Malicious code in ${name} (npm)`;
}

/** The OSV JSON of a report, in the OpenSSF malicious-packages format. */
export function osvReport(spec: ReportSpec): Record<string, unknown> {
  const affected =
    spec.versions === undefined
      ? { package: { ecosystem: 'npm', name: spec.name }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }] }
      : { package: { ecosystem: 'npm', name: spec.name }, versions: [...spec.versions] };
  return {
    modified: '2099-01-02T00:00:00Z',
    published: '2099-01-01T00:00:00Z',
    schema_version: '1.5.0',
    id: spec.id,
    summary: reportSummary(spec.name),
    details: 'Fixture report written by the Palisade end-to-end tests.\n\n---\n_-= Per source details. Do not edit below this line.=-_\n',
    affected: [affected],
    database_specific: { 'malicious-packages-origins': [{ source: 'palisade-e2e', id: `E2E-${spec.id}`, import_time: '2099-01-01T00:00:00Z' }] },
  };
}

/**
 * Writes each report to `<root>/osv/malicious/npm/<name>/<id>.json`, the layout of the
 * OpenSSF malicious-packages repository, and returns `root` (the proxy's database source).
 */
export async function writeReports(root: string, specs: readonly ReportSpec[]): Promise<string> {
  await mkdir(join(root, 'osv', 'malicious', 'npm'), { recursive: true });
  for (const spec of specs) {
    const folder = join(root, 'osv', 'malicious', 'npm', ...spec.name.split('/'));
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, `${spec.id}.json`), `${JSON.stringify(osvReport(spec), null, 2)}\n`);
  }
  return root;
}
