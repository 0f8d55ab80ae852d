import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Writes a private project's package.json into `dir` with the given dependencies. */
export async function writeProject(dir: string, dependencies: Readonly<Record<string, string>> = {}): Promise<void> {
  const manifest = { name: 'palisade-e2e-project', version: '1.0.0', private: true, dependencies };
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The version of `name` installed in `dir`/node_modules, or undefined when it is not there. */
export async function installedVersion(dir: string, name: string): Promise<string | undefined> {
  try {
    const manifest = JSON.parse(await readFile(join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : undefined;
  } catch {
    return undefined;
  }
}
