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
    // A source in ASCII (as pages mostly are) has its character offsets as byte offsets: it is
    // turned into bytes once and its unchanged stretches copied from there; anything else is
    // joined as text first.
    if (Buffer.byteLength(source, 'utf8') !== source.length) return Buffer.from(this.#joined(), 'utf8');
    let size = source.length;
    for (let i = 0; i < texts.length; i++) size += Buffer.byteLength(texts[i] as string, 'utf8') - ((ranges[2 * i + 1] as number) - (ranges[2 * i] as number));
    const sourceBytes = Buffer.from(source, 'latin1');
    const out = Buffer.allocUnsafe(size);
    let [at, copied] = [0, 0];
    for (let i = 0; i < texts.length; i++) {
      const start = ranges[2 * i] as number;
      if (start > copied) at += sourceBytes.copy(out, at, copied, start);
      const text = texts[i] as string;
      if (text !== '') at += out.write(text, at, 'utf8');
      copied = ranges[2 * i + 1] as number;
    }
    if (copied < source.length) sourceBytes.copy(out, at, copied);
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
