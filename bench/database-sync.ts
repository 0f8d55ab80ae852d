// Benchmark of the database sync on a synthetic OpenSSF malicious-packages repository
// (about 250,000 reports, served by `git http-backend` on loopback): the first sync
// (shallow clone, full build, snapshot saved) and an incremental sync after 100 commits
// touching 500 reports, each `apps/sync --once` in a process of its own (wall time, peak
// RSS), then the snapshot swap in a running proxy and the newly-flagged computation.
// Baselines from the same run: the git CLI doing the same clone and fetch+diff, the folder
// sync building the same database from plain files, and a bare read of those files.
//
//   node --expose-gc bench/database-sync.ts [--reports N] [--commits 100] [--touched 500] [--keep]
//   (child mode, which the benchmark starts itself: --read-files DIR)
import { execSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { snapshotFileIn } from '@palisade/malicious-db';
import { startGitHttpBackend } from './lib/git-http-backend.ts';
import { measureNewlyFlagged, measureSwap, startProxyOn } from './lib/database-swap.ts';
import { fmt, row, verdict } from './lib/measure.ts';
import { runGit, runNode, type ChildRun } from './lib/measured-child.ts';
import { createSyntheticRepo, touchReports } from './lib/synthetic-git-repo.ts';

const GOALS = { incrementalMs: 15_000, incrementalRssMiB: 1024 };
const POLL_SECONDS = 0.05;
const ROOT = resolve(import.meta.dirname, '..');
const SYNC = join(ROOT, 'apps/sync/src/main.ts');

const { values: args } = parseArgs({
  options: {
    reports: { type: 'string', default: '250000' }, commits: { type: 'string', default: '100' },
    touched: { type: 'string', default: '500' }, keep: { type: 'boolean' }, 'read-files': { type: 'string' },
  },
});

const seconds = (ms: number) => `${fmt(ms / 1000, 1)} s`;
const mib = (value: number) => (Number.isNaN(value) ? 'n/a' : `${fmt(value)} MiB`);
const say = (line: string) => console.log(`[${fmt(performance.now() / 1000, 1)} s] ${line}`);
const load = () => execSync('uptime', { encoding: 'utf8' }).trim();

/** Echoes a sync child's phase changes, so a long first clone can be followed. */
function phaseEcho(): (event: Record<string, unknown>) => void {
  let phase = '';
  return (event) => {
    if (event['event'] === 'sync-progress' && event['phase'] !== phase) say(`  sync: ${String(event['phase'])} (${String(event['message'])})`);
    if (event['event'] === 'sync-progress') phase = String(event['phase']);
  };
}

function summaryOf(run: ChildRun): Record<string, unknown> {
  const summary = run.events.find((event) => event['event'] === 'sync-finished');
  if (summary === undefined) throw new Error(`the sync did not finish: ${JSON.stringify(run.events.slice(-3))}`);
  return summary;
}

const syncOnce = (url: string, dataDir: string, source = url) =>
  runNode(SYNC, ['--once', '--source', source, '--data-dir', dataDir], phaseEcho()).then((run) => ({ run, summary: summaryOf(run) }));

// ---- child: the disk-read baseline, every report file of a folder read as text ---------
async function readFiles(dir: string): Promise<void> {
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
    bytes += (await readFile(join(entry.parentPath, entry.name), 'utf8')).length;
    files++;
  }
  console.error(JSON.stringify({ event: 'read-files', files, bytes }));
}

async function main(count: number, commits: number, touched: number): Promise<void> {
  console.log(`database sync benchmark: ${fmt(count)} synthetic reports, then ${commits} commits touching ${touched}; node ${process.version}`);
  console.log(`machine at start: ${load()}`);
  const dir = await mkdtemp(join(tmpdir(), 'palisade-bench-sync-'));
  const gitdir = join(dir, 'repos', 'reports.git');
  let started = performance.now();
  const repo = await createSyntheticRepo(gitdir, count, Math.max(1, Math.floor(count / touched)));
  const generateMs = performance.now() - started;
  say(`repository generated: ${fmt(repo.files)} report files (${fmt(repo.withdrawnFiles)} withdrawn), ${fmt(repo.bytes / 2 ** 20)} MiB of JSON, ${seconds(generateMs)}`);
  const server = await startGitHttpBackend(join(dir, 'repos'));
  const url = `${server.url}/reports.git`;
  const syncDir = join(dir, 'sync');
  const stopAll: (() => Promise<void>)[] = [() => server.close()];
  try {
    say('first sync (apps/sync --once: shallow clone, full build, snapshot saved)');
    const first = await syncOnce(url, syncDir);
    const firstSnapshot = join(dir, 'first.snapshot');
    await copyFile(snapshotFileIn(syncDir), firstSnapshot);
    say('baseline: git clone --depth 1 of the same repository');
    const cloneDir = join(dir, 'git-cli.git');
    const gitClone = await runGit([['clone', '--quiet', '--bare', '--depth', '1', '--single-branch', '--no-tags', url, cloneDir]], dir);
    say('baseline: the folder sync on the same reports as plain files, and a bare read of them');
    const folder = join(dir, 'folder');
    await mkdir(folder);
    execSync(`git --git-dir ${JSON.stringify(cloneDir)} archive HEAD osv | tar -x -C ${JSON.stringify(folder)}`);
    const folderSync = await syncOnce(url, join(dir, 'folder-sync'), folder);
    const readAll = await runNode(fileURLToPath(import.meta.url), ['--read-files', folder]);
    const read = readAll.events.find((event) => event['event'] === 'read-files') ?? {};

    say('starting the proxy on the first snapshot');
    const proxy = await startProxyOn(ROOT, join(dir, 'proxy'), firstSnapshot, POLL_SECONDS);
    stopAll.push(() => proxy.process.stop());
    const before = repo.commit;
    started = performance.now();
    const touches = await touchReports(repo, commits, touched);
    say(`${touches.commits} commits: ${touches.added} reports added, ${touches.changed} changed, ${touches.withdrawn} withdrawn (${seconds(performance.now() - started)})`);
    say('incremental sync (apps/sync --once: fetch, tree diff, changed reports applied, snapshot saved)');
    const next = await syncOnce(url, syncDir);
    say('baseline: git fetch --depth 1 and git diff-tree of the same commits');
    const gitFetch = await runGit([
      ['--git-dir', cloneDir, 'fetch', '--quiet', '--depth', '1', url, '+refs/heads/main:refs/heads/main'],
      ['--git-dir', cloneDir, 'diff-tree', '-r', '--name-status', before, 'HEAD'],
    ], dir);
    say('snapshot swap in the running proxy');
    const swap = await measureSwap(proxy, snapshotFileIn(syncDir));
    const flagged = await measureNewlyFlagged(firstSnapshot, snapshotFileIn(syncDir));

    const incrementalPass = next.run.wallMs < GOALS.incrementalMs && next.run.maxRssMiB < GOALS.incrementalRssMiB;
    console.log(`\nrepository: ${fmt(repo.files)} report files, ${fmt(repo.bytes / 2 ** 20)} MiB of JSON, generated in ${seconds(generateMs)} (not timed below)`);
    console.log('first sync (a process of its own)');
    row('apps/sync --once: wall time', seconds(first.run.wallMs), `the sync's own ${first.summary['seconds']} s; ${fmt(Number(first.summary['reports']))} reports indexed; full rebuild: ${first.summary['fullRebuild']}`);
    row('  peak RSS', mib(first.run.maxRssMiB));
    row('  baseline: git clone --depth 1 (CLI): wall', seconds(gitClone.wallMs), `sync is ${fmt(first.run.wallMs / gitClone.wallMs, 1)}x; peak RSS ${mib(gitClone.maxRssMiB)} (largest git process)`);
    row('  baseline: folder sync of the same files', seconds(folderSync.run.wallMs), `sync is ${fmt(first.run.wallMs / folderSync.run.wallMs, 1)}x; peak RSS ${mib(folderSync.run.maxRssMiB)}; ${fmt(Number(folderSync.summary['reports']))} reports`);
    row('  baseline: reading the files (readFile)', seconds(readAll.wallMs), `${fmt(Number(read['files']))} files, peak RSS ${mib(readAll.maxRssMiB)}`);
    console.log(`incremental sync after ${commits} commits touching ${touched} reports (a process of its own)`);
    row('apps/sync --once: wall time', seconds(next.run.wallMs), `goal < ${seconds(GOALS.incrementalMs)}; the sync's own ${next.summary['seconds']} s; added ${next.summary['added']}, changed ${next.summary['changed']}, withdrawn ${next.summary['withdrawn']}; full rebuild: ${next.summary['fullRebuild']}`);
    row('  peak RSS', mib(next.run.maxRssMiB), `goal < ${mib(GOALS.incrementalRssMiB)}`);
    row('  baseline: git fetch --depth 1 + diff-tree', seconds(gitFetch.wallMs), `sync is ${fmt(next.run.wallMs / gitFetch.wallMs, 1)}x; peak RSS ${mib(gitFetch.maxRssMiB)}`);
    console.log(`snapshot swap in the running proxy (polling every ${POLL_SECONDS * 1000} ms)`);
    row('new file renamed in -> /readyz names it', `${fmt(swap.swapMs)} ms`, `${swap.readyzPolls} polls of /readyz; ${swap.newlyFlagged} packages newly flagged (proxy log)`);
    row('  newlyFlaggedPackages alone (this process)', `${fmt(flagged.flaggedMs)} ms`, `${flagged.flagged} packages; median of 3`);
    row('  baseline: loadSnapshot of the new file', `${fmt(flagged.loadMs)} ms`, 'this process');
    console.log(`\nmachine at end: ${load()} (2 cores; the git server runs beside each sync)`);
    console.log(`incremental sync goal (< ${seconds(GOALS.incrementalMs)}, < ${mib(GOALS.incrementalRssMiB)}): ${verdict(incrementalPass)}; whole run ${seconds(performance.now())}`);
  } finally {
    for (const stop of stopAll.reverse()) await stop();
    if (args.keep) console.log(`kept ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  }
}

const whole = (value: string | undefined) => (Number.isInteger(Number(value)) && Number(value) > 0 ? Number(value) : undefined);
if (args['read-files'] !== undefined) await readFiles(args['read-files']);
else {
  const [count, commits, touched] = [whole(args.reports), whole(args.commits), whole(args.touched)];
  if (count === undefined || commits === undefined || touched === undefined) {
    console.error('--reports, --commits and --touched must be positive whole numbers');
    process.exit(2);
  }
  await main(count, commits, touched);
}
