import { describe, expect, it } from 'vitest';
import { TextEdits } from './text-edits.ts';

const edited = (source: string, ...replacements: [number, number, string?][]) => {
  const edits = new TextEdits(source);
  for (const [start, end, text] of replacements) edits.replace(start, end, text);
  return edits.bytes()?.toString('utf8');
};

describe('TextEdits', () => {
  it('copies what is not replaced and writes the replacements in UTF-8', () => {
    expect(edited('0123456789', [1, 3, 'ab'], [5, 5, 'é'], [8, 10])).toBe('0ab34é567');
    expect(edited('0123', [0, 4, '✓😀'])).toBe('✓😀');
    expect(edited('plain')).toBe('plain');
    expect(edited('0123', [1, 2, '\ud800'], [3, 3, 'ü'])).toBe('0\ufffd2ü3');
  });

  it('keeps characters beyond ASCII in the source where they are', () => {
    expect(edited('zé✓😀-x', [1, 2, 'e'], [5, 6, '+'])).toBe('ze✓😀+x');
    expect(edited('ab\u00ffcd', [3, 4])).toBe('ab\u00ffd');
  });

  it('spoils the result when a range comes out of order or overlaps', () => {
    expect(edited('0123456', [3, 5], [1, 2])).toBeUndefined();
    expect(edited('0123456', [3, 5], [4, 6])).toBeUndefined();
    expect(edited('0123', [2, 9])).toBeUndefined();
  });
});
