import type { SQLInputValue } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { rowPacker, rowUnpacker } from './packed-rows.ts';
import { requestRow } from './request-row.ts';
import { requestEntry } from './testing/entries.ts';
import type { RequestLogEntry } from './types.ts';

function row(overrides: Partial<RequestLogEntry> = {}): SQLInputValue[] {
  const made = requestRow(requestEntry(overrides), 1_700_000_000_123);
  if (!made.ok) throw new Error(made.error);
  return made.value;
}

describe('packed rows', () => {
  it('come back as the rows packed, batch after batch, nulls, numbers and odd text included', () => {
    const pack = rowPacker();
    const unpack = rowUnpacker();
    const batches = [
      [row(), row({ userAgent: undefined, version: undefined, reasons: ['MAL-2024-1 flags it'], reportIds: ['MAL-2024-1'], decision: 'blocked', status: 403 })],
      [row({ path: '/é/\u0000/😀', durationMs: 0.000_123 }), row()],
      [row({ package: '-1', version: '0' })],
    ];
    for (const batch of batches) expect(unpack(pack(batch))).toEqual(batch);
  });

  it('send each string once: a repeated row is numbers only', () => {
    const pack = rowPacker();
    const first = pack([row(), row()]);
    const again = pack([row()]);
    expect(first.strings.length).toBeGreaterThan(0);
    expect(new Set(first.strings).size).toBe(first.strings.length);
    expect(again.strings).toEqual([]);
    expect(again.firstString).toBe(first.strings.length);
  });

  it('start the string table over past its limit, on both sides', () => {
    const pack = rowPacker(12);
    const unpack = rowUnpacker();
    const batches = Array.from({ length: 6 }, (_, index) => [row({ path: `/p/${index}`, userAgent: `agent ${index}` })]);
    const packed = batches.map(pack);
    expect(packed.some((batch) => batch.restart)).toBe(true);
    expect(packed.map(unpack)).toEqual(batches);
  });

  it.each([8, 50_000])('refuse a value of the wrong type without leaving the two tables apart (table limit %i)', (limit) => {
    const pack = rowPacker(limit);
    const unpack = rowUnpacker();
    expect(unpack(pack([row({ path: '/a' })]))).toEqual([row({ path: '/a' })]);
    const wrongText = row({ path: '/b' });
    wrongText[13] = 7;
    expect(() => pack([row({ userAgent: 'new agent' }), wrongText])).toThrow(/path must be text or null/);
    const wrongNumber = row();
    wrongNumber[0] = 'noon';
    expect(() => pack([wrongNumber])).toThrow(/time must be a number/);
    // At limit 8, the table started over at the failed batch: the next one says so. At 50,000, the failed batch's new strings are sent again.
    expect(unpack(pack([row({ userAgent: 'new agent' })]))).toEqual([row({ userAgent: 'new agent' })]);
    for (let index = 0; index < 4; index++) expect(unpack(pack([row({ path: `/c/${index}` })]))).toEqual([row({ path: `/c/${index}` })]);
  });

  it('are refused when they arrive out of order', () => {
    const pack = rowPacker();
    const unpack = rowUnpacker();
    pack([row()]);
    expect(() => unpack(pack([row({ path: '/new' })]))).toThrow(/out of order/);
  });
});
