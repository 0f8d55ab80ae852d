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

// The patterns of `htmlTokens`, so that both read a tag alike.
const TAG_NAME = /[A-Za-z][A-Za-z0-9-]*/y;
const ATTRIBUTE_NAME = /[^\s"'<>\/=]+/y;
const SPACE = /[\s\/]*/y;
const WHITESPACE = /\s*/y;
const UNQUOTED_VALUE = /[^\s>]*/y;

/**
 * Reads the start tag whose name starts at `start` (just after `<`) as `htmlTokens` does,
 * keeping where each attribute is; undefined when the input ends inside it.
 */
export function startTagAt(html: string, start: number): StartTagSpan | undefined {
  TAG_NAME.lastIndex = start;
  const name = TAG_NAME.test(html) ? html.slice(start, TAG_NAME.lastIndex).toLowerCase() : '';
  const attributes: TagAttribute[] = [];
  let position = start + name.length;
  for (;;) {
    const separatorStart = position;
    position = skip(SPACE, html, position);
    if (position >= html.length) return undefined;
    if (html[position] === '>') return { name, attributes, end: position + 1 };
    ATTRIBUTE_NAME.lastIndex = position;
    const attributeName = ATTRIBUTE_NAME.test(html) ? html.slice(position, ATTRIBUTE_NAME.lastIndex) : (html[position] ?? '');
    position += attributeName.length;
    let valueStart = position;
    const afterName = skip(WHITESPACE, html, position);
    let value = '';
    if (html[afterName] === '=') {
      position = afterName + 1;
      position = skip(WHITESPACE, html, position);
      valueStart = position;
      const quote = html[position];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, position + 1);
        if (close === -1) return undefined;
        value = html.slice(position + 1, close);
        position = close + 1;
      } else {
        const end = skip(UNQUOTED_VALUE, html, position);
        value = html.slice(position, end);
        position = end;
      }
    }
    attributes.push({ name: attributeName.toLowerCase(), value, separatorStart, valueStart, end: position });
  }
}

/** Past what the sticky `pattern` (which also matches nothing) matches at `position`. */
function skip(pattern: RegExp, html: string, position: number): number {
  pattern.lastIndex = position;
  return pattern.test(html) ? pattern.lastIndex : position;
}
