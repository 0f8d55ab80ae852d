import { describe, expect, it } from 'vitest';
import { parseByteSize } from './byte-size.ts';

describe('parseByteSize', () => {
  it.each([
    ['1048576', 1048576],
    ['0', 0],
    ['512MiB', 512 * 2 ** 20],
    ['10GiB', 10 * 2 ** 30],
    ['10 GiB', 10 * 2 ** 30],
    ['500MB', 500e6],
    ['500mb', 500e6],
    ['2KiB', 2048],
    ['3kb', 3000],
    ['1TiB', 2 ** 40],
    ['1.5GiB', 1.5 * 2 ** 30],
    ['0.3KB', 300],
    ['100B', 100],
    [4096, 4096],
  ] as const)('reads %j', (value, expected) => {
    expect(parseByteSize(value)).toEqual({ ok: true, value: expected });
  });

  it.each(['', '10 XB', '10GiBs', '-1', '1.5', '1.5B', 'GiB', '10  GiB', '1e9', '99999999999TiB', '1'.repeat(100_000), -1, 1.5, Number.NaN, true, null])('refuses %j', (value) => {
    const parsed = parseByteSize(value);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain('is not a size in bytes');
  });
});
