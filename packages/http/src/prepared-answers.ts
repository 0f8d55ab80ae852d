import { LRUCache } from 'lru-cache';

/**
 * Answers prepared from cached documents (filtered, rewritten, serialised), kept in
 * memory, bounded by bytes, keyed by what they were derived from (the upstream body's
 * SHA-256, the database revision, the format, the public URL). Concurrent requests for
 * one key share one preparation.
 */
export class PreparedAnswers<T extends object> {
  readonly #entries: LRUCache<string, T>;
  readonly #pending = new Map<string, Promise<T>>();

  /** `sizeOf` is the memory an answer takes, in bytes. */
  constructor(maxBytes: number, sizeOf: (answer: T) => number) {
    this.#entries = new LRUCache<string, T>({ maxSize: Math.max(1, maxBytes), sizeCalculation: (answer) => Math.max(1, sizeOf(answer)) });
  }

  get(key: string, prepare: () => Promise<T>): Promise<T> {
    const held = this.#entries.get(key);
    if (held) return Promise.resolve(held);
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
