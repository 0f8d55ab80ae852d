import { describe, expect, it } from 'vitest';
import { boundedList, boundedText, LIST_BOUND, parseStoredList } from './bounded-text.ts';

describe('boundedText', () => {
  it('keeps short strings as they are and cuts long ones', () => {
    expect(boundedText('npm/10', 512)).toBe('npm/10');
    expect(boundedText('x'.repeat(1000), 512)).toHaveLength(512);
  });

  it('does not leave half a surrogate pair at the cut', () => {
    const text = `${'a'.repeat(9)}😀`;
    expect(boundedText(text, 10)).toBe('a'.repeat(9));
    expect(boundedText(text, 11)).toBe(text);
  });

  it('gives null for anything but a string', () => {
    expect(boundedText(undefined, 5)).toBeNull();
    expect(boundedText(12, 5)).toBeNull();
    expect(boundedText({ toString: () => 'x' }, 5)).toBeNull();
  });
});

describe('boundedList', () => {
  it('keeps strings only, each bounded, and at most so many', () => {
    expect(boundedList(['MAL-1', 2, null, 'x'.repeat(300)], 128)).toEqual(['MAL-1', 'x'.repeat(128)]);
    expect(boundedList(Array.from({ length: 500 }, (_, i) => `id-${i}`), 128)).toHaveLength(LIST_BOUND);
    expect(boundedList('MAL-1', 128)).toEqual([]);
  });
});

describe('parseStoredList', () => {
  it('reads a JSON list of strings and nothing else', () => {
    expect(parseStoredList('["a","b"]')).toEqual(['a', 'b']);
    expect(parseStoredList('["a",1]')).toEqual(['a']);
    expect(parseStoredList('{"a":1}')).toEqual([]);
    expect(parseStoredList('[unclosed')).toEqual([]);
    expect(parseStoredList(null)).toEqual([]);
  });
});
