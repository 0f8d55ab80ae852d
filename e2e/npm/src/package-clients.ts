import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { clientEnvironment } from './client-environment.ts';
import { runCommand } from '@palisade/e2e-support';
import type { CommandResult } from '@palisade/e2e-support';

/** A real package-manager client, configured for one registry with its own home, config and cache. */
export interface PackageClient {
  readonly name: 'npm' | 'pnpm';
  /** The registry URL it was configured with. */
  readonly registry: string;
  /** Runs the client with `args` in `cwd`; resolves with the outcome (never rejects on a non-zero exit). */
  run(args: readonly string[], cwd: string): Promise<CommandResult>;
}

/** How a client is set up. */
export interface ClientOptions {
  /** The registry root, with a trailing slash (`http://127.0.0.1:1234/npm/`). */
  readonly registry: string;
  /** An empty folder for the client's home, rc file, cache and store. */
  readonly home: string;
  /** Whether npm posts to the audit endpoint on install (default false). */
  readonly audit?: boolean;
}

/** Each client command is killed after this long. */
const COMMAND_TIMEOUT_MS = 60_000;

/** The pnpm this repository pins (installed into .tools by ./run) when present, else the one on PATH. */
export function pnpmExecutable(): string {
  const pinned = resolve(import.meta.dirname, '../../../.tools/pnpm/node_modules/.bin/pnpm');
  return existsSync(pinned) ? pinned : 'pnpm';
}

async function writeRcFile(home: string, lines: readonly string[]): Promise<string> {
  await mkdir(home, { recursive: true });
  const path = join(home, '.npmrc');
  await writeFile(path, `${lines.join('\n')}\n`);
  await writeFile(join(home, 'global-npmrc'), '');
  return path;
}

/** The machine's `npm` (from PATH), isolated: its own userconfig, global config, cache and HOME. */
export async function createNpmClient(options: ClientOptions): Promise<PackageClient> {
  const { registry, home } = options;
  const rc = await writeRcFile(home, [
    `registry=${registry}`,
    `cache=${join(home, 'npm-cache')}`,
    `audit=${options.audit === true}`,
    'fund=false',
    'update-notifier=false',
    'progress=false',
    'fetch-retries=0',
  ]);
  const env = clientEnvironment(home, { npm_config_userconfig: rc, npm_config_globalconfig: join(home, 'global-npmrc') });
  return { name: 'npm', registry, run: (args, cwd) => runCommand('npm', args, { cwd, env, timeoutMs: COMMAND_TIMEOUT_MS }) };
}

/** The repository's pinned `pnpm`, isolated: its own rc file, store, cache, state and HOME. */
export async function createPnpmClient(options: ClientOptions): Promise<PackageClient> {
  const { registry, home } = options;
  const rc = await writeRcFile(home, [
    `registry=${registry}`,
    `store-dir=${join(home, 'pnpm-store')}`,
    `cache-dir=${join(home, 'pnpm-cache')}`,
    `state-dir=${join(home, 'pnpm-state')}`,
    'update-notifier=false',
    'fetch-retries=0',
    'reporter=append-only',
  ]);
  const env = clientEnvironment(home, { npm_config_userconfig: rc, npm_config_globalconfig: join(home, 'global-npmrc') });
  const pnpm = pnpmExecutable();
  return { name: 'pnpm', registry, run: (args, cwd) => runCommand(pnpm, args, { cwd, env, timeoutMs: COMMAND_TIMEOUT_MS }) };
}
