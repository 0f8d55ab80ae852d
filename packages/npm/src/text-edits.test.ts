import { describe, expect, it } from 'vitest';
import { TextEdits } from './text-edits.ts';

describe('TextEdits', () => {
  it('replaces and cuts ranges in order, keeping everything else', () => {
    const edits = new TextEdits('0123456789');
    edits.replace(1, 3, 'ab');
    edits.replace(3, 5);
    edits.replace(8, 8, '+');
    expect(edits.result()).toBe('0ab567+89');
    expect(edits.result()).toBe('0ab567+89');
  });

  it('gives the source itself when nothing was edited', () => {
    expect(new TextEdits('same').result()).toBe('same');
  });

  it.each([
    ['out of order', [[4, 6], [2, 3]]],
    ['overlapping', [[2, 5], [4, 6]]],
    ['backwards', [[5, 4]]],
    ['past the end', [[8, 11]]],
  ])('gives no result for ranges %s', (_case, ranges) => {
    const edits = new TextEdits('0123456789');
    for (const [start = 0, end = 0] of ranges) edits.replace(start, end, 'x');
    expect(edits.result()).toBeUndefined();
  });
});
