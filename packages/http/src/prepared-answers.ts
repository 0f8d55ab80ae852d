import { LRUCache } from 'lru-cache';

/**
 * Answers prepared from cached documents (filtered, rewritten, serialised), kept in
 * memory, bounded by bytes, keyed by what they were derived from (the upstream body's
 * SHA-256, the policy revision, the format, the public URL). Concurrent requests for
 * one key share one preparation. An answer whose decisions hold only until some moment
 * (a version the cooldown holds back comes of age) is prepared again from then on.
 */
export class PreparedAnswers<T extends object> {
  readonly #entries: LRUCache<string, T>;
  readonly #pending = new Map<string, Promise<T>>();
  readonly #validUntil: (answer: T) => number;

  /**
   * `sizeOf` is the memory an answer takes, in bytes; `validUntil` the moment (ms since the
   * epoch) an answer stops holding (default: never, `Infinity`).
   */
  constructor(maxBytes: number, sizeOf: (answer: T) => number, validUntil: (answer: T) => number = () => Number.POSITIVE_INFINITY) {
    this.#entries = new LRUCache<string, T>({ maxSize: Math.max(1, maxBytes), sizeCalculation: (answer) => Math.max(1, sizeOf(answer)) });
    this.#validUntil = validUntil;
  }

  /** The answer held for `key` while it holds at `now` (ms since the epoch; default: any time), else the one `prepare` makes. */
  get(key: string, prepare: () => Promise<T>, now = Number.NEGATIVE_INFINITY): Promise<T> {
    const held = this.#entries.get(key);
    if (held) {
      if (now < this.#validUntil(held)) return Promise.resolve(held);
      this.#entries.delete(key);
    }
    const running = this.#pending.get(key);
    if (running) return running;
    const started = prepare().then(
      (answer) => {
        this.#pending.delete(key);
        this.#entries.set(key, answer);
        return answer;
      },
      (error: unknown) => {
        this.#pending.delete(key);
        throw error;
      },
    );
    this.#pending.set(key, started);
    return started;
  }

  clear(): void {
    this.#entries.clear();
  }
}
