import { describe, expect, it } from 'vitest';
import { decodeHtmlEntities, escapeHtmlAttribute, escapeHtmlText } from './simple-page-html-entities.ts';
import { htmlTokens } from './simple-page-html-tokens.ts';

describe('htmlTokens', () => {
  it('reads quoted, unquoted and bare attributes, lower-casing names, first duplicate wins', () => {
    const [token] = htmlTokens(`<A HREF = 'x y' data-yanked data-x=1/2 href="second" Data-Gpg-Sig="true"/>`);
    expect(token).toEqual({
      kind: 'start',
      name: 'a',
      attributes: new Map([['href', 'x y'], ['data-yanked', ''], ['data-x', '1/2'], ['data-gpg-sig', 'true']]),
    });
  });

  it('yields text, end tags and comments, and skips doctypes', () => {
    expect([...htmlTokens('<!DOCTYPE html>a<b>c</B><!--SERIAL 1--> < d')]).toEqual([
      { kind: 'text', text: 'a' },
      { kind: 'start', name: 'b', attributes: new Map() },
      { kind: 'text', text: 'c' },
      { kind: 'end', name: 'b' },
      { kind: 'comment', text: 'SERIAL 1' },
      { kind: 'text', text: ' ' },
      { kind: 'text', text: '<' },
      { kind: 'text', text: ' d' },
    ]);
  });

  it('drops a tag cut off by the end of input', () => {
    expect([...htmlTokens('x<a href="unterminated>y')]).toEqual([{ kind: 'text', text: 'x' }]);
  });
});

describe('decodeHtmlEntities', () => {
  it('decodes named, decimal and hex references', () => {
    expect(decodeHtmlEntities('&gt;=3.8,&lt;4 &amp; &quot;&apos;&#62;&#x3c;&#X3E;')).toBe(`>=3.8,<4 & "'><>`);
  });

  it('decodes legacy names without a semicolon and leaves unknown names alone', () => {
    expect(decodeHtmlEntities('a&ampb &gt=3 &unknown; &copy &apos')).toBe('a&ampb >=3 &unknown; &copy &apos');
  });

  it('replaces code points that cannot be with U+FFFD', () => {
    expect(decodeHtmlEntities('&#0;&#xD800;&#x110000;&#99999999999;')).toBe('\ufffd'.repeat(4));
  });
});

describe('escaping', () => {
  it('escapes what would end an attribute or start a tag', () => {
    expect(escapeHtmlAttribute(`<"'&>`)).toBe('&lt;&quot;&#39;&amp;&gt;');
    expect(escapeHtmlText(`<"&>`)).toBe('&lt;"&amp;&gt;');
  });
});
