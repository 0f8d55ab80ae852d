import { describe, expect, it } from 'vitest';
import { ByteEdits } from './byte-edits.ts';

const text = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : Buffer.from(bytes).toString());

describe('ByteEdits', () => {
  it('replaces and cuts ranges in order, keeping everything else', () => {
    const source = Buffer.from('0123456789');
    const edits = new ByteEdits(source);
    edits.replace(1, 3, Buffer.from('ab'));
    edits.replace(3, 5);
    edits.replace(8, 8, Buffer.from('+'));
    expect(text(edits.result())).toBe('0ab567+89');
    expect(text(edits.result())).toBe('0ab567+89');
    expect(source.toString()).toBe('0123456789');
  });

  it('gives a copy of the source when nothing was edited', () => {
    const source = Buffer.from('same');
    const result = new ByteEdits(source).result();
    expect(text(result)).toBe('same');
    result?.fill(0x78);
    expect(source.toString()).toBe('same');
  });

  it.each([
    ['out of order', [[4, 6], [2, 3]]],
    ['overlapping', [[2, 5], [4, 6]]],
    ['backwards', [[5, 4]]],
    ['past the end', [[8, 11]]],
  ])('gives no result for ranges %s', (_case, ranges) => {
    const edits = new ByteEdits(Buffer.from('0123456789'));
    for (const [start = 0, end = 0] of ranges) edits.replace(start, end, Buffer.from('x'));
    expect(edits.result()).toBeUndefined();
  });
});
