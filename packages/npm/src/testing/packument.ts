/** A version's manifest as the public registry publishes it, with its tarball at registry.npmjs.org. */
export function manifest(name: string, version: string): Record<string, unknown> {
  const bare = name.startsWith('@') ? name.slice(name.indexOf('/') + 1) : name;
  return {
    name,
    version,
    dependencies: { 'left-pad': '^1.0.0' },
    scripts: { test: 'node test.js' },
    dist: {
      integrity: `sha512-${Buffer.alloc(64, version).toString('base64')}`,
      shasum: Buffer.alloc(20, version).toString('hex'),
      tarball: `https://registry.npmjs.org/${name}/-/${bare}-${version}.tgz`,
    },
  };
}

/** A full packument of `name` with the given versions, `time` entries and dist-tags. */
export function packument(name: string, versions: readonly string[], distTags: Record<string, string>): Record<string, unknown> {
  const time: Record<string, string> = { created: '2020-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z' };
  versions.forEach((version, index) => {
    time[version] = new Date(Date.UTC(2020, 0, 2 + index)).toISOString();
  });
  return {
    _id: name,
    name,
    'dist-tags': distTags,
    versions: Object.fromEntries(versions.map((version) => [version, manifest(name, version)])),
    time,
    readme: '# readme',
  };
}

/** Options that deny the listed versions and serve tarballs from a proxy at `https://proxy.test/npm`. */
export function denying(name: string, ...denied: string[]) {
  const asked: string[] = [];
  return {
    asked,
    options: {
      isDenied(version: string): boolean {
        asked.push(version);
        return denied.includes(version);
      },
      tarballUrl: (file: string) => `https://proxy.test/npm/${name}/-/${encodeURIComponent(file)}`,
    },
  };
}
