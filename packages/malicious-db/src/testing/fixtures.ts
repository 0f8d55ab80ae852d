import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Real OpenSSF malicious-packages reports, unchanged, kept in the repository (see its SOURCE.md). */
export const FIXTURE_ROOT = fileURLToPath(new URL('../../../../fixtures/malicious-packages/', import.meta.url));

/** One row of the fixture's MANIFEST.tsv: a report file and why it was chosen. */
export interface ManifestRow {
  readonly path: string;
  readonly why: string;
}

export function readManifest(): ManifestRow[] {
  const [, ...rows] = readFileSync(`${FIXTURE_ROOT}MANIFEST.tsv`, 'utf8').trim().split('\n');
  return rows.map((row) => {
    const [path = '', , , why = ''] = row.split('\t');
    return { path, why };
  });
}

export function readFixture(path: string): string {
  return readFileSync(`${FIXTURE_ROOT}${path}`, 'utf8');
}
