import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { niceOf } from './testing/thread-nice.ts';

describe.runIf(process.platform === 'linux')('lowerThreadPriority', () => {
  it('lowers the priority of the calling thread only', async () => {
    const moduleUrl = new URL('./thread-priority.ts', import.meta.url).href;
    const code = `const { parentPort } = require('node:worker_threads');
      const { readlinkSync } = require('node:fs');
      import(${JSON.stringify(moduleUrl)}).then((m) => {
        const lowered = m.lowerThreadPriority();
        parentPort.postMessage({ lowered, thread: readlinkSync('/proc/thread-self') });
        setTimeout(() => {}, 5000);
      });`;
    const worker = new Worker(code, { eval: true });
    try {
      const told = await new Promise<{ lowered: boolean; thread: string }>((resolve, reject) => worker.once('message', resolve).once('error', reject));
      expect(told.lowered).toBe(true);
      expect(niceOf(`/proc/${told.thread}/stat`)).toBe(19);
      expect(niceOf('/proc/thread-self/stat')).toBe(0);
    } finally {
      await worker.terminate();
    }
  });
});
