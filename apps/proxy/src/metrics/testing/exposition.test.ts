import { describe, expect, it } from 'vitest';
import { parseExposition, sampleValue } from './exposition.ts';

describe('parseExposition', () => {
  it('reads samples, labels with escapes, and types', () => {
    const exposition = parseExposition('# HELP a_total help\n# TYPE a_total counter\na_total{x="1",y="q\\"\\\\\\n"} 3\nb 0.5\nc{le="+Inf"} +Inf\nd Nan\n');
    expect(exposition.types.get('a_total')).toBe('counter');
    expect(sampleValue(exposition, 'a_total', { y: 'q"\\\n' })).toBe(3);
    expect(sampleValue(exposition, 'b')).toBe(0.5);
    expect(sampleValue(exposition, 'c', { le: '+Inf' })).toBe(Infinity);
    expect(sampleValue(exposition, 'd')).toBeNaN();
    expect(sampleValue(exposition, 'missing')).toBeUndefined();
  });

  it('throws on malformed lines and on ambiguous lookups', () => {
    expect(() => parseExposition('a{x=1} 3')).toThrow(/malformed labels/);
    expect(() => parseExposition('not a sample line')).toThrow(/not an exposition line/);
    expect(() => parseExposition('a 1x')).toThrow(/not a sample value/);
    expect(() => sampleValue(parseExposition('a{x="1"} 1\na{x="2"} 2'), 'a')).toThrow(/2 samples/);
  });
});
