// A validating scanner over JSON text held as a string: it finds where values end without
// building them, so a large page can be edited in place. Every function returns -1 where
// the text is not JSON as JSON.parse reads it, and none throws.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const ESCAPE = new Uint8Array(128);
for (const c of '"\\/bfnrt') ESCAPE[c.charCodeAt(0)] = 1;
ESCAPE[0x75] = 2;
const HEX = /^[0-9A-Fa-f]{4}$/;

/** Containers nested deeper than this make a scan fail (JSON.parse would still read them). */
export const MAX_JSON_DEPTH = 256;

/** What a string's body cannot hold as written: a backslash (an escape follows) or a control character. */
const SPECIAL = /[\\\u0000-\u001f]/g;
// Where the next special character of the text last scanned is: strings are scanned in
// ascending order, so one search serves every string up to it.
let specialText = '';
let specialFrom = 0;
let specialAt = -1;

/** The first special character at or after `pos` (the text's length when there is none). */
function nextSpecial(text: string, pos: number): number {
  if (text !== specialText || pos < specialFrom || (specialAt < pos && specialAt < text.length)) {
    SPECIAL.lastIndex = pos;
    specialAt = SPECIAL.test(text) ? SPECIAL.lastIndex - 1 : text.length;
    [specialText, specialFrom] = [text, pos];
  }
  return specialAt;
}

/** Past the JSON whitespace (space, tab, line feed, carriage return) at `pos`. */
export function spaceEnd(text: string, pos: number): number {
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return pos;
    pos++;
  }
}

/** The end (past the closing quote) of the string whose opening quote is at `start`, or -1. */
export function stringEnd(text: string, start: number): number {
  if (text.charCodeAt(start) !== QUOTE) return -1;
  let pos = start + 1;
  for (;;) {
    // The closing quote found natively; the string is plain up to it unless a special character comes first.
    const quote = text.indexOf('"', pos);
    if (quote < 0) return -1;
    const special = nextSpecial(text, pos);
    if (special > quote) return quote + 1;
    pos = special;
    if (text.charCodeAt(pos) !== BACKSLASH) return -1;
    const escape = ESCAPE[text.charCodeAt(pos + 1)] ?? 0;
    if (escape === 1) pos += 2;
    else if (escape === 2 && HEX.test(text.slice(pos + 2, pos + 6))) pos += 6;
    else return -1;
  }
}

/** The end of the string at `start` when it is written plainly (no escape, no control character), or -1. */
export function plainStringEnd(text: string, start: number): number {
  if (text.charCodeAt(start) !== QUOTE) return -1;
  const quote = text.indexOf('"', start + 1);
  return quote >= 0 && nextSpecial(text, start + 1) > quote ? quote + 1 : -1;
}

/** The value of the JSON string at `[start, end)` (quotes included, already scanned by `stringEnd`). */
export function stringValue(text: string, start: number, end: number): string {
  const inner = text.slice(start + 1, end - 1);
  return inner.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : inner;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/** The end of a number, `true`, `false` or `null` at `pos`, or -1. */
export function scalarEnd(text: string, pos: number): number {
  const c = text.charCodeAt(pos);
  if (c === 0x74) return text.startsWith('true', pos) ? pos + 4 : -1;
  if (c === 0x66) return text.startsWith('false', pos) ? pos + 5 : -1;
  if (c === 0x6e) return text.startsWith('null', pos) ? pos + 4 : -1;
  NUMBER.lastIndex = pos;
  return NUMBER.test(text) ? NUMBER.lastIndex : -1;
}

/** The end of the value starting at `start` (no whitespace before it), containers checked whole. */
export function valueEnd(text: string, start: number, depth = 0): number {
  const c = text.charCodeAt(start);
  if (c === QUOTE) return stringEnd(text, start);
  if (c !== 0x7b && c !== 0x5b) return scalarEnd(text, start);
  if (depth === MAX_JSON_DEPTH) return -1;
  const close = c === 0x7b ? 0x7d : 0x5d;
  let pos = spaceEnd(text, start + 1);
  if (text.charCodeAt(pos) === close) return pos + 1;
  for (;;) {
    if (c === 0x7b) {
      pos = memberValueStart(text, pos);
      if (pos < 0) return -1;
    }
    pos = valueEnd(text, pos, depth + 1);
    if (pos < 0) return -1;
    pos = spaceEnd(text, pos);
    const next = text.charCodeAt(pos);
    if (next === close) return pos + 1;
    if (next !== 0x2c) return -1;
    pos = spaceEnd(text, pos + 1);
  }
}

/** From a member's key (at `pos`) past its colon and the whitespace after it: where the value starts, or -1. */
export function memberValueStart(text: string, pos: number): number {
  const keyEnd = stringEnd(text, pos);
  if (keyEnd < 0) return -1;
  const colon = spaceEnd(text, keyEnd);
  return text.charCodeAt(colon) === 0x3a ? spaceEnd(text, colon + 1) : -1;
}

/**
 * The end of the object or array starting at `start`, calling `visit` at the start of each
 * item (an object member's key, an array element's value); `visit` returns where the item
 * ends, or -1 to fail.
 */
export function itemsEnd(text: string, start: number, visit: (itemStart: number) => number): number {
  const open = text.charCodeAt(start);
  if (open !== 0x7b && open !== 0x5b) return -1;
  const close = open === 0x7b ? 0x7d : 0x5d;
  let pos = spaceEnd(text, start + 1);
  if (text.charCodeAt(pos) === close) return pos + 1;
  for (;;) {
    pos = visit(pos);
    if (pos < 0) return -1;
    pos = spaceEnd(text, pos);
    const next = text.charCodeAt(pos);
    if (next === close) return pos + 1;
    if (next !== 0x2c) return -1;
    pos = spaceEnd(text, pos + 1);
  }
}

/**
 * The ranges that cut the items `isCut` names out of a container whose items span
 * `[starts[i], ends[i])`, each with one separating comma: an item after a kept one goes
 * with the separator before it, an item before any kept one with the separator after it.
 * Returned flat (`start, end, start, end...`), ascending.
 */
export function itemCuts(starts: readonly number[], ends: readonly number[], isCut: (i: number) => boolean): number[] {
  const cuts: number[] = [];
  let keptBefore = false;
  for (let i = 0; i < starts.length; i++) {
    if (!isCut(i)) keptBefore = true;
    else if (keptBefore) cuts.push(ends[i - 1] ?? 0, ends[i] ?? 0);
    else cuts.push(starts[i] ?? 0, starts[i + 1] ?? ends[i] ?? 0);
  }
  return cuts;
}
