// The snapshot swap in a running proxy, for the database sync benchmark: the proxy
// (`apps/proxy/src/main.ts`, its own process) polls its snapshot file; a new file is renamed
// over it and `/readyz` is asked until it names the new build. The newly-flagged
// computation the swap runs is also timed alone, in this process, on the same two snapshots.
import { copyFile, mkdir, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { loadSnapshot, readSnapshotHeader, snapshotFileIn } from '@palisade/malicious-db';
import { newlyFlaggedPackages } from '@palisade/proxy';
import { awaitReady, freePort, rawGet, startProcess, type ServerProcess } from './npm-serve-process.ts';

/** A proxy started on a snapshot, polling its file every `pollSeconds`. */
export interface ProxyOnSnapshot {
  readonly process: ServerProcess;
  readonly origin: string;
  readonly snapshotFile: string;
}

/** What one swap took, as seen from outside the proxy and as the proxy logged it. */
export interface SwapFigures {
  /** From the rename of the new file to `/readyz` naming the new build. */
  readonly swapMs: number;
  readonly readyzPolls: number;
  /** From the proxy's `database-swapped` log line. */
  readonly newlyFlagged: number;
}

/** The newly-flagged computation alone. */
export interface FlaggedFigures {
  readonly loadMs: number;
  readonly flaggedMs: number;
  readonly flagged: number;
}

const builtAtOf = async (file: string) => {
  const header = await readSnapshotHeader(file);
  if (!header.ok) throw new Error(header.error);
  return header.value.builtAt;
};

/** Starts the proxy with `snapshot` as the database in its data folder. */
export async function startProxyOn(root: string, dataDir: string, snapshot: string, pollSeconds: number): Promise<ProxyOnSnapshot> {
  const snapshotFile = snapshotFileIn(dataDir);
  await mkdir(dirname(snapshotFile), { recursive: true });
  await copyFile(snapshot, snapshotFile);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PALISADE_HOST: '127.0.0.1', PALISADE_PORT: String(port), PALISADE_DATA_DIR: dataDir, PALISADE_DB_POLL_SECONDS: String(pollSeconds) };
  delete env['PALISADE_DB_SOURCE']; // the proxy reads only the snapshot, as beside a sync
  const proxy = startProcess('Palisade', process.execPath, [join(root, 'apps/proxy/src/main.ts')], { env, cwd: dataDir });
  const origin = `http://127.0.0.1:${port}`;
  await awaitReady(proxy, `${origin}/readyz`, 120_000);
  return { process: proxy, origin, snapshotFile };
}

/** The newly-flagged count of the proxy's `database-swapped` line (logged once the purge that follows the swap is done). */
async function swappedLogLine(proxy: ProxyOnSnapshot, deadline: number): Promise<number> {
  while (performance.now() < deadline) {
    const line = proxy.process.output().split('\n').reverse().find((text) => text.includes('"database-swapped"'));
    if (line !== undefined) return (JSON.parse(line.slice(line.indexOf('{'))) as { newlyFlagged: number }).newlyFlagged;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Number.NaN;
}

/** Puts `snapshot` in place of the proxy's file (copied beside it, then renamed over it, as the sync does) and waits for the proxy to use it. */
export async function measureSwap(proxy: ProxyOnSnapshot, snapshot: string, deadlineMs = 120_000): Promise<SwapFigures> {
  const builtAt = await builtAtOf(snapshot);
  const staged = `${proxy.snapshotFile}.bench-next`;
  await copyFile(snapshot, staged);
  const started = performance.now();
  await rename(staged, proxy.snapshotFile);
  let readyzPolls = 0;
  while (performance.now() - started < deadlineMs) {
    readyzPolls++;
    const answer = await rawGet(`${proxy.origin}/readyz`);
    const database = (JSON.parse(answer.body.toString('utf8')) as { database?: { builtAt?: string } }).database;
    if (database?.builtAt === builtAt) {
      const swapMs = performance.now() - started;
      return { swapMs, readyzPolls, newlyFlagged: await swappedLogLine(proxy, started + deadlineMs) };
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`the proxy did not take the new snapshot in within ${deadlineMs / 1000} s:\n${proxy.process.output()}`);
}

/** Loads both snapshots here and times `newlyFlaggedPackages(before, after)` (the median of `runs`) and the load of `after`. */
export async function measureNewlyFlagged(before: string, after: string, runs = 3): Promise<FlaggedFigures> {
  const old = await loadSnapshot(before);
  const started = performance.now();
  const now = await loadSnapshot(after);
  const loadMs = performance.now() - started;
  if (!old.ok || !now.ok) throw new Error(old.ok ? (now.ok ? '' : now.error) : old.error);
  const times: number[] = [];
  let flagged = 0;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    flagged = (await newlyFlaggedPackages(old.value.index, now.value.index)).length;
    times.push(performance.now() - start);
  }
  return { loadMs, flaggedMs: [...times].sort((a, b) => a - b)[Math.floor(runs / 2)] as number, flagged };
}
