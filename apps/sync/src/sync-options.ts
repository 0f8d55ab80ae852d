import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { failure, success, type Result } from '@palisade/core';
import { databaseSourceKind } from '@palisade/malicious-db';

/** The OpenSSF malicious-packages repository, the default source. */
export const OPENSSF_REPOSITORY = 'https://github.com/ossf/malicious-packages.git';

/** Where the reports come from: a git repository, a folder in its layout, or an OSV zip export. */
export type SyncSource = { readonly kind: 'git'; readonly url: string } | { readonly kind: 'folder'; readonly path: string } | { readonly kind: 'zip'; readonly path: string };

export interface SyncOptions {
  readonly source: SyncSource;
  /** The proxy's data folder: the snapshot and the clone live under `<dataDir>/database`. */
  readonly dataDir: string;
  /** One run, then exit (non-zero when it failed); otherwise a run every `intervalMs`. */
  readonly once: boolean;
  readonly intervalMs: number;
}

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** A duration such as `30m`, `90s`, `1.5h` or a number of seconds, in milliseconds. */
export function parseDuration(text: string): Result<number> {
  const match = DURATION.exec(text.trim());
  if (!match) return failure(`"${text}" is not a duration: write it like 30m, 90s or 1h`);
  const ms = Number(match[1]) * UNIT_MS[(match[2] ?? 's') as keyof typeof UNIT_MS];
  return ms >= 1000 ? success(ms) : failure(`"${text}" is shorter than a second`);
}

/** What a source setting names: a URL is a git repository, a path ending in `.zip` an OSV export, any other path a folder. */
export function parseSource(text: string, cwd: string): SyncSource {
  const kind = databaseSourceKind(text);
  return kind === 'git' ? { kind, url: text } : { kind, path: resolve(cwd, text) };
}

/**
 * The sync's options from its command line (`--once`, `--interval 30m`, `--source`,
 * `--data-dir`) and the proxy's environment variables (`PALISADE_DB_SOURCE`,
 * `PALISADE_DATA_DIR`), the command line winning. Bad values are failures naming them.
 */
export function loadSyncOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, cwd: string): Result<SyncOptions> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { once: { type: 'boolean', default: false }, interval: { type: 'string', default: '30m' }, source: { type: 'string' }, 'data-dir': { type: 'string' } }, strict: true });
  } catch (error) {
    return failure((error as Error).message);
  }
  const interval = parseDuration(parsed.values.interval);
  if (!interval.ok) return failure(`--interval: ${interval.error}`);
  const source = parsed.values.source ?? env.PALISADE_DB_SOURCE ?? OPENSSF_REPOSITORY;
  const dataDir = resolve(cwd, parsed.values['data-dir'] ?? env.PALISADE_DATA_DIR ?? './data');
  return success({ source: parseSource(source, cwd), dataDir, once: parsed.values.once, intervalMs: interval.value });
}
