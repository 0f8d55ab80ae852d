// Reading JSON tokens (strings, numbers, literals) where they stand in a large text. Strings
// are read quickly: the closing quote is found with indexOf, and the backslashes and control
// characters that would change the answer by searches kept from one string to the next, so
// a scan that moves forward through the text reads it about three times in all.

const QUOTE = 0x22;
const CONTROL = /[\u0000-\u001f]/g;
// The characters allowed after a backslash, but for `u`: " \ / b f n r t.
const SIMPLE_ESCAPES = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]);
const HEX4 = /^[0-9A-Fa-f]{4}$/;

/** Reads the strings of one JSON text. */
export class JsonStrings {
  readonly #text: string;
  /** Whether the last string read held escapes (its value is then not its source text). */
  escaped = false;
  // The first backslash (and control character) at or after `…From`; text.length when none.
  #backslash = 0;
  #backslashFrom = Number.MAX_SAFE_INTEGER;
  #control = 0;
  #controlFrom = Number.MAX_SAFE_INTEGER;

  constructor(text: string) {
    this.#text = text;
  }

  /**
   * The end (past the closing quote) of the string whose opening quote is at `start`, or -1
   * when there is none there or it is not valid JSON: an unknown escape, a bad `\u`, a raw
   * control character, or no closing quote.
   */
  end(start: number): number {
    const text = this.#text;
    if (text.charCodeAt(start) !== QUOTE) return -1;
    let close = text.indexOf('"', start + 1);
    if (close < 0) return -1;
    this.escaped = this.#nextBackslash(start + 1) < close;
    if (this.escaped) close = this.#escapedClose(start + 1);
    if (close < 0 || this.#nextControl(start + 1) < close) return -1;
    return close + 1;
  }

  /** The closing quote of a string with escapes whose content starts at `pos`, each escape checked. */
  #escapedClose(pos: number): number {
    const text = this.#text;
    for (;;) {
      const quote = text.indexOf('"', pos);
      if (quote < 0) return -1;
      for (let backslash = this.#nextBackslash(pos); backslash < quote; backslash = this.#nextBackslash(pos)) {
        const c = text.charCodeAt(backslash + 1);
        if (SIMPLE_ESCAPES.has(c)) pos = backslash + 2;
        else if (c === 0x75 && HEX4.test(text.slice(backslash + 2, backslash + 6))) pos = backslash + 6;
        else return -1;
      }
      if (quote >= pos) return quote; // else that quote was escaped: look past it
    }
  }

  #nextBackslash(pos: number): number {
    if (this.#backslashFrom > pos || this.#backslash < pos) {
      const found = this.#text.indexOf('\\', pos);
      this.#backslash = found < 0 ? this.#text.length : found;
      this.#backslashFrom = pos;
    }
    return this.#backslash;
  }

  #nextControl(pos: number): number {
    if (this.#controlFrom > pos || this.#control < pos) {
      CONTROL.lastIndex = pos;
      this.#control = CONTROL.test(this.#text) ? CONTROL.lastIndex - 1 : this.#text.length;
      this.#controlFrom = pos;
    }
    return this.#control;
  }
}

/**
 * The value of the JSON string at `[start, end)` of `text` (quotes included): the text between
 * the quotes when it has no escapes, else its parse; undefined when it is not a JSON string.
 */
export function jsonStringAt(text: string, start: number, end: number, escaped: boolean): string | undefined {
  if (!escaped) {
    const quoted = end - start >= 2 && text.charCodeAt(start) === QUOTE && text.charCodeAt(end - 1) === QUOTE;
    return quoted ? text.slice(start + 1, end - 1) : undefined;
  }
  try {
    const value: unknown = JSON.parse(text.slice(start, end));
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The end of a number, `true`, `false` or `null` at `pos`, or -1. */
export function scalarEnd(text: string, pos: number): number {
  const c = text.charCodeAt(pos);
  if (c === 0x74) return text.startsWith('true', pos) ? pos + 4 : -1;
  if (c === 0x66) return text.startsWith('false', pos) ? pos + 5 : -1;
  if (c === 0x6e) return text.startsWith('null', pos) ? pos + 4 : -1;
  if (c === 0x2d) pos++;
  if (text.charCodeAt(pos) === 0x30) pos++;
  else if (isDigit(text.charCodeAt(pos))) pos = digitsEnd(text, pos);
  else return -1;
  if (text.charCodeAt(pos) === 0x2e) {
    if (!isDigit(text.charCodeAt(pos + 1))) return -1;
    pos = digitsEnd(text, pos + 1);
  }
  const e = text.charCodeAt(pos);
  if (e === 0x65 || e === 0x45) {
    const sign = text.charCodeAt(pos + 1);
    pos += sign === 0x2b || sign === 0x2d ? 2 : 1;
    if (!isDigit(text.charCodeAt(pos))) return -1;
    pos = digitsEnd(text, pos);
  }
  return pos;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

function digitsEnd(text: string, pos: number): number {
  while (isDigit(text.charCodeAt(pos))) pos++;
  return pos;
}
