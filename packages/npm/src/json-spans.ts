// A validating scanner over JSON text in UTF-8: it finds where values and object members
// start and end without building them, so a large document can be edited in place (the
// tokens themselves are read by `json-tokens.ts`).
import { jsonStringAt, literalAt, scalarEnd, spaceEnd, stringEnd } from './json-tokens.ts';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** Containers nested deeper than this make a scan fail (JSON.parse would still read them). */
export const MAX_JSON_DEPTH = 512;

/**
 * Called for each member of an object with its key's span (quotes included) and where the
 * value starts; returns where the value ends, or -1 to fail.
 */
export type MemberScan = (keyStart: number, keyEnd: number, valueStart: number) => number;

/**
 * A scanner over one JSON text's UTF-8 bytes. Offsets are byte offsets; every method returns
 * -1 when the text there is not valid JSON (as JSON.parse reads it), and none throws. The
 * bytes are not checked to be UTF-8: that is the caller's to do, once.
 */
export class JsonScanner {
  readonly bytes: Buffer;
  readonly #stack = new Uint8Array(MAX_JSON_DEPTH);

  constructor(bytes: Uint8Array) {
    this.bytes = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Past JSON whitespace from `pos`. */
  space(pos: number): number {
    return spaceEnd(this.bytes, pos);
  }

  /** The end of the value starting at `start` (no whitespace before it); containers are read without recursion. */
  value(start: number): number {
    const bytes = this.bytes;
    const stack = this.#stack;
    let depth = 0;
    let pos = start;
    for (;;) {
      const c = bytes[pos];
      if (c === QUOTE) pos = stringEnd(bytes, pos);
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        pos = spaceEnd(bytes, pos + 1);
        if (bytes[pos] === (c === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET)) pos++;
        else if (depth === MAX_JSON_DEPTH) return -1;
        else {
          stack[depth++] = c;
          if (c === OPEN_BRACE && (pos = this.#memberValue(pos)) < 0) return -1;
          continue;
        }
      } else pos = scalarEnd(bytes, pos);
      // After a complete value: close what ends here, then go on to the next value.
      while (pos >= 0) {
        if (depth === 0) return pos;
        pos = spaceEnd(bytes, pos);
        const next = bytes[pos];
        const open = stack[depth - 1];
        if (next === COMMA) {
          pos = spaceEnd(bytes, pos + 1);
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
  members(start: number, scan: MemberScan = (_keyStart, _keyEnd, valueStart) => this.value(valueStart)): number {
    const bytes = this.bytes;
    if (bytes[start] !== OPEN_BRACE) return -1;
    let pos = spaceEnd(bytes, start + 1);
    if (bytes[pos] === CLOSE_BRACE) return pos + 1;
    for (;;) {
      const keyEnd = stringEnd(bytes, pos);
      if (keyEnd < 0) return -1;
      const colon = spaceEnd(bytes, keyEnd);
      if (bytes[colon] !== COLON) return -1;
      const valueEnd = scan(pos, keyEnd, spaceEnd(bytes, colon + 1));
      if (valueEnd < 0) return -1;
      pos = spaceEnd(bytes, valueEnd);
      const next = bytes[pos];
      if (next === CLOSE_BRACE) return pos + 1;
      if (next !== COMMA) return -1;
      pos = spaceEnd(bytes, pos + 1);
    }
  }

  /**
   * The end of the object starting at `start`, noting in `found` where the value of its last
   * member named `key` starts and ends (-1 and -1 when it has none): the one JSON.parse keeps.
   * `scanFound` reads the values of members so named (by default, `value` skips them).
   */
  lastMember(start: number, key: string, found: number[], scanFound = (valueStart: number) => this.value(valueStart)): number {
    found[0] = found[1] = -1;
    return this.members(start, (keyStart, keyEnd, valueStart) => {
      if (!this.isString(keyStart, keyEnd, key)) return this.value(valueStart);
      const end = scanFound(valueStart);
      [found[0], found[1]] = [valueStart, end];
      return end;
    });
  }

  /** The value of the string scanned at [start, end), or undefined when it is not a JSON string. */
  stringValue(start: number, end: number): string | undefined {
    return jsonStringAt(this.bytes, start, end);
  }

  /** Whether the string scanned at [start, end) is `key` (ASCII, not empty), however it is escaped. */
  isString(start: number, end: number, key: string): boolean {
    const length = end - start - 2;
    if (length === key.length) return literalAt(this.bytes, start + 1, key);
    // Escaped, it is longer, and starts with its first character or a backslash.
    const first = this.bytes[start + 1];
    if (length < key.length || (first !== key.charCodeAt(0) && first !== BACKSLASH)) return false;
    for (let pos = start + 1; pos < end; pos++) if (this.bytes[pos] === BACKSLASH) return this.stringValue(start, end) === key;
    return false;
  }

  /** From a member's key past its colon and the whitespace after it: where the value starts. */
  #memberValue(pos: number): number {
    pos = stringEnd(this.bytes, pos);
    if (pos < 0) return -1;
    pos = spaceEnd(this.bytes, pos);
    return this.bytes[pos] === COLON ? spaceEnd(this.bytes, pos + 1) : -1;
  }
}
