/** What the tolerant tokenizer sees in an HTML page; values are still entity-encoded. */
export type HtmlToken =
  | { readonly kind: 'start'; readonly name: string; readonly attributes: ReadonlyMap<string, string> }
  | { readonly kind: 'end'; readonly name: string }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'comment'; readonly text: string };

const TAG_NAME = /[A-Za-z][A-Za-z0-9-]*/y;
const ATTRIBUTE_NAME = /[^\s"'<>\/=]+/y;
const SPACE = /[\s\/]*/y;
const WHITESPACE = /\s*/y;
const UNQUOTED_VALUE = /[^\s>]*/y;
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'textarea']);

/**
 * Splits HTML into start tags (lower-case names, attributes, first of a repeated name wins),
 * end tags, text and comments. Doctypes and processing instructions are skipped, `script`
 * and `style` contents are skipped whole, a tag cut off by the end of input is dropped.
 * Runs in one pass over the input (no backtracking), so hostile pages cost linear time.
 */
export function* htmlTokens(html: string): Generator<HtmlToken> {
  let position = 0;
  while (position < html.length) {
    const open = html.indexOf('<', position);
    if (open === -1) {
      yield { kind: 'text', text: html.slice(position) };
      return;
    }
    if (open > position) yield { kind: 'text', text: html.slice(position, open) };
    const next = html[open + 1];
    if (html.startsWith('<!--', open)) {
      const close = html.indexOf('-->', open + 4);
      yield { kind: 'comment', text: html.slice(open + 4, close === -1 ? html.length : close) };
      position = close === -1 ? html.length : close + 3;
    } else if (next === '!' || next === '?') {
      const close = html.indexOf('>', open);
      position = close === -1 ? html.length : close + 1;
    } else if (next === '/') {
      TAG_NAME.lastIndex = open + 2;
      const name = TAG_NAME.exec(html)?.[0].toLowerCase() ?? '';
      const close = html.indexOf('>', open);
      if (name !== '') yield { kind: 'end', name };
      position = close === -1 ? html.length : close + 1;
    } else if (next !== undefined && /[A-Za-z]/.test(next)) {
      const tag = readStartTag(html, open + 1);
      if (tag === undefined) return;
      yield { kind: 'start', name: tag.name, attributes: tag.attributes };
      position = tag.end;
      if (RAW_TEXT_ELEMENTS.has(tag.name)) position = skipRawText(html, position, tag.name);
    } else {
      yield { kind: 'text', text: '<' };
      position = open + 1;
    }
  }
}

interface StartTag {
  readonly name: string;
  readonly attributes: Map<string, string>;
  readonly end: number;
}

function readStartTag(html: string, start: number): StartTag | undefined {
  TAG_NAME.lastIndex = start;
  const name = (TAG_NAME.exec(html)?.[0] ?? '').toLowerCase();
  const attributes = new Map<string, string>();
  let position = start + name.length;
  for (;;) {
    SPACE.lastIndex = position;
    position += SPACE.exec(html)?.[0].length ?? 0;
    if (position >= html.length) return undefined;
    if (html[position] === '>') return { name, attributes, end: position + 1 };
    ATTRIBUTE_NAME.lastIndex = position;
    const attributeName = ATTRIBUTE_NAME.exec(html)?.[0] ?? html[position]!;
    position += attributeName.length;
    WHITESPACE.lastIndex = position;
    const afterName = position + (WHITESPACE.exec(html)?.[0].length ?? 0);
    let value = '';
    if (html[afterName] === '=') {
      position = afterName + 1;
      WHITESPACE.lastIndex = position;
      position += WHITESPACE.exec(html)?.[0].length ?? 0;
      const quote = html[position];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, position + 1);
        if (close === -1) return undefined;
        value = html.slice(position + 1, close);
        position = close + 1;
      } else {
        UNQUOTED_VALUE.lastIndex = position;
        value = UNQUOTED_VALUE.exec(html)?.[0] ?? '';
        position += value.length;
      }
    }
    const key = attributeName.toLowerCase();
    if (!attributes.has(key)) attributes.set(key, value);
  }
}

function skipRawText(html: string, position: number, name: string): number {
  const closing = new RegExp(`</${name}`, 'ig');
  closing.lastIndex = position;
  const match = closing.exec(html);
  if (match === null) return html.length;
  const close = html.indexOf('>', match.index);
  return close === -1 ? html.length : close + 1;
}
