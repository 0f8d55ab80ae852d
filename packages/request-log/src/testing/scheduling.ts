import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { processMayLeaveIdle } from '../writer-priority.ts';

export const SCHED_OTHER = 0;
export const SCHED_IDLE = 5;

/** Thread `tid`'s scheduling policy, from field 41 of `/proc/<tid>/stat` (Linux). */
export function schedulingPolicy(tid: number): number {
  const stat = readFileSync(`/proc/${tid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces: the 3rd field on.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[41 - 3]);
}

/** The ids of this process's threads whose policy is `policy`. */
export function threadsWithPolicy(policy: number): number[] {
  return readdirSync('/proc/self/task').map(Number).filter((tid) => {
    try {
      return schedulingPolicy(tid) === policy;
    } catch {
      return false;
    }
  });
}

/** Whether tests can move this process's threads between policies: Linux, `chrt` there, and the right to leave `SCHED_IDLE`. */
export const canSetThreadPolicy = process.platform === 'linux' && spawnSync('chrt', ['--version']).status === 0 && processMayLeaveIdle();
