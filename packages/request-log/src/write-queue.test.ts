import { describe, expect, it } from 'vitest';
import { WriteQueue } from './write-queue.ts';

describe('WriteQueue', () => {
  it('gives items back oldest first, in takes of the size asked', () => {
    const queue = new WriteQueue<number>(10);
    for (let item = 1; item <= 5; item++) queue.push(item);
    expect(queue.take(2)).toEqual([1, 2]);
    queue.push(6);
    expect(queue.take(10)).toEqual([3, 4, 5, 6]);
    expect(queue.size).toBe(0);
    expect(queue.take(3)).toEqual([]);
  });

  it('overwrites the oldest items when full and counts them', () => {
    const queue = new WriteQueue<number>(3);
    for (let item = 1; item <= 7; item++) queue.push(item);
    expect(queue.size).toBe(3);
    expect(queue.dropped).toBe(4);
    expect(queue.take(5)).toEqual([5, 6, 7]);
  });

  it('keeps its order across many wraps of the ring', () => {
    const queue = new WriteQueue<number>(4);
    const out: number[] = [];
    for (let item = 0; item < 100; item++) {
      queue.push(item);
      if (item % 3 === 2) out.push(...queue.take(2));
    }
    out.push(...queue.take(4));
    expect(out).toEqual([...out].sort((a, b) => a - b));
    expect(new Set(out).size).toBe(out.length);
    expect(out.length + queue.dropped).toBe(100);
  });

  it('refuses a capacity that is not a positive whole number', () => {
    expect(() => new WriteQueue(0)).toThrow(RangeError);
    expect(() => new WriteQueue(1.5)).toThrow(RangeError);
  });
});
