import { describe, expect, it } from 'vitest';
import { createCoalescer } from './coalesce.ts';

const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('createCoalescer', () => {
  it('holds one round per key while it runs, and frees the slot when it succeeds', async () => {
    const rounds = createCoalescer<string>();
    const work = deferred<string>();
    const round = rounds.start('a', () => work.promise);
    expect(rounds.inFlight('a')).toBe(round);
    expect([rounds.inFlight('b'), rounds.size]).toEqual([undefined, 1]);
    work.resolve('done');
    expect(await round).toBe('done');
    expect([rounds.inFlight('a'), rounds.size]).toEqual([undefined, 0]);
  });

  it('frees the slot when the round fails, before the callers awaiting it resume', async () => {
    const rounds = createCoalescer<string>();
    const failure = new Error('registry down');
    const round = rounds.start('a', () => Promise.reject(failure));
    const seenByWaiter = await round.then(
      () => 'resolved',
      (error: unknown) => [error, rounds.inFlight('a')],
    );
    expect(seenByWaiter).toEqual([failure, undefined]);
  });

  it('turns a synchronous throw of the work into a rejection of the round', async () => {
    const rounds = createCoalescer<string>();
    const round = rounds.start('a', () => {
      throw new Error('thrown at once');
    });
    await expect(round).rejects.toThrow('thrown at once');
    expect(rounds.size).toBe(0);
  });

  it('starts the work only once the slot is taken', async () => {
    const rounds = createCoalescer<string>();
    let seen: Promise<string> | undefined;
    const round = rounds.start('a', async () => {
      seen = rounds.inFlight('a');
      return 'done';
    });
    await round;
    expect(seen).toBe(round);
  });

  it('refuses a second round for a key in flight, and runs rounds of different keys side by side', async () => {
    const rounds = createCoalescer<string>();
    const slow = deferred<string>();
    const a = rounds.start('a', () => slow.promise);
    expect(() => rounds.start('a', async () => 'again')).toThrow('already in flight');
    const b = rounds.start('b', async () => 'b done');
    expect(await b).toBe('b done');
    await settled();
    expect([rounds.inFlight('a'), rounds.inFlight('b')]).toEqual([a, undefined]);
    slow.resolve('a done');
    expect(await a).toBe('a done');
  });
});
