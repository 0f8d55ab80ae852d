import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';

/**
 * Gives the calling thread the lowest CPU priority (nice 19), leaving the process's other
 * threads as they are: on Linux a thread has a priority of its own, set by its thread id
 * (read from `/proc/thread-self`). The thread then runs on CPU time that the threads
 * serving requests leave idle, and waits while they need it. Elsewhere, or when the
 * thread's id cannot be read, nothing changes. Returns whether the priority was lowered.
 */
export function lowerThreadPriority(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
    if (!Number.isSafeInteger(threadId) || threadId <= 0) return false;
    setPriority(threadId, constants.priority.PRIORITY_LOW);
    return true;
  } catch {
    return false;
  }
}
