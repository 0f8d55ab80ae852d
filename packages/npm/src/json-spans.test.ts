import { describe, expect, it } from 'vitest';
import { JsonScanner, MAX_JSON_DEPTH } from './json-spans.ts';
import { jsonStringAt } from './json-tokens.ts';

/** Whether the scanner reads `text` as one JSON document, as JSON.parse would. */
function scansWhole(text: string): boolean {
  const scanner = new JsonScanner(Buffer.from(text));
  const end = scanner.value(scanner.space(0));
  return end >= 0 && scanner.space(end) === scanner.bytes.length;
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A deterministic pseudo-random source (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALID = [
  '0', '-0', '1.5e10', '-12.25E-3', '1E+2', 'true', 'false', 'null', '""', '"a\\"b"', '"\\\\"', '"\\\\\\""',
  '"\\u00e9\\uD83D\\ude00 \\/\\b\\f\\n\\r\\t"', '"caf\u00e9 \ud83d\ude00"', '[]', '{}', ' \t\r\n[ 1 , [ ] , { } ] ',
  '{"a":{"b":[1,{"c":"}"}]},"d\\"":"]"}', '{"":"","__proto__":{"x":[true,false,null]}}', '"\\"}{][,:"',
];
const INVALID = [
  '', ' ', '01', '-', '1.', '.5', '1e', '1e+', '+1', 'tru', 'truex', 'nul', 'NaN', 'Infinity', '"abc', '"a\\"', '"\\x"',
  '"\\u12G4"', '"\\u12"', '"a\nb"', '"a\u0000b"', '"\t"', '[1,]', '[,1]', '{"a":1,}', '{"a"}', '{"a" 1}', '{a:1}', "{'a':1}",
  '[1 2]', '{"a":1 "b":2}', '[', ']', '{', '}', '[}', '{]', '[1]]', '{}}', '\ufeff{}', '{}x', '"a"\u00a0', '[1]\u2028',
];

describe('JsonScanner: what is JSON', () => {
  it.each(VALID)('reads %j whole', (text) => {
    expect(parses(text)).toBe(true);
    expect(scansWhole(text)).toBe(true);
  });

  it.each(INVALID)('refuses %j', (text) => {
    expect(parses(text)).toBe(false);
    expect(scansWhole(text)).toBe(false);
  });

  it('agrees with JSON.parse on thousands of mutated documents', { timeout: 60_000 }, () => {
    const next = random(7);
    const alphabet = ['"', '\\', '{', '}', '[', ']', ',', ':', ' ', '\n', '\u0001', 'u', '0', '1', '-', '.', 'e', 'a', 't', 'n', '\u00e9'];
    const source = JSON.stringify({ a: [1, -2.5e3, 'x"y\\z', { b: null, c: true, 'd\u00e9': '\u2028\n' }], e: {}, f: [] });
    let disagreements = 0;
    let valid = 0;
    for (let round = 0; round < 20_000; round++) {
      const chars = [...source];
      const edits = 1 + Math.floor(next() * 3);
      for (let i = 0; i < edits; i++) {
        const at = Math.floor(next() * chars.length);
        const kind = next();
        const char = alphabet[Math.floor(next() * alphabet.length)] as string;
        if (kind < 0.4) chars[at] = char;
        else if (kind < 0.7) chars.splice(at, 1);
        else chars.splice(at, 0, char);
      }
      const text = chars.join('');
      if (parses(text)) valid++;
      if (parses(text) !== scansWhole(text)) disagreements++;
    }
    expect(disagreements).toBe(0);
    expect(valid).toBeGreaterThan(100); // the mutations leave a share of valid documents
  });
});

describe('JsonScanner: spans', () => {
  it('gives each member its key span and value span, in bytes', () => {
    const scanner = new JsonScanner(Buffer.from('{ "a" : 1 , "b\\"\u00e9" :{"x":[1,2]},"c":"s\u00e9"}'));
    const seen: string[] = [];
    const end = scanner.members(0, (keyStart, keyEnd, valueStart) => {
      const valueEnd = scanner.value(valueStart);
      seen.push(`${scanner.stringValue(keyStart, keyEnd)}=${scanner.bytes.toString('utf8', valueStart, valueEnd)}`);
      return valueEnd;
    });
    expect(end).toBe(scanner.bytes.length);
    expect(seen).toEqual(['a=1', 'b"\u00e9={"x":[1,2]}', 'c="s\u00e9"']);
  });

  it('tells a key however it is escaped', () => {
    const scanner = new JsonScanner(Buffer.from('"dist" "di\\u0073t" "dis" "dist\\n" "\\u0064ist"'));
    expect(scanner.isString(0, 6, 'dist')).toBe(true);
    expect(scanner.isString(7, 18, 'dist')).toBe(true);
    expect(scanner.isString(19, 24, 'dist')).toBe(false);
    expect(scanner.isString(25, 33, 'dist')).toBe(false);
    expect(scanner.isString(34, 45, 'dist')).toBe(true);
  });

  it('fails on members of something that is not an object', () => {
    expect(new JsonScanner(Buffer.from('[1]')).members(0)).toBe(-1);
    expect(new JsonScanner(Buffer.from('{"a":1')).members(0)).toBe(-1);
  });

  it('refuses nesting deeper than its limit, and reads it up to the limit', () => {
    const nested = (depth: number) => '['.repeat(depth) + '1' + ']'.repeat(depth);
    expect(scansWhole(nested(MAX_JSON_DEPTH))).toBe(true);
    expect(scansWhole(nested(MAX_JSON_DEPTH + 1))).toBe(false);
    expect(scansWhole('{"a":'.repeat(100_000))).toBe(false);
  });

  // Long inputs: a scanner that went quadratic on any of them would not finish within the timeout.
  it('reads long texts: many escapes, none at all, pretty-printed, no closing quote', { timeout: 60_000 }, () => {
    const escapes = `"${'\\n\\"\\\\x'.repeat(200_000)}"`;
    const items = Array.from({ length: 100_000 }, (_, i) => ({ key: `value ${i}`, list: [i, 'a\\b'] }));
    expect(scansWhole(escapes)).toBe(true);
    expect(scansWhole(JSON.stringify(items))).toBe(true);
    expect(scansWhole(JSON.stringify(items, null, 2))).toBe(true);
    expect(scansWhole(`["${'\\"'.repeat(500_000)}]`)).toBe(false);
  });

  it('gives the value of a string span, with or without escapes, and undefined for what is not one', () => {
    const bytes = Buffer.from('"plain" "a\\u0041\\n" 12 "\u00e9"');
    expect(jsonStringAt(bytes, 0, 7)).toBe('plain');
    expect(jsonStringAt(bytes, 8, 19)).toBe('aA\n');
    expect(jsonStringAt(bytes, 8, 20)).toBeUndefined();
    expect(jsonStringAt(bytes, 20, 22)).toBeUndefined();
    expect(jsonStringAt(bytes, 0, 1)).toBeUndefined();
    expect(jsonStringAt(bytes, 23, 27)).toBe('\u00e9');
  });
});
