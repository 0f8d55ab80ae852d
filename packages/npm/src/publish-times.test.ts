import { describe, expect, it } from 'vitest';
import { packumentPublishTimes } from './publish-times.ts';
import { packument } from './testing/packument.ts';

const bytes = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe('packumentPublishTimes', () => {
  it("reads each version's publish time, leaving out created and modified", () => {
    const times = packumentPublishTimes(bytes(packument('left-pad', ['1.0.0', '1.1.0'], { latest: '1.1.0' })));
    expect([...times]).toEqual([
      ['1.0.0', Date.UTC(2020, 0, 2)],
      ['1.1.0', Date.UTC(2020, 0, 3)],
    ]);
  });

  it('reads the last time object, as JSON.parse does, and skips values that are not dates', () => {
    const text = '{"time": {"1.0.0": "2020-01-01T00:00:00Z"}, "versions": {}, "time": {"2.0.0": "2021-01-01T00:00:00Z", "3.0.0": "yesterday", "4.0.0": 5, "5.0.0": "' + '1'.repeat(100) + '"}}';
    expect([...packumentPublishTimes(bytes(text))]).toEqual([['2.0.0', Date.UTC(2021, 0, 1)]]);
  });

  it('keeps a version named __proto__ as a version', () => {
    expect([...packumentPublishTimes(bytes('{"time": {"__proto__": "2020-01-01T00:00:00Z"}}'))]).toEqual([['__proto__', Date.UTC(2020, 0, 1)]]);
  });

  it.each([
    ['an abbreviated packument', { name: 'x', versions: {} }],
    ['a time that is not an object', { time: ['2020-01-01'] }],
    ['an array', '[1, 2]'],
    ['malformed JSON', '{"time": {"1.0.0": "2020-01-01"'],
    ['a string', '"time"'],
    ['nothing', ''],
    ['deep nesting', `{"time": ${'['.repeat(100_000)}`],
  ])('gives no times for %s', (_what, value) => {
    expect(packumentPublishTimes(bytes(value)).size).toBe(0);
  });
});
