// A synthetic full packument shaped like the registry's (per-version manifests with
// dependencies, scripts, dist with integrity/shasum/tarball/signatures, maintainers; the
// readme only at the top level), deterministic for a given size, for the npm benchmarks.
import { createHash } from 'node:crypto';

export interface SyntheticPackument {
  readonly name: string;
  readonly text: string;
  /** Version keys in document order (ascending). */
  readonly versions: readonly string[];
  readonly latest: string;
  readonly next: string;
}

const digest = (algorithm: string, seed: string, encoding: 'hex' | 'base64') => createHash(algorithm).update(seed).digest(encoding);
const dependencyNames = Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? `@org${i % 7}/dep-${i}` : `dependency-number-${i}`));
const contributors = Array.from({ length: 6 }, (_, i) => ({ name: `Contributor Number ${i}`, email: `contributor${i}@example.com`, url: `https://example.com/~contributor${i}` }));
const exportsMap = Object.fromEntries(
  ['.', './core', './util', './types', './plugins', './package.json'].map((entry) => [
    entry,
    { types: `./lib/${entry.slice(2) || 'index'}.d.ts`, import: `./lib/${entry.slice(2) || 'index'}.mjs`, require: `./lib/${entry.slice(2) || 'index'}.cjs` },
  ]),
);
const maintainers = Array.from({ length: 3 }, (_, i) => ({ name: `maintainer${i}`, email: `maintainer${i}@example.com` }));

/** Version strings ascending: stable releases, with a prerelease before every tenth. */
function versionList(count: number): string[] {
  const versions: string[] = [];
  for (let major = 1; versions.length < count; major++) {
    for (let minor = 0; minor < 50 && versions.length < count; minor++) {
      for (let patch = 0; patch < 10 && versions.length < count; patch++) {
        if (patch === 0 && minor % 10 === 0 && versions.length + 1 < count) versions.push(`${major}.${minor}.0-rc.1`);
        versions.push(`${major}.${minor}.${patch}`);
      }
    }
  }
  return versions;
}

function manifest(name: string, version: string, index: number): Record<string, unknown> {
  const bare = name.slice(name.indexOf('/') + 1);
  const pick = (offset: number, n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [dependencyNames[(index + offset + i) % dependencyNames.length], `^${1 + ((index + i) % 9)}.${i}.0`]));
  return {
    name,
    version,
    description: `A synthetic package used to measure packument filtering, release ${version}`,
    main: 'lib/index.js',
    types: 'lib/index.d.ts',
    files: ['lib', 'README.md'],
    scripts: { build: 'tsc -p tsconfig.build.json', test: 'vitest run', lint: 'eslint .', prepublishOnly: 'npm run build' },
    repository: { type: 'git', url: 'git+https://github.com/example/synthetic.git' },
    keywords: ['synthetic', 'benchmark', 'packument'],
    author: { name: 'Example Author', email: 'author@example.com' },
    license: 'MIT',
    engines: { node: '>=18' },
    exports: exportsMap,
    contributors,
    funding: { type: 'opencollective', url: 'https://opencollective.com/example' },
    dependencies: pick(0, 12),
    devDependencies: pick(12, 16),
    peerDependencies: pick(28, 2),
    gitHead: digest('sha1', `git ${version}`, 'hex'),
    bugs: { url: 'https://github.com/example/synthetic/issues' },
    homepage: 'https://github.com/example/synthetic#readme',
    _id: `${name}@${version}`,
    _nodeVersion: '20.11.1',
    _npmVersion: '10.2.4',
    dist: {
      integrity: `sha512-${digest('sha512', version, 'base64')}`,
      shasum: digest('sha1', version, 'hex'),
      tarball: `https://registry.npmjs.org/${name}/-/${bare}-${version}.tgz`,
      fileCount: 40 + (index % 20),
      unpackedSize: 150_000 + index * 7,
      signatures: [{ keyid: 'SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA', sig: digest('sha512', `sig ${version}`, 'base64') }],
    },
    _npmUser: maintainers[index % maintainers.length],
    directories: {},
    maintainers,
    _npmOperationalInternal: { host: 's3://npm-registry-packages', tmp: `tmp/${bare}_${version}_${1_600_000_000_000 + index}` },
    _hasShrinkwrap: false,
  };
}

/** A packument of `count` versions; `latest` is the highest stable, `next` the highest prerelease. */
export function syntheticPackument(name: string, count: number): SyntheticPackument {
  const versions = versionList(count);
  const stable = versions.filter((version) => !version.includes('-'));
  const latest = stable.at(-1) as string;
  const next = versions.filter((version) => version.includes('-')).at(-1) as string;
  const time: Record<string, string> = { created: '2015-01-01T00:00:00.000Z', modified: '2025-01-01T00:00:00.000Z' };
  versions.forEach((version, i) => (time[version] = new Date(Date.UTC(2015, 0, 1) + i * 3_600_000).toISOString()));
  const doc = {
    _id: name,
    _rev: '1234-0123456789abcdef0123456789abcdef',
    name,
    'dist-tags': { latest, next, beta: next },
    versions: Object.fromEntries(versions.map((version, i) => [version, manifest(name, version, i)])),
    time,
    maintainers,
    description: 'A synthetic package used to measure packument filtering',
    homepage: 'https://github.com/example/synthetic#readme',
    keywords: ['synthetic', 'benchmark', 'packument'],
    repository: { type: 'git', url: 'git+https://github.com/example/synthetic.git' },
    author: { name: 'Example Author', email: 'author@example.com' },
    bugs: { url: 'https://github.com/example/synthetic/issues' },
    license: 'MIT',
    readme: `# ${name}\n\n${'A paragraph of documentation that a real readme would hold, repeated. '.repeat(1500)}`,
    readmeFilename: 'README.md',
    users: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`user${i}`, true])),
  };
  return { name, text: JSON.stringify(doc), versions, latest, next };
}
