/** Named character references that Simple pages use; others are left as written. */
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** References that HTML also decodes without their `;`. */
const LEGACY = new Set(['amp', 'lt', 'gt', 'quot', 'nbsp']);

const REFERENCE = /&(?:#([0-9]+)|#[xX]([0-9A-Fa-f]+)|([A-Za-z][A-Za-z0-9]{0,31}))(;?)/g;

/**
 * Decodes character references (`&gt;`, `&#62;`, `&#x3E;`, `&amp;`...) as HTML does in text
 * and attribute values. A code point that cannot be (0, a surrogate, past U+10FFFF) becomes
 * U+FFFD; an unknown name is left as written.
 */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (whole, decimal?: string, hex?: string, name?: string, semicolon?: string) => {
    if (name !== undefined) {
      const known = Object.hasOwn(NAMED, name) ? NAMED[name] : undefined;
      if (known === undefined || (semicolon === '' && !LEGACY.has(name))) return whole;
      return known;
    }
    const codePoint = decimal === undefined ? Number.parseInt(hex ?? '', 16) : Number.parseInt(decimal, 10);
    const valid = codePoint > 0 && codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff);
    return String.fromCodePoint(valid ? codePoint : 0xfffd);
  });
}

const ATTRIBUTE_SPECIAL = /[&<>"']/;

/** `value` made safe inside a double-quoted attribute. */
export function escapeHtmlAttribute(value: string): string {
  if (!ATTRIBUTE_SPECIAL.test(value)) return value;
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/** `value` made safe as element text. */
export function escapeHtmlText(value: string): string {
  return value.replace(/[&<>]/g, (character) => ESCAPES[character] ?? character);
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
