import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder under the system temp folder, removed with everything in it by `remove()`. */
export interface TempFolder {
  readonly path: string;
  /** A new empty sub-folder of this one (a project, a client home, a database). */
  subfolder(prefix: string): Promise<string>;
  remove(): Promise<void>;
}

/** Creates a temp folder named `palisade-e2e-<label>-XXXXXX`. */
export async function createTempFolder(label: string): Promise<TempFolder> {
  const path = await mkdtemp(join(tmpdir(), `palisade-e2e-${label}-`));
  return {
    path,
    subfolder: (prefix) => mkdtemp(join(path, `${prefix}-`)),
    remove: () => rm(path, { recursive: true, force: true, maxRetries: 3 }),
  };
}
