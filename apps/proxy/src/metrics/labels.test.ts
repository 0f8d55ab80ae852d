import { describe, expect, it } from 'vitest';
import { statusClass } from './labels.ts';

describe('statusClass', () => {
  it.each([
    [200, '2xx'],
    [206, '2xx'],
    [304, '3xx'],
    [404, '4xx'],
    [599, '5xx'],
    ['error', 'error'],
    [101, 'error'],
    [600, 'error'],
    [200.5, 'error'],
    [Number.NaN, 'error'],
  ] as const)('classes %j as %s', (status, expected) => {
    expect(statusClass(status)).toBe(expected);
  });
});
