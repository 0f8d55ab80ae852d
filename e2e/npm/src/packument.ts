import type { PackedFixture } from './fixture-packages.ts';

/** The two packument shapes a registry serves. */
export type PackumentShape = 'full' | 'abbreviated';

/** The day every fixture package was created; version N (0-based) was published N days later, unless its fixture says when. */
const EPOCH = Date.UTC(2024, 0, 1);
const DAY = 24 * 60 * 60 * 1000;

/** When the `index`th version (in publication order) of a fixture package was published. */
export function publishedAt(index: number): Date {
  return new Date(EPOCH + (index + 1) * DAY);
}

/** The fields an abbreviated (install-v1) version entry keeps from the manifest. */
const ABBREVIATED_FIELDS = ['name', 'version', 'dependencies', 'optionalDependencies', 'devDependencies', 'peerDependencies', 'bin', 'engines'];

/** The registry URL of a fixture's tarball: `<registry>/<name>/-/<file>` (scoped names keep their `/`). */
export function tarballUrl(registryUrl: string, fixture: PackedFixture): string {
  return `${registryUrl}/${fixture.name}/-/${fixture.fileName}`;
}

function versionEntry(registryUrl: string, fixture: PackedFixture, shape: PackumentShape): Record<string, unknown> {
  const dist = { tarball: tarballUrl(registryUrl, fixture), integrity: fixture.integrity, shasum: fixture.shasum };
  if (shape === 'full') return { ...fixture.manifest, _id: `${fixture.name}@${fixture.version}`, dist };
  const entry: Record<string, unknown> = {};
  for (const field of ABBREVIATED_FIELDS) {
    if (fixture.manifest[field] !== undefined) entry[field] = fixture.manifest[field];
  }
  return { ...entry, dist };
}

/**
 * The packument of one package built from its fixtures, which are in publication order: the last
 * one is `latest`. Tarball URLs point at `registryUrl` (no trailing slash).
 */
export function buildPackument(registryUrl: string, versions: readonly PackedFixture[], shape: PackumentShape): Record<string, unknown> {
  const first = versions[0];
  if (first === undefined) throw new Error('a packument needs at least one version');
  const latest = versions[versions.length - 1] ?? first;
  const entries = Object.fromEntries(versions.map((f) => [f.version, versionEntry(registryUrl, f, shape)]));
  const modified = publishedAt(versions.length - 1).toISOString();
  if (shape === 'abbreviated') return { name: first.name, modified, 'dist-tags': { latest: latest.version }, versions: entries };
  const time = Object.fromEntries([
    ['created', new Date(EPOCH).toISOString()],
    ['modified', modified],
    ...versions.map((f, index) => [f.version, (f.published ?? publishedAt(index)).toISOString()]),
  ]);
  return { _id: first.name, name: first.name, description: `Fixture package ${first.name}`, 'dist-tags': { latest: latest.version }, versions: entries, time, license: 'MIT' };
}
