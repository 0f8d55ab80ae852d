import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { clientEnvironment } from './client-environment.ts';
import { describeResult, runCommand } from '@palisade/e2e-support';

/** A package version to publish on the fixture registry. */
export interface FixtureSpec {
  readonly name: string;
  readonly version: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  /** How long before the test (by the real clock) it was published; default: a day of 2024 (see `publishedAt`). */
  readonly publishedHoursAgo?: number;
}

/** A fixture packed by the real `npm pack`, with the digests a registry publishes for it. */
export interface PackedFixture {
  readonly name: string;
  readonly version: string;
  /** The package.json packed into the tarball. */
  readonly manifest: Readonly<Record<string, unknown>>;
  /** The tarball's file name on a registry: `<name without scope>-<version>.tgz`. */
  readonly fileName: string;
  readonly tarball: Buffer;
  /** `sha512-<base64>` of the tarball bytes. */
  readonly integrity: string;
  /** Hex SHA-1 of the tarball bytes. */
  readonly shasum: string;
  /** When it was published, when the spec says (`publishedHoursAgo`); else the registry's default. */
  readonly published?: Date;
}

/** The tarball file name a registry uses for `name@version` (`@s/pkg` → `pkg-1.0.0.tgz`). */
export function tarballFileName(name: string, version: string): string {
  return `${name.slice(name.lastIndexOf('/') + 1)}-${version}.tgz`;
}

/** The SRI string (`sha512-...`) and hex SHA-1 of some bytes. */
export function tarballDigests(bytes: Buffer): { readonly integrity: string; readonly shasum: string } {
  return {
    integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
    shasum: createHash('sha1').update(bytes).digest('hex'),
  };
}

function manifestOf(spec: FixtureSpec): Record<string, unknown> {
  return {
    name: spec.name,
    version: spec.version,
    description: `Fixture ${spec.name}@${spec.version} for Palisade end-to-end tests`,
    main: 'index.js',
    license: 'MIT',
    ...(spec.dependencies === undefined ? {} : { dependencies: spec.dependencies }),
  };
}

/**
 * Writes each spec as a package folder under `workDir` (package.json and an index.js exporting
 * its name and version) and packs them all with one run of the real `npm pack`, isolated from
 * the machine's npm settings. Returns the fixtures in the order given.
 */
export async function packFixtures(workDir: string, specs: readonly FixtureSpec[]): Promise<PackedFixture[]> {
  const sources = join(workDir, 'sources');
  const packed = join(workDir, 'packed');
  const home = join(workDir, 'home');
  await Promise.all([mkdir(packed, { recursive: true }), mkdir(home, { recursive: true })]);
  const folders = await Promise.all(
    specs.map(async (spec, index) => {
      const folder = join(sources, `${index}-${spec.name.replace(/[@/]/g, '_')}-${spec.version}`);
      const manifest = manifestOf(spec);
      await mkdir(folder, { recursive: true });
      await writeFile(join(folder, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      await writeFile(join(folder, 'index.js'), `module.exports = ${JSON.stringify({ name: spec.name, version: spec.version })};\n`);
      return { spec, folder, manifest };
    }),
  );
  await writeFile(join(home, '.npmrc'), 'update-notifier=false\nfund=false\n');
  const env = clientEnvironment(home, { npm_config_userconfig: join(home, '.npmrc'), npm_config_cache: join(home, 'cache') });
  const result = await runCommand('npm', ['pack', '--json', '--pack-destination', packed, ...folders.map((f) => f.folder)], {
    cwd: workDir,
    env,
    timeoutMs: 60_000,
  });
  if (result.exitCode !== 0) throw new Error(describeResult('npm pack', result));
  const reports = JSON.parse(result.stdout) as { readonly name: string; readonly version: string; readonly filename: string }[];
  return Promise.all(
    folders.map(async ({ spec, manifest }) => {
      const report = reports.find((r) => r.name === spec.name && r.version === spec.version);
      if (report === undefined) throw new Error(`npm pack reported no tarball for ${spec.name}@${spec.version}`);
      const tarball = await readFile(join(packed, report.filename));
      const published = spec.publishedHoursAgo === undefined ? {} : { published: new Date(Date.now() - spec.publishedHoursAgo * 3_600_000) };
      return { name: spec.name, version: spec.version, manifest, fileName: tarballFileName(spec.name, spec.version), tarball, ...tarballDigests(tarball), ...published };
    }),
  );
}
