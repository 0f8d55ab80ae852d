import { readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { bodyFileName, metaFileName, parseEntryFileName } from './disk-layout.ts';
import { DiskUsage } from './disk-usage.ts';
import { decodeMeta } from './entry-meta-file.ts';

async function directories(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
}

/**
 * Accounts for the entries of a cache folder when the store opens: every sidecar that
 * reads and whose body exists at its recorded size counts, least recently written first;
 * sidecars that do not read and bodies no sidecar names (what a crash between the two
 * renames leaves) are removed. Bodies are not hashed here: every read checks them.
 */
export async function scanEntries(entriesDir: string): Promise<DiskUsage> {
  const found: Array<{ id: string; size: number; bodyFile: string; at: number }> = [];
  for (const ecosystem of await directories(entriesDir)) {
    for (const fan of await directories(join(entriesDir, ecosystem))) {
      for (const pkg of await directories(join(entriesDir, ecosystem, fan))) {
        const packageDir = join(ecosystem, fan, pkg);
        const folder = join(entriesDir, packageDir);
        const files = await readdir(folder);
        const named = new Set<string>();
        for (const file of files) {
          const parsed = parseEntryFileName(file);
          if (parsed?.kind !== 'meta') continue;
          const meta = decodeMeta(await readFile(join(folder, file), 'utf8').catch(() => ''));
          const bodyFile = meta && bodyFileName(parsed.stem, meta.sha256);
          const body = bodyFile ? await stat(join(folder, bodyFile)).catch(() => undefined) : undefined;
          if (!meta || !bodyFile || body?.size !== meta.size) {
            await unlink(join(folder, metaFileName(parsed.stem))).catch(() => undefined);
            continue;
          }
          named.add(bodyFile);
          const at = (await stat(join(folder, file))).mtimeMs;
          found.push({ id: join(packageDir, parsed.stem), size: meta.size, bodyFile, at });
        }
        for (const file of files) {
          if (parseEntryFileName(file)?.kind !== 'meta' && !named.has(file)) await unlink(join(folder, file)).catch(() => undefined);
        }
      }
    }
  }
  const usage = new DiskUsage();
  for (const entry of found.sort((a, b) => a.at - b.at)) usage.set(entry.id, { size: entry.size, bodyFile: entry.bodyFile });
  return usage;
}
