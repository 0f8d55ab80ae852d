/**
 * A text rebuilt from a source with some of its ranges replaced, produced as UTF-8 bytes;
 * the unchanged stretches are copied once, at the end. Ranges are given in ascending order
 * without overlap; a range out of order spoils the result (`bytes()` is then undefined)
 * rather than producing a wrong text.
 */
export class TextEdits {
  readonly #source: string;
  /** Per replacement: where it starts and ends in the source, flat (`start, end, ...`). */
  readonly #ranges: number[] = [];
  readonly #texts: string[] = [];
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
    this.#ranges.push(start, end);
    this.#texts.push(text);
    this.#copied = end;
  }

  /** The edited text in UTF-8, or undefined when a range came out of order. */
  bytes(): Buffer | undefined {
    if (this.#disordered) return undefined;
    const [source, ranges, texts] = [this.#source, this.#ranges, this.#texts];
    // ASCII (as pages and URLs mostly are) is copied as bytes, its character offsets being
    // byte offsets, the replacements from one buffer; anything else is joined as text first.
    const from = Buffer.from(source, 'utf8');
    const replacements = texts.join('');
    const written = Buffer.from(replacements, 'utf8');
    if (from.length !== source.length || written.length !== replacements.length) return Buffer.from(this.#joined(), 'utf8');
    let size = source.length + replacements.length;
    for (let i = 0; i < ranges.length; i += 2) size -= (ranges[i + 1] as number) - (ranges[i] as number);
    const out = Buffer.allocUnsafe(size);
    let [at, copied, taken] = [0, 0, 0];
    for (let i = 0; i < texts.length; i++) {
      at += from.copy(out, at, copied, ranges[2 * i]);
      const length = (texts[i] as string).length;
      if (length > 0) at += written.copy(out, at, taken, taken + length);
      taken += length;
      copied = ranges[2 * i + 1] as number;
    }
    from.copy(out, at, copied);
    return out;
  }

  #joined(): string {
    const [source, ranges, texts] = [this.#source, this.#ranges, this.#texts];
    const parts: string[] = [];
    let copied = 0;
    for (let i = 0; i < texts.length; i++) {
      parts.push(source.slice(copied, ranges[2 * i]), texts[i] as string);
      copied = ranges[2 * i + 1] as number;
    }
    parts.push(source.slice(copied));
    return parts.join('');
  }
}
