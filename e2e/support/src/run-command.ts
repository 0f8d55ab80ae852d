import { spawn } from 'node:child_process';

/** What a finished command printed and how it ended. */
export interface CommandResult {
  /** The exit code, or null when the command was killed (see `timedOut`). */
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout then stderr, for assertions that do not care where a line went. */
  readonly output: string;
  /** True when the command outlived its time limit and was killed. */
  readonly timedOut: boolean;
}

/** Where and how to run a command. */
export interface RunOptions {
  readonly cwd: string;
  /** The complete environment of the command (nothing is inherited beyond it). */
  readonly env: Readonly<Record<string, string>>;
  /** Killed after this many milliseconds. */
  readonly timeoutMs: number;
}

/** Runs `command args...` without a shell and collects its output; never rejects for a non-zero exit. */
export function runCommand(command: string, args: readonly string[], options: RunOptions): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const out = Buffer.concat(stdout).toString('utf8');
      const err = Buffer.concat(stderr).toString('utf8');
      resolve({ exitCode: code, stdout: out, stderr: err, output: `${out}\n${err}`, timedOut });
    });
  });
}

/** A one-line description of a result, for assertion messages. */
export function describeResult(command: string, result: CommandResult): string {
  const ending = result.timedOut ? 'timed out' : `exit ${String(result.exitCode)}`;
  return `${command}: ${ending}\n--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`;
}
