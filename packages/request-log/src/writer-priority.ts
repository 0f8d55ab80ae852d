import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readlinkSync } from 'node:fs';
import { errorText } from './sink-protocol.ts';

/**
 * The writer thread's CPU scheduling: `idle` (Linux `SCHED_IDLE`: it runs only on a core
 * nothing else wants), `normal`, or `unmanaged` (left as it started: not Linux, no `chrt`,
 * or the process could not raise it again once idle, so it is never lowered).
 */
export type WriterPriorityState = 'idle' | 'normal' | 'unmanaged';

/** Sets thread `tid`'s scheduling policy; throws when it cannot, with code `ESRCH` when the thread is gone. */
export type SetThreadPolicy = (tid: number, policy: 'idle' | 'normal') => void;

/**
 * Sets a thread of this process's policy with util-linux's `chrt` (Node has no call for
 * it). Its error says what chrt said; when the thread has ended meanwhile, its code is `ESRCH`.
 */
export const chrtThreadPolicy: SetThreadPolicy = (tid, policy) => {
  try {
    execFileSync('chrt', [policy === 'idle' ? '--idle' : '--other', '--pid', '0', String(tid)], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 5000 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === undefined && !existsSync(`/proc/self/task/${tid}`)) {
      throw Object.assign(new Error(`thread ${tid} has ended`), { code: 'ESRCH' });
    }
    throw error;
  }
};

/** The calling thread's id on Linux (from `/proc/thread-self`); undefined elsewhere. */
export function currentThreadId(): number | undefined {
  try {
    const match = /task\/(\d+)$/.exec(readlinkSync('/proc/thread-self'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** CAP_SYS_NICE's bit in a capability set. */
const CAP_SYS_NICE = 23n;

/**
 * Whether a process with this `/proc/self/status` and `/proc/self/limits` may move a thread
 * of nice 0 from `SCHED_IDLE` back to `SCHED_OTHER`: Linux allows it with CAP_SYS_NICE, or
 * with a soft `RLIMIT_NICE` of 20 or more; an unprivileged process cannot.
 */
export function mayLeaveIdle(status: string, limits: string): boolean {
  const capabilities = /^CapEff:\s*([0-9a-fA-F]+)\s*$/m.exec(status)?.[1];
  if (capabilities !== undefined && ((BigInt(`0x${capabilities}`) >> CAP_SYS_NICE) & 1n) === 1n) return true;
  const niceLimit = /^Max nice priority\s+(\S+)/m.exec(limits)?.[1];
  return niceLimit === 'unlimited' || Number(niceLimit) >= 20;
}

/** `mayLeaveIdle` for this process; false where `/proc` cannot tell. */
export function processMayLeaveIdle(): boolean {
  try {
    return mayLeaveIdle(readFileSync('/proc/self/status', 'utf8'), readFileSync('/proc/self/limits', 'utf8'));
  } catch {
    return false;
  }
}

export interface WriterPriorityOptions {
  readonly setPolicy: SetThreadPolicy;
  /** Whether the process may raise a thread again once it is idle (`processMayLeaveIdle`); when not, the thread is never lowered. */
  readonly mayLeaveIdle: boolean;
  /** Rows handed over and not yet written at which an idle thread is raised to normal. */
  readonly raiseAtRows: number;
  /**
   * How long, in ms, rows handed over may wait before an idle thread is raised however few
   * they are: on a machine whose cores are all busy, an idle thread might otherwise not run
   * at all, and a quiet proxy's last requests would never be written.
   */
  readonly raiseAfterMs: number;
  /** Runs `run` after `ms` (an unref'd timer by default); returns what cancels it. */
  readonly after?: (ms: number, run: () => void) => () => void;
  /** Least time at normal, in `clock` ms, before a thread that has caught up goes back to idle. */
  readonly lowerAfterMs: number;
  readonly clock: () => number;
  readonly onError: (error: unknown) => void;
}

/**
 * Keeps the request log's writer thread at idle priority while it keeps up, so that its
 * batches never take a core from the event loop or from other programs on the machine
 * (package managers on a shared CI host); a backlog, rows left waiting for `raiseAfterMs`,
 * or the caller about to wait for the thread, raises it to normal until it has caught up.
 */
export class WriterPriority {
  readonly #options: WriterPriorityOptions;
  #state: WriterPriorityState = 'unmanaged';
  #tid = 0;
  /** When the thread was last raised: it stays at normal for `lowerAfterMs` at least. */
  #raisedAt = Number.NEGATIVE_INFINITY;
  /** When a change last failed: none is tried again for `lowerAfterMs`. */
  #failedAt = Number.NEGATIVE_INFINITY;
  /** The backlog last observed. */
  #backlog = 0;
  /** Cancels the timer that raises an idle thread whose rows wait too long. */
  #cancelWait: (() => void) | undefined;

  constructor(options: WriterPriorityOptions) {
    this.#options = options;
  }

  get state(): WriterPriorityState {
    return this.#state;
  }

  /** Takes charge of thread `tid` and lowers it to idle, unless it could not be raised again (`mayLeaveIdle` false). */
  manage(tid: number): void {
    if (!this.#options.mayLeaveIdle || this.#state !== 'unmanaged') return;
    this.#tid = tid;
    try {
      this.#options.setPolicy(tid, 'idle');
      this.#state = 'idle';
    } catch (error) {
      // Without chrt (a minimal image) the thread simply stays as it is; an ended one needs nothing.
      if (!isQuiet(error)) this.#options.onError(new Error(`the request log's writer thread stays at normal priority: ${errorText(error)}`));
    }
  }

  /** Told of the backlog after each hand-over and each write. */
  observe(backlog: number): void {
    this.#backlog = backlog;
    if (backlog === 0) this.#stopWaiting();
    if (this.#state === 'idle' && backlog >= this.#options.raiseAtRows) this.raise();
    else if (this.#state === 'idle' && backlog > 0) this.#cancelWait ??= this.#after(this.#options.raiseAfterMs, this.#waited);
    else if (this.#state === 'normal' && backlog === 0 && this.#options.clock() - this.#raisedAt >= this.#options.lowerAfterMs) this.#change('idle');
  }

  /** Raises an idle thread to normal: before the caller waits for it or writes beside it, and when it falls behind. */
  raise(): void {
    this.#stopWaiting();
    if (this.#state === 'idle' && this.#change('normal')) this.#raisedAt = this.#options.clock();
  }

  /** Lets go of the thread (it is ending): no change is made after this. */
  stop(): void {
    this.#stopWaiting();
    this.#state = 'unmanaged';
  }

  readonly #waited = (): void => {
    this.#cancelWait = undefined;
    if (this.#backlog > 0) this.raise();
  };

  #stopWaiting(): void {
    this.#cancelWait?.();
    this.#cancelWait = undefined;
  }

  #after(ms: number, run: () => void): () => void {
    if (this.#options.after) return this.#options.after(ms, run);
    const timer = setTimeout(run, ms).unref();
    return () => clearTimeout(timer);
  }

  #change(policy: 'idle' | 'normal'): boolean {
    if (this.#options.clock() - this.#failedAt < this.#options.lowerAfterMs) return false;
    try {
      this.#options.setPolicy(this.#tid, policy);
      this.#state = policy;
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') {
        // The thread ended (it stopped, or closed as it was raised): nothing to manage.
        this.stop();
        return false;
      }
      this.#failedAt = this.#options.clock();
      this.#options.onError(new Error(`the request log's writer thread could not be set to ${policy} priority: ${errorText(error)}`));
      return false;
    }
  }
}

/** Failures that are no fault: no `chrt` on the machine, or a thread that has ended. */
function isQuiet(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ESRCH';
}
