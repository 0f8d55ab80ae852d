/** What the disk store knows of one entry without reading it. */
export interface UsageRecord {
  readonly size: number;
  readonly bodyFile: string;
}

/**
 * The disk store's account of its entries: sizes and least-recently-used order (a Map
 * keeps insertion order; using an entry moves it to the end).
 */
export class DiskUsage {
  readonly #records = new Map<string, UsageRecord>();
  #bytes = 0;

  get bytes(): number {
    return this.#bytes;
  }

  get entries(): number {
    return this.#records.size;
  }

  get(id: string): UsageRecord | undefined {
    return this.#records.get(id);
  }

  has(id: string): boolean {
    return this.#records.has(id);
  }

  set(id: string, record: UsageRecord): void {
    this.remove(id);
    this.#records.set(id, record);
    this.#bytes += record.size;
  }

  touch(id: string): void {
    const record = this.#records.get(id);
    if (record === undefined) return;
    this.#records.delete(id);
    this.#records.set(id, record);
  }

  remove(id: string): UsageRecord | undefined {
    const record = this.#records.get(id);
    if (record === undefined) return undefined;
    this.#records.delete(id);
    this.#bytes -= record.size;
    return record;
  }

  /** Removes every record under a package folder; returns their ids. */
  removeUnder(prefix: string): string[] {
    const removed = [...this.#records.keys()].filter((id) => id.startsWith(prefix));
    for (const id of removed) this.remove(id);
    return removed;
  }

  /** Least recently used first: the ids to drop to bring the total to `maxBytes`, sparing `keep`. */
  overflow(maxBytes: number, keep?: string): string[] {
    const victims: string[] = [];
    let bytes = this.#bytes;
    for (const [id, record] of this.#records) {
      if (bytes <= maxBytes) break;
      if (id === keep) continue;
      victims.push(id);
      bytes -= record.size;
    }
    return victims;
  }
}
