// Reading JSON tokens (strings, numbers, literals) where they stand in UTF-8 bytes, one byte
// at a time through lookup tables. UTF-8 itself is not checked here: every byte of a
// multi-byte sequence is 0x80 or above, so it never looks like a quote, a backslash or a
// control character, and callers check the whole text once (`isUtf8`).

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** What a byte means inside a string: 0 nothing special, 1 the closing quote, 2 an escape, 3 not allowed. */
const IN_STRING = new Uint8Array(256);
IN_STRING.fill(3, 0, 0x20);
IN_STRING[QUOTE] = 1;
IN_STRING[BACKSLASH] = 2;
/** What may follow a backslash: 1 a one-character escape (" \ / b f n r t), 2 `u` and four hex digits. */
const ESCAPE = new Uint8Array(256);
for (const c of '"\\/bfnrt') ESCAPE[c.charCodeAt(0)] = 1;
ESCAPE[0x75] = 2;
const HEX = new Uint8Array(256);
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1;
/** JSON's whitespace: space, tab, line feed, carriage return. */
const SPACE = new Uint8Array(256);
for (const c of ' \t\n\r') SPACE[c.charCodeAt(0)] = 1;

/** Past the JSON whitespace at `pos`. */
export function spaceEnd(bytes: Uint8Array, pos: number): number {
  while (SPACE[bytes[pos] ?? 0] === 1) pos++;
  return pos;
}

/**
 * The end (past the closing quote) of the string whose opening quote is at `start`, or -1
 * when it is not a valid JSON string: an unknown escape, a bad `\u`, a control character,
 * or no closing quote.
 */
export function stringEnd(bytes: Uint8Array, start: number): number {
  if (bytes[start] !== QUOTE) return -1;
  const length = bytes.length;
  let pos = start + 1;
  for (;;) {
    // Four ordinary bytes at a time (a third faster than one by one), then the byte that stopped them.
    while (pos + 4 <= length && (IN_STRING[bytes[pos] as number]! | IN_STRING[bytes[pos + 1] as number]! | IN_STRING[bytes[pos + 2] as number]! | IN_STRING[bytes[pos + 3] as number]!) === 0) pos += 4;
    if (pos >= length) return -1;
    const kind = IN_STRING[bytes[pos] as number];
    if (kind === 0) pos++;
    else if (kind === 1) return pos + 1;
    else if (kind === 3) return -1;
    else {
      const escape = ESCAPE[bytes[pos + 1] ?? 0];
      if (escape === 1) pos += 2;
      else if (escape === 2 && HEX[bytes[pos + 2] ?? 0] && HEX[bytes[pos + 3] ?? 0] && HEX[bytes[pos + 4] ?? 0] && HEX[bytes[pos + 5] ?? 0]) pos += 6;
      else return -1;
    }
  }
}

/** The end of a number, `true`, `false` or `null` at `pos`, or -1. */
export function scalarEnd(bytes: Uint8Array, pos: number): number {
  const c = bytes[pos];
  if (c === 0x74) return literalAt(bytes, pos, 'true') ? pos + 4 : -1;
  if (c === 0x66) return literalAt(bytes, pos, 'false') ? pos + 5 : -1;
  if (c === 0x6e) return literalAt(bytes, pos, 'null') ? pos + 4 : -1;
  if (c === 0x2d) pos++;
  if (bytes[pos] === 0x30) pos++;
  else if (isDigit(bytes[pos])) pos = digitsEnd(bytes, pos);
  else return -1;
  if (bytes[pos] === 0x2e) {
    if (!isDigit(bytes[pos + 1])) return -1;
    pos = digitsEnd(bytes, pos + 1);
  }
  const e = bytes[pos];
  if (e === 0x65 || e === 0x45) {
    const sign = bytes[pos + 1];
    pos += sign === 0x2b || sign === 0x2d ? 2 : 1;
    if (!isDigit(bytes[pos])) return -1;
    pos = digitsEnd(bytes, pos);
  }
  return pos;
}

/** Whether the bytes at `pos` are the ASCII `word`. */
export function literalAt(bytes: Uint8Array, pos: number, word: string): boolean {
  if (pos + word.length > bytes.length) return false;
  for (let i = 0; i < word.length; i++) if (bytes[pos + i] !== word.charCodeAt(i)) return false;
  return true;
}

/**
 * The value of the JSON string at `[start, end)` (quotes included), read as UTF-8: the bytes
 * between the quotes when it has no escapes, else its parse; undefined when it is not a string.
 */
export function jsonStringAt(bytes: Buffer, start: number, end: number): string | undefined {
  if (end - start < 2 || bytes[start] !== QUOTE || bytes[end - 1] !== QUOTE) return undefined;
  const text = bytes.toString('utf8', start, end);
  if (!text.includes('\\')) return text.slice(1, -1);
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

const isDigit = (c: number | undefined) => c !== undefined && c >= 0x30 && c <= 0x39;

function digitsEnd(bytes: Uint8Array, pos: number): number {
  while (isDigit(bytes[pos])) pos++;
  return pos;
}
