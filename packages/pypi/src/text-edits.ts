/**
 * A string rebuilt from a source with some of its ranges replaced; the unchanged stretches
 * are copied once, at the end. Ranges are given in ascending order without overlap; a range
 * out of order spoils the result (`result()` is then undefined) rather than producing a
 * wrong text.
 */
export class TextEdits {
  readonly #source: string;
  readonly #parts: string[] = [];
  #copied = 0;
  #disordered = false;

  constructor(source: string) {
    this.#source = source;
  }

  /** Replaces `[start, end)` of the source with `text` (by default, cuts it out). */
  replace(start: number, end: number, text = ''): void {
    if (start < this.#copied || end < start || end > this.#source.length) {
      this.#disordered = true;
      return;
    }
    if (start > this.#copied) this.#parts.push(this.#source.slice(this.#copied, start));
    if (text !== '') this.#parts.push(text);
    this.#copied = end;
  }

  /** The edited text, or undefined when a range came out of order. */
  result(): string | undefined {
    if (this.#disordered) return undefined;
    return this.#parts.join('') + this.#source.slice(this.#copied);
  }
}
