/**
 * Bytes rebuilt from a source with some of its ranges replaced: the unchanged stretches are
 * views of the source, and everything is copied once, at the end. Ranges are given in
 * ascending order without overlap; a range out of order spoils the result (`result()` is
 * then undefined) rather than producing wrong bytes.
 */
export class ByteEdits {
  readonly #source: Uint8Array;
  readonly #parts: Uint8Array[] = [];
  #copied = 0;
  #disordered = false;

  constructor(source: Uint8Array) {
    this.#source = source;
  }

  /** Replaces `[start, end)` of the source with `bytes` (by default, cuts it out). */
  replace(start: number, end: number, bytes?: Uint8Array): void {
    if (start < this.#copied || end < start || end > this.#source.length) {
      this.#disordered = true;
      return;
    }
    if (start > this.#copied) this.#parts.push(this.#source.subarray(this.#copied, start));
    if (bytes !== undefined && bytes.length > 0) this.#parts.push(bytes);
    this.#copied = end;
  }

  /** The edited bytes (a copy, even when nothing was edited), or undefined when a range came out of order. */
  result(): Buffer | undefined {
    if (this.#disordered) return undefined;
    const parts = [...this.#parts, this.#source.subarray(this.#copied)];
    const out = Buffer.allocUnsafe(parts.reduce((total, part) => total + part.length, 0));
    // TypedArray#set per part: Buffer.concat copies each part through a slower native call.
    let offset = 0;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }
}
