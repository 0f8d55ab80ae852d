// The packages the npm serving benchmark serves: generated packuments shaped like the
// registry's (many versions with dependencies, scripts, dist {tarball, integrity, shasum},
// maintainers, a readme at the top level of the full document), in both the full and the
// abbreviated ("corgi") form, sized to a target, with seeded tarballs whose published
// integrity (SHA-512) and shasum (SHA-1) are those of the real bytes.
import { createHash } from 'node:crypto';
import { seededBytes } from './cache-fixtures.ts';

export type PackumentFormat = 'full' | 'abbreviated';

/** What one package is generated from. */
export interface PackageSpec {
  readonly name: string;
  /** Bytes the packument in the benchmarked format should have (within a few percent). */
  readonly targetBytes: number;
  /** Size of the latest version's tarball (other versions get small ones). */
  readonly latestTarballBytes: number;
  readonly seed: number;
}

/** A generated package: its packuments as the upstream sends them, and its tarballs by file name. */
export interface BenchPackage {
  readonly spec: PackageSpec;
  readonly versions: readonly string[];
  readonly latest: string;
  /** The version the benchmark's malicious-package report flags (a middle one, never the latest). */
  readonly flagged: string;
  readonly full: Buffer;
  readonly abbreviated: Buffer;
  readonly tarballs: ReadonlyMap<string, Uint8Array>;
  /** The latest version's tarball file name. */
  readonly latestFile: string;
}

const OTHER_TARBALL_BYTES = 2048;
const maintainers = [0, 1, 2].map((i) => ({ name: `maintainer${i}`, email: `maintainer${i}@example.com` }));
const dependencyNames = Array.from({ length: 48 }, (_, i) => (i % 5 === 0 ? `@scope${i % 3}/lib-${i}` : `helper-package-${i}`));

const hash = (algorithm: string, bytes: Uint8Array | string, encoding: 'hex' | 'base64') => createHash(algorithm).update(bytes).digest(encoding);

/** Version strings ascending: x.y.z with a prerelease now and then. */
function versionList(count: number): string[] {
  const versions: string[] = [];
  for (let major = 0; versions.length < count; major++) {
    for (let minor = 0; minor < 20 && versions.length < count; minor++) {
      for (let patch = 0; patch < 8 && versions.length < count; patch++) {
        if (patch === 0 && minor % 5 === 0 && versions.length + 1 < count) versions.push(`${major}.${minor}.0-beta.1`);
        versions.push(`${major}.${minor}.${patch}`);
      }
    }
  }
  return versions;
}

const pick = (index: number, offset: number, count: number) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [dependencyNames[(index * 3 + offset + i) % dependencyNames.length], `^${1 + ((index + i) % 7)}.${(index + i) % 13}.0`]));

interface Version {
  readonly abbreviated: Record<string, unknown>;
  readonly full: Record<string, unknown>;
}

function versionManifests(name: string, version: string, index: number, tarball: Uint8Array, tarballUrl: string): Version {
  const dist = {
    integrity: `sha512-${hash('sha512', tarball, 'base64')}`,
    shasum: hash('sha1', tarball, 'hex'),
    tarball: tarballUrl,
    fileCount: 12 + (index % 30),
    unpackedSize: 40_000 + index * 13,
    signatures: [{ keyid: 'SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA', sig: `MEUCIQ${hash('sha256', `sig ${name} ${version}`, 'base64')}` }],
  };
  const dependencies = pick(index, 0, 4 + (index % 7));
  const devDependencies = pick(index, 11, 6 + (index % 5));
  const installs = index % 9 === 0;
  const abbreviated: Record<string, unknown> = {
    name,
    version,
    dependencies,
    devDependencies,
    ...(index % 4 === 0 && { peerDependencies: pick(index, 23, 1) }),
    directories: {},
    dist,
    engines: { node: `>=${14 + (index % 6)}` },
    _hasShrinkwrap: false,
    ...(installs && { hasInstallScript: true }),
  };
  const full: Record<string, unknown> = {
    ...abbreviated,
    description: `Helpers for the benchmark, release ${version}`,
    main: 'lib/index.js',
    types: 'lib/index.d.ts',
    scripts: { build: 'tsc -p tsconfig.build.json', test: 'vitest run', lint: 'eslint .', ...(installs && { install: 'node scripts/install.js' }) },
    repository: { type: 'git', url: `git+https://github.com/example/${name}.git` },
    keywords: ['benchmark', 'fixture'],
    author: { name: 'Example Author', email: 'author@example.com' },
    license: 'MIT',
    bugs: { url: `https://github.com/example/${name}/issues` },
    homepage: `https://github.com/example/${name}#readme`,
    gitHead: hash('sha1', `git ${version}`, 'hex'),
    _id: `${name}@${version}`,
    _nodeVersion: '20.11.1',
    _npmVersion: '10.2.4',
    _npmUser: maintainers[index % maintainers.length],
    maintainers,
  };
  return { abbreviated, full };
}

/** Builds a package of `count` versions whose tarballs are served under `upstreamUrl` (ending in `/`). */
function buildPackage(spec: PackageSpec, count: number, upstreamUrl: string): BenchPackage {
  const versions = versionList(count);
  const stable = versions.filter((version) => !version.includes('-'));
  const latest = stable.at(-1) as string;
  const flagged = stable[Math.floor(stable.length / 2)] as string;
  const tarballs = new Map<string, Uint8Array>();
  const abbreviatedVersions: Record<string, unknown> = {};
  const fullVersions: Record<string, unknown> = {};
  const time: Record<string, string> = { created: '2016-03-01T00:00:00.000Z', modified: '2025-06-01T00:00:00.000Z' };
  versions.forEach((version, i) => {
    const file = `${spec.name}-${version}.tgz`;
    const tarball = seededBytes(version === latest ? spec.latestTarballBytes : OTHER_TARBALL_BYTES, spec.seed * 100_000 + i);
    tarballs.set(file, tarball);
    const manifests = versionManifests(spec.name, version, i, tarball, `${upstreamUrl}${spec.name}/-/${file}`);
    abbreviatedVersions[version] = manifests.abbreviated;
    fullVersions[version] = manifests.full;
    time[version] = new Date(Date.UTC(2016, 2, 1) + i * 86_400_000).toISOString();
  });
  const distTags = { latest, next: versions.filter((version) => version.includes('-')).at(-1) ?? latest };
  const abbreviated = { name: spec.name, modified: time.modified, 'dist-tags': distTags, versions: abbreviatedVersions };
  const full = {
    _id: spec.name,
    _rev: `${count}-${hash('md5', spec.name, 'hex')}`,
    name: spec.name,
    'dist-tags': distTags,
    versions: fullVersions,
    time,
    maintainers,
    description: 'Helpers for the benchmark',
    license: 'MIT',
    readme: `# ${spec.name}\n\n${'Documentation as a real readme holds it, paragraph after paragraph. '.repeat(120)}`,
    readmeFilename: 'README.md',
  };
  return {
    spec,
    versions,
    latest,
    flagged,
    full: Buffer.from(JSON.stringify(full)),
    abbreviated: Buffer.from(JSON.stringify(abbreviated)),
    tarballs,
    latestFile: `${spec.name}-${latest}.tgz`,
  };
}

/** A package whose `format` packument is within a few percent of `spec.targetBytes`. */
export function generatePackage(spec: PackageSpec, format: PackumentFormat, upstreamUrl: string): BenchPackage {
  const sizeAt = (count: number) => buildPackage({ ...spec, latestTarballBytes: 16 }, count, upstreamUrl)[format].byteLength;
  const [low, high] = [sizeAt(10), sizeAt(30)];
  const perVersion = (high - low) / 20;
  const count = Math.max(3, Math.round(10 + (spec.targetBytes - low) / perVersion));
  return buildPackage(spec, count, upstreamUrl);
}
