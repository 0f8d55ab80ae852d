/**
 * Rounds of work keyed by a string, at most one in flight per key: callers that arrive
 * while a round for their key runs share its outcome instead of starting another.
 */
export interface Coalescer<T> {
  /** The round in flight for `id`, if any. */
  inFlight(id: string): Promise<T> | undefined;
  /**
   * Starts `work` as the round for `id` (replacing nothing: call it only when `inFlight(id)`
   * is undefined). The slot is freed as soon as the round settles, either way, before any
   * caller awaiting the round resumes.
   */
  start(id: string, work: () => Promise<T>): Promise<T>;
  /** The ids of the rounds in flight. */
  ids(): string[];
  /** How many rounds are in flight. */
  readonly size: number;
}

/** A coalescer holding its rounds in a map; keys never block each other. */
export function createCoalescer<T>(): Coalescer<T> {
  const rounds = new Map<string, Promise<T>>();
  return {
    inFlight: (id) => rounds.get(id),
    start(id, work) {
      if (rounds.has(id)) throw new Error('a round is already in flight for this key');
      // `work` starts on the next microtask, once the slot is taken, so nothing it does can
      // start a second round for `id`; a synchronous throw becomes a rejection.
      const round = Promise.resolve().then(work);
      rounds.set(id, round);
      // Registered before anyone else can await the round, so it runs first on settling.
      const free = () => {
        if (rounds.get(id) === round) rounds.delete(id);
      };
      round.then(free, free);
      return round;
    },
    ids: () => [...rounds.keys()],
    get size() {
      return rounds.size;
    },
  };
}
