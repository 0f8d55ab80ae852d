// A validating scanner over JSON text: it finds where values and object members start and
// end without building them, so a large document can be edited in place (the tokens
// themselves are read by `json-tokens.ts`).
import { jsonStringAt, JsonStrings, scalarEnd } from './json-tokens.ts';

const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** Containers nested deeper than this make a scan fail (JSON.parse would still read them). */
export const MAX_JSON_DEPTH = 512;

/**
 * Called for each member of an object with its key's span (quotes included), whether the
 * key holds escapes, and where the value starts; returns where the value ends, or -1 to fail.
 */
export type MemberScan = (keyStart: number, keyEnd: number, escaped: boolean, valueStart: number) => number;

/**
 * A scanner over one JSON text. Offsets are UTF-16 indexes into `text`; every method returns
 * -1 when the text there is not valid JSON (as JSON.parse reads it), and never throws.
 */
export class JsonScanner {
  readonly text: string;
  readonly #strings: JsonStrings;
  readonly #stack = new Uint8Array(MAX_JSON_DEPTH);

  constructor(text: string) {
    this.text = text;
    this.#strings = new JsonStrings(text);
  }

  /** Whether the last string scanned held escapes (its value is then not its source text). */
  get escaped(): boolean {
    return this.#strings.escaped;
  }

  /** Past JSON whitespace (space, tab, line feed, carriage return) from `pos`. */
  space(pos: number): number {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return pos;
      pos++;
    }
  }

  /** The end (past the closing quote) of the string whose opening quote is at `start`. */
  string(start: number): number {
    return this.#strings.end(start);
  }

  /** The end of the value starting at `start` (no whitespace before it); containers are read without recursion. */
  value(start: number): number {
    const text = this.text;
    const stack = this.#stack;
    let depth = 0;
    let pos = start;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === QUOTE) pos = this.#strings.end(pos);
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        pos = this.space(pos + 1);
        if (text.charCodeAt(pos) === (c === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET)) pos++;
        else if (depth === MAX_JSON_DEPTH) return -1;
        else {
          stack[depth++] = c;
          if (c === OPEN_BRACE && (pos = this.#memberValue(pos)) < 0) return -1;
          continue;
        }
      } else pos = scalarEnd(text, pos);
      // After a complete value: close what ends here, then go on to the next value.
      while (pos >= 0) {
        if (depth === 0) return pos;
        pos = this.space(pos);
        const next = text.charCodeAt(pos);
        const open = stack[depth - 1];
        if (next === COMMA) {
          pos = this.space(pos + 1);
          if (open === OPEN_BRACE) pos = this.#memberValue(pos);
          break;
        }
        if (next !== (open === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET)) return -1;
        depth--;
        pos++;
      }
      if (pos < 0) return -1;
    }
  }

  /**
   * The end of the object starting at `start`, calling `scan` for each member in order
   * (by default, members' values are skipped with `value`).
   */
  members(start: number, scan: MemberScan = (_ks, _ke, _e, valueStart) => this.value(valueStart)): number {
    const text = this.text;
    if (text.charCodeAt(start) !== OPEN_BRACE) return -1;
    let pos = this.space(start + 1);
    if (text.charCodeAt(pos) === CLOSE_BRACE) return pos + 1;
    for (;;) {
      const keyEnd = this.string(pos);
      if (keyEnd < 0) return -1;
      const escaped = this.escaped;
      const colon = this.space(keyEnd);
      if (text.charCodeAt(colon) !== COLON) return -1;
      const valueEnd = scan(pos, keyEnd, escaped, this.space(colon + 1));
      if (valueEnd < 0) return -1;
      pos = this.space(valueEnd);
      const next = text.charCodeAt(pos);
      if (next === CLOSE_BRACE) return pos + 1;
      if (next !== COMMA) return -1;
      pos = this.space(pos + 1);
    }
  }

  /** The value of the string scanned at [start, end), or undefined when it is not a valid JSON string. */
  stringValue(start: number, end: number, escaped: boolean): string | undefined {
    return jsonStringAt(this.text, start, end, escaped);
  }

  /** From a member's key past its colon and the whitespace after it: where the value starts. */
  #memberValue(pos: number): number {
    pos = this.string(pos);
    if (pos < 0) return -1;
    pos = this.space(pos);
    return this.text.charCodeAt(pos) === COLON ? this.space(pos + 1) : -1;
  }

}
