/**
 * A bounded first-in first-out queue on a ring of fixed capacity: `push` is O(1) and, when
 * the ring is full, overwrites the oldest item and counts it as dropped.
 */
export class WriteQueue<T> {
  readonly #items: (T | undefined)[];
  #head = 0;
  #size = 0;
  #dropped = 0;

  constructor(capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`a write queue holds at least one item, not ${capacity}`);
    this.#items = new Array<T | undefined>(capacity).fill(undefined);
  }

  /** Items waiting. */
  get size(): number {
    return this.#size;
  }

  /** Items overwritten because the queue was full, since it was made. */
  get dropped(): number {
    return this.#dropped;
  }

  push(item: T): void {
    const capacity = this.#items.length;
    if (this.#size === capacity) {
      this.#items[this.#head] = item;
      this.#head = (this.#head + 1) % capacity;
      this.#dropped++;
      return;
    }
    this.#items[(this.#head + this.#size) % capacity] = item;
    this.#size++;
  }

  /** Removes and returns up to `count` of the oldest items, oldest first. */
  take(count: number): T[] {
    const capacity = this.#items.length;
    const taken: T[] = [];
    while (taken.length < count && this.#size > 0) {
      taken.push(this.#items[this.#head] as T);
      this.#items[this.#head] = undefined;
      this.#head = (this.#head + 1) % capacity;
      this.#size--;
    }
    return taken;
  }
}
