/** One attribute of a start tag as written: its name (lower case), its raw value, and where it is. */
export interface TagAttribute {
  readonly name: string;
  /** The value, still entity-encoded, without its quotes ('' when the attribute has none). */
  readonly value: string;
  /** Where the separator before the attribute starts: cutting from here to `end` removes the attribute. */
  readonly separatorStart: number;
  /** Where the value is, quotes included (both `end` of the name when it has no value). */
  readonly valueStart: number;
  readonly end: number;
}

/** A start tag: its name (lower case), its attributes in order (repeats included), and where it ends. */
export interface StartTagSpan {
  readonly name: string;
  readonly attributes: readonly TagAttribute[];
  readonly end: number;
}

/**
 * Reads the start tag whose name starts at `start` (just after `<`) as `htmlTokens` does,
 * keeping where each attribute is; undefined when the input ends inside it. It reads what
 * `htmlTokens`' patterns match (`\s` being JavaScript's white space) character by character.
 */
export function startTagAt(html: string, start: number): StartTagSpan | undefined {
  let position = start;
  if (isAsciiLetter(html.charCodeAt(position))) {
    position++;
    while (isTagNameCharacter(html.charCodeAt(position))) position++;
  }
  const name = lowerCase(html, start, position);
  const attributes: TagAttribute[] = [];
  for (;;) {
    const separatorStart = position;
    for (let c = html.charCodeAt(position); c === 0x2f || isSpace(c); c = html.charCodeAt(++position));
    if (position >= html.length) return undefined;
    if (html.charCodeAt(position) === 0x3e) return { name, attributes, end: position + 1 };
    const nameStart = position;
    let attributeName = knownNameAt(html, position);
    if (attributeName === undefined) {
      let upper = false;
      for (let c = html.charCodeAt(position); isAttributeNameCharacter(c); c = html.charCodeAt(++position)) upper ||= (c >= 0x41 && c <= 0x5a) || c >= 0x80;
      // A character no name may hold (`"`, `'`, `<` or `=`) is read as a name of its own.
      if (position === nameStart) position++;
      attributeName = upper ? html.slice(nameStart, position).toLowerCase() : html.slice(nameStart, position);
    } else position += attributeName.length;
    let valueStart = position;
    let afterName = position;
    while (isSpace(html.charCodeAt(afterName))) afterName++;
    let value = '';
    if (html.charCodeAt(afterName) === 0x3d) {
      position = afterName + 1;
      while (isSpace(html.charCodeAt(position))) position++;
      valueStart = position;
      const quote = html.charCodeAt(position);
      if (quote === 0x22 || quote === 0x27) {
        const close = html.indexOf(quote === 0x22 ? '"' : "'", position + 1);
        if (close === -1) return undefined;
        value = html.slice(position + 1, close);
        position = close + 1;
      } else {
        for (let c = quote; c === c && c !== 0x3e && !isSpace(c); c = html.charCodeAt(++position));
        value = html.slice(valueStart, position);
      }
    }
    attributes.push({ name: attributeName, value, separatorStart, valueStart, end: position });
  }
}

/** The names PEP 503 links carry, written in lower case as pypi.org writes them. */
const KNOWN_NAMES = ['href', 'data-requires-python', 'data-dist-info-metadata', 'data-core-metadata', 'data-yanked'];

/** The known attribute name written at `position` (and not followed by more of a name), or undefined. */
function knownNameAt(html: string, position: number): string | undefined {
  for (const name of KNOWN_NAMES) {
    const end = position + name.length;
    if (!isAttributeNameCharacter(html.charCodeAt(end)) && html.slice(position, end) === name) return name;
  }
  return undefined;
}

/** `html[start, end)` in lower case; sliced only when it holds no upper-case or non-ASCII character. */
function lowerCase(html: string, start: number, end: number): string {
  const text = html.slice(start, end);
  for (let i = start; i < end; i++) {
    const c = html.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || c >= 0x80) return text.toLowerCase();
  }
  return text;
}

function isAsciiLetter(c: number): boolean {
  return (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
}

function isTagNameCharacter(c: number): boolean {
  return isAsciiLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d;
}

/** `[^\s"'<>\/=]`; false past the end of the input (NaN). */
function isAttributeNameCharacter(c: number): boolean {
  if (c > 0x3e) return c < 0x80 || !isSpace(c);
  if (c > 0x20) return c !== 0x22 && c !== 0x27 && c !== 0x2f && c !== 0x3c && c !== 0x3d && c !== 0x3e;
  return c >= 0 && !isSpace(c);
}

/** What JavaScript's `\s` matches: ASCII and Unicode white space, line terminators and U+FEFF. */
export function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
