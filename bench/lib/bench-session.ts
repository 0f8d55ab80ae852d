// What a load benchmark cleans up when it ends or is interrupted: the servers it started,
// its fixture upstream and its temporary folder.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchServer } from './npm-serve-servers.ts';

export interface BenchSession {
  /** A temporary folder of the run's own. */
  readonly temp: string;
  /** The servers started; each is stopped by `stop`. */
  readonly servers: BenchServer[];
  /** Stops the servers and the upstream, and removes the folder (also on SIGINT and SIGTERM, then exiting with 130). */
  stop(): Promise<void>;
}

/** Opens a session whose temporary folder is named after `name`, closing `upstream` at its end. */
export async function openBenchSession(name: string, upstream: { close(): Promise<void> }): Promise<BenchSession> {
  const temp = await mkdtemp(join(tmpdir(), `palisade-bench-${name}-`));
  const servers: BenchServer[] = [];
  const stop = async () => {
    for (const server of servers) await server.process.stop();
    await upstream.close();
    await rm(temp, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop().finally(() => process.exit(130)));
  return { temp, servers, stop };
}
