// Children whose wall time and peak RSS the database sync benchmark measures: Node
// processes (peak RSS reported by the preloaded report-max-rss.ts) and git commands
// (peak RSS from GNU time, when /usr/bin/time is there).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** What a measured child did: wall time, peak RSS (MiB; NaN when unknown) and its stderr lines parsed as JSON. */
export interface ChildRun {
  readonly wallMs: number;
  readonly maxRssMiB: number;
  readonly events: readonly Record<string, unknown>[];
}

const PRELOAD = join(import.meta.dirname, 'report-max-rss.ts');
const GNU_TIME = '/usr/bin/time';

function run(command: string, args: readonly string[], echo: (event: Record<string, unknown>) => void): Promise<{ wallMs: number; stderr: string }> {
  const started = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let pending = '';
  child.stderr.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      stderr += `${line}\n`;
      if (line.startsWith('{')) echo(JSON.parse(line) as Record<string, unknown>);
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      stderr += pending;
      if (code === 0) resolve({ wallMs, stderr });
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr.slice(-4000)}`));
    });
  });
}

/** Runs a Node script in a child of its own; `echo` sees each JSON line it logs as it comes. */
export async function runNode(script: string, args: readonly string[], echo: (event: Record<string, unknown>) => void = () => {}): Promise<ChildRun> {
  const { wallMs, stderr } = await run(process.execPath, ['--import', PRELOAD, script, ...args], echo);
  const events = stderr.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
  const rss = events.find((event) => event['event'] === 'bench-max-rss');
  return { wallMs, maxRssMiB: typeof rss?.['maxRssKiB'] === 'number' ? rss['maxRssKiB'] / 1024 : Number.NaN, events };
}

/** Runs git commands one after another; wall time of all, and the largest peak RSS among them. */
export async function runGit(commands: readonly (readonly string[])[], scratch: string): Promise<ChildRun> {
  const timed = existsSync(GNU_TIME);
  let wallMs = 0;
  let maxRssMiB = timed ? 0 : Number.NaN;
  for (const [at, args] of commands.entries()) {
    const report = join(scratch, `git-time-${at}.txt`);
    const result = timed ? await run(GNU_TIME, ['-f', '%M', '-o', report, 'git', ...args], () => {}) : await run('git', args, () => {});
    wallMs += result.wallMs;
    if (timed) maxRssMiB = Math.max(maxRssMiB, Number.parseInt((await readFile(report, 'utf8')).trim().split('\n').pop() ?? '', 10) / 1024);
    await rm(report, { force: true });
  }
  return { wallMs, maxRssMiB, events: [] };
}
