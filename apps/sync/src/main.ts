// The sync's command line: `node apps/sync/src/main.ts [--once] [--interval 30m] [--source URL|PATH] [--data-dir PATH]`.
// Exits 2 on bad options; with --once, 1 when the run failed (the last good snapshot stays).
import http from 'isomorphic-git/http/node';
import { loadSyncOptions } from './sync-options.ts';
import { runSync, summaryOf } from './sync-run.ts';
import { realSleep, runScheduled } from './sync-schedule.ts';

const log = (event: string, fields: Record<string, unknown>) => console.error(JSON.stringify({ time: new Date().toISOString(), event, ...fields }));

const options = loadSyncOptions(process.argv.slice(2), process.env, process.cwd());
if (!options.ok) {
  console.error(`palisade sync: ${options.error}`);
  process.exit(2);
}
const where = options.value.source.kind === 'git' ? options.value.source.url : options.value.source.path;
const once = async (): Promise<boolean> => {
  log('sync-started', { source: where, dataDir: options.value.dataDir });
  const result = await runSync(options.value, { log, http });
  if (result.ok) log('sync-finished', summaryOf(result.value));
  else log('sync-failed', { source: where, problem: result.error, kept: 'the last good snapshot stays in use' });
  return result.ok;
};

if (options.value.once) {
  process.exitCode = (await once()) ? 0 : 1;
} else {
  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
  await runScheduled(once, { intervalMs: options.value.intervalMs, signal: stop.signal, sleep: realSleep });
}
