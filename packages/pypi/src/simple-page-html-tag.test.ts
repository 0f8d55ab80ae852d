import { describe, expect, it } from 'vitest';
import { startTagAt } from './simple-page-html-tag.ts';
import { htmlTokens } from './simple-page-html-tokens.ts';
import { random } from './testing/random-simple-page.ts';

// Characters a tag reader must tell apart: separators, quotes, ASCII and Unicode white space
// (JavaScript's `\s`), controls that are not white space, upper case, a letter whose lower case is longer, and names links carry.
const ALPHABET = ['a', 'B', 'h', 'r', '-', '1', ' ', '\t', '\n', '\f', '\v', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u0001', '\u001f', '\u0085',
  '"', "'", '=', '/', '<', '>', '&', 'İ', 'é', '\ud83d', '\ude00', 'href', 'data-yanked', 'Data-core-metadata', ' href='];

/** What `htmlTokens` reads from a page starting with a start tag: that tag, and the tokens after it. */
function tokensOf(html: string) {
  const [start, ...rest] = htmlTokens(html);
  if (start?.kind !== 'start') return undefined;
  return { name: start.name, attributes: [...start.attributes], rest };
}

describe('startTagAt', () => {
  it('reads names, values and where they are', () => {
    const tag = startTagAt('<A HREF = "x&amp;y" data-yanked/ data-x=1>', 1);
    expect(tag).toEqual({
      name: 'a',
      end: 42,
      attributes: [
        { name: 'href', value: 'x&amp;y', separatorStart: 2, valueStart: 10, end: 19 },
        { name: 'data-yanked', value: '', separatorStart: 19, valueStart: 31, end: 31 },
        { name: 'data-x', value: '1', separatorStart: 31, valueStart: 40, end: 41 },
      ],
    });
  });

  it('is undefined when the input ends inside the tag', () => {
    for (const html of ['<a', '<a href', '<a href="x', "<a href='x\"", '<a href=x']) expect(startTagAt(html, 1)).toBeUndefined();
  });

  it('reads 20,000 random tags as htmlTokens does', { timeout: 60_000 }, () => {
    const next = random(42);
    for (let round = 0; round < 20_000; round++) {
      const length = Math.floor(next() * 24);
      const body = Array.from({ length }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join('');
      const html = `<${next() < 0.8 ? 'a' : 'Br-2'}${body}>rest`;
      const tag = startTagAt(html, 1);
      const expected = tokensOf(html);
      if (tag === undefined) {
        expect({ html, tokens: expected }).toEqual({ html, tokens: undefined });
        continue;
      }
      const firstOfEach = tag.attributes.filter((attribute, i) => tag.attributes.findIndex((other) => other.name === attribute.name) === i);
      const rest = [...htmlTokens(html.slice(tag.end))];
      expect({ html, name: tag.name, attributes: firstOfEach.map((a) => [a.name, a.value]), rest }).toEqual({ html, ...expected });
      for (const attribute of tag.attributes) {
        const written = html.slice(attribute.valueStart, attribute.end);
        expect([html, written === attribute.value || written.slice(1, -1) === attribute.value]).toEqual([html, true]);
        expect(attribute.separatorStart).toBeLessThanOrEqual(attribute.valueStart);
      }
    }
  });
});
