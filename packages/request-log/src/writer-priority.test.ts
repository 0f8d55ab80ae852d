import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chrtThreadPolicy, currentThreadId, mayLeaveIdle, WriterPriority, type SetThreadPolicy } from './writer-priority.ts';
import { canSetThreadPolicy, schedulingPolicy, SCHED_IDLE, SCHED_OTHER } from './testing/scheduling.ts';

const STATUS = (capEff: string) => `Name:\tnode\nCapInh:\t0000000000000000\nCapPrm:\t000001ffffffffff\nCapEff:\t${capEff}\nCapBnd:\t000001ffffffffff\n`;
const LIMITS = (nice: string) => `Limit                     Soft Limit           Hard Limit           Units\nMax nice priority         ${nice.padEnd(21)}${nice.padEnd(21)}\nMax realtime priority     0                    0\n`;

describe('whether the process may raise a thread again once it is idle', () => {
  it('may with CAP_SYS_NICE in its effective set, whatever its nice limit', () => {
    expect(mayLeaveIdle(STATUS('000001ffffffffff'), LIMITS('0'))).toBe(true);
    expect(mayLeaveIdle(STATUS('0000000000800000'), LIMITS('0'))).toBe(true);
  });

  it('may not without it and with the default nice limit of 0: Linux refuses to leave SCHED_IDLE then', () => {
    expect(mayLeaveIdle(STATUS('0000000000000000'), LIMITS('0'))).toBe(false);
    // Every capability but CAP_SYS_NICE (a container's default set leaves it out).
    expect(mayLeaveIdle(STATUS('000001ffff7fffff'), LIMITS('19'))).toBe(false);
  });

  it('may with a nice limit that allows nice 0 (20 or more, or unlimited)', () => {
    expect(mayLeaveIdle(STATUS('0000000000000000'), LIMITS('20'))).toBe(true);
    expect(mayLeaveIdle(STATUS('0000000000000000'), LIMITS('unlimited'))).toBe(true);
  });

  it('may not when /proc says nothing it understands', () => {
    expect(mayLeaveIdle('', '')).toBe(false);
    expect(mayLeaveIdle('CapEff:\tzz\n', 'Max nice priority junk\n')).toBe(false);
  });
});

/** A priority over a thread that is not there: the policies it is given, in order. */
function fakePriority(options: { mayLeaveIdle?: boolean; fail?: (policy: 'idle' | 'normal') => Error | undefined } = {}) {
  const given: string[] = [];
  const errors: string[] = [];
  let now = 0;
  let timers: { at: number; run: () => void }[] = [];
  const setPolicy: SetThreadPolicy = (tid, policy) => {
    const error = options.fail?.(policy);
    if (error) throw error;
    given.push(`${tid}:${policy}`);
  };
  const after = (ms: number, run: () => void) => {
    const timer = { at: now + ms, run };
    timers.push(timer);
    return () => void (timers = timers.filter((t) => t !== timer));
  };
  const priority = new WriterPriority({ setPolicy, mayLeaveIdle: options.mayLeaveIdle ?? true, raiseAtRows: 2000, raiseAfterMs: 1000, lowerAfterMs: 10_000, clock: () => now, after, onError: (error) => errors.push(String(error)) });
  const advance = (ms: number) => {
    now += ms;
    const due = timers.filter((timer) => timer.at <= now);
    timers = timers.filter((timer) => timer.at > now);
    for (const timer of due) timer.run();
  };
  return { priority, given, errors, advance, timersPending: () => timers.length };
}

describe('the writer thread\'s priority', () => {
  it('lowers the thread to idle when it takes charge of it, and leaves it there while it keeps up', () => {
    const { priority, given } = fakePriority();
    expect(priority.state).toBe('unmanaged');
    priority.manage(42);
    for (const backlog of [1000, 0, 1999, 0]) priority.observe(backlog);
    expect(priority.state).toBe('idle');
    expect(given).toEqual(['42:idle']);
  });

  it('raises it once the backlog reaches raiseAtRows, and lowers it once caught up and ten seconds have passed', () => {
    const { priority, given, advance } = fakePriority();
    priority.manage(7);
    priority.observe(2000);
    expect(priority.state).toBe('normal');
    priority.observe(3000);
    advance(9_999);
    priority.observe(0);
    expect(priority.state).toBe('normal');
    advance(1);
    priority.observe(500);
    expect(priority.state).toBe('normal');
    priority.observe(0);
    expect(priority.state).toBe('idle');
    expect(given).toEqual(['7:idle', '7:normal', '7:idle']);
  });

  it('raises it at once before a wait, and again at once when it falls behind right after being lowered', () => {
    const { priority, given, advance } = fakePriority();
    priority.manage(7);
    priority.raise();
    expect(priority.state).toBe('normal');
    priority.raise();
    advance(10_000);
    priority.observe(0);
    priority.observe(2500);
    expect(given).toEqual(['7:idle', '7:normal', '7:idle', '7:normal']);
  });

  it('raises it when rows handed over have waited raiseAfterMs, however few (an idle thread may not run at all on a busy machine)', () => {
    const { priority, given, advance } = fakePriority();
    priority.manage(7);
    priority.observe(7);
    advance(999);
    expect(priority.state).toBe('idle');
    priority.observe(12);
    advance(1);
    expect(priority.state).toBe('normal');
    expect(given).toEqual(['7:idle', '7:normal']);
  });

  it('does not raise it when its rows were written in time, nor once it is let go', () => {
    const { priority, given, advance, timersPending } = fakePriority();
    priority.manage(7);
    priority.observe(500);
    advance(400);
    priority.observe(0);
    expect(timersPending()).toBe(0);
    advance(5000);
    priority.observe(300);
    priority.stop();
    expect(timersPending()).toBe(0);
    advance(5000);
    priority.observe(5000);
    priority.raise();
    expect(priority.state).toBe('unmanaged');
    expect(given).toEqual(['7:idle']);
  });

  it('never lowers a thread the process could not raise again', () => {
    const { priority, given } = fakePriority({ mayLeaveIdle: false });
    priority.manage(7);
    priority.observe(5000);
    priority.raise();
    expect(priority.state).toBe('unmanaged');
    expect(given).toEqual([]);
  });

  it('stays unmanaged, silently, without chrt; says why on any other failure', () => {
    const missing = fakePriority({ fail: () => Object.assign(new Error('spawnSync chrt ENOENT'), { code: 'ENOENT' }) });
    missing.priority.manage(7);
    expect(missing.priority.state).toBe('unmanaged');
    expect(missing.errors).toEqual([]);
    const ended = fakePriority({ fail: () => Object.assign(new Error('thread 7 has ended'), { code: 'ESRCH' }) });
    ended.priority.manage(7);
    expect(ended.priority.state).toBe('unmanaged');
    expect(ended.errors).toEqual([]);
    const refused = fakePriority({ fail: () => new Error('Operation not permitted') });
    refused.priority.manage(7);
    expect(refused.priority.state).toBe('unmanaged');
    expect(refused.errors.join()).toContain('stays at normal priority: Operation not permitted');
  });

  it('lets go of a thread that ended before it was raised, silently, and changes nothing after', () => {
    let ended = false;
    const { priority, given, errors, advance, timersPending } = fakePriority({ fail: () => (ended ? Object.assign(new Error('thread 7 has ended'), { code: 'ESRCH' }) : undefined) });
    priority.manage(7);
    priority.observe(3);
    ended = true;
    priority.raise();
    expect(priority.state).toBe('unmanaged');
    expect(errors).toEqual([]);
    priority.observe(5000);
    advance(60_000);
    expect(given).toEqual(['7:idle']);
    expect(timersPending()).toBe(0);
  });

  it('keeps a thread it could not raise as idle, says so, and tries again only after ten seconds', () => {
    let refuse = true;
    const { priority, given, errors, advance } = fakePriority({ fail: (policy) => (policy === 'normal' && refuse ? new Error('chrt failed') : undefined) });
    priority.manage(7);
    priority.observe(4000);
    priority.observe(6000);
    expect(priority.state).toBe('idle');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('could not be set to normal priority: chrt failed');
    refuse = false;
    advance(9_999);
    priority.raise();
    expect(priority.state).toBe('idle');
    advance(1);
    priority.raise();
    expect(priority.state).toBe('normal');
    expect(given).toEqual(['7:idle', '7:normal']);
  });
});

describe.runIf(canSetThreadPolicy)('setting a real thread\'s policy with chrt', () => {
  it('moves a thread to SCHED_IDLE and back to SCHED_OTHER', async () => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const tid = child.pid as number;
      expect(schedulingPolicy(tid)).toBe(SCHED_OTHER);
      chrtThreadPolicy(tid, 'idle');
      expect(schedulingPolicy(tid)).toBe(SCHED_IDLE);
      chrtThreadPolicy(tid, 'normal');
      expect(schedulingPolicy(tid)).toBe(SCHED_OTHER);
    } finally {
      child.kill();
    }
  });

  it('throws for a thread that does not exist, with code ESRCH', () => {
    expect(() => chrtThreadPolicy(2 ** 22 + 1, 'idle')).toThrow(expect.objectContaining({ code: 'ESRCH', message: `thread ${2 ** 22 + 1} has ended` }));
  });

  it('finds the calling thread\'s id', () => {
    const tid = currentThreadId();
    expect(tid).toEqual(expect.any(Number));
    expect(existsSync(`/proc/${process.pid}/task/${tid}`)).toBe(true);
  });
});
