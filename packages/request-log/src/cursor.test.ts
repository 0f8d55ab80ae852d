import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.ts';

describe('page cursors', () => {
  it('give back the position they were made from', () => {
    const cursor = encodeCursor('r', { time: 1_700_000_000_123, id: 42 });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('r', cursor)).toEqual({ ok: true, value: { time: 1_700_000_000_123, id: 42 } });
  });

  it('are refused by a listing other than the one that made them', () => {
    expect(decodeCursor('a', encodeCursor('r', { time: 1, id: 1 })).ok).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'abc/def+=='],
    ['random text', 'aGVsbG8gd29ybGQ'],
    ['huge', 'A'.repeat(100_000)],
    ['NUL bytes', Buffer.from('r:1\u0000:2').toString('base64url')],
    ['numbers past safe integers', Buffer.from('r:99999999999999999:1').toString('base64url')],
    ['a negative id', Buffer.from('r:1:-2').toString('base64url')],
    ['SQL', Buffer.from("r:1:1 OR 1=1").toString('base64url')],
  ])('are refused when %s', (_name, cursor) => {
    const decoded = decodeCursor('r', cursor);
    expect(decoded).toEqual({ ok: false, error: 'the cursor is not one this log handed out' });
  });

  it('are refused when not a string', () => {
    expect(decodeCursor('r', 12 as unknown).ok).toBe(false);
  });
});
