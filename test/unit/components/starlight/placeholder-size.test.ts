import { describe, expect, it } from 'vitest';
import { batchLength, placeholderBlockSize } from '~/components/starlight/placeholders/placeholder-size';

const box = (height: number, paddingTop = 0, paddingBottom = 0, borderTop = 0, borderBottom = 0) => ({
  height,
  paddingTop,
  paddingBottom,
  borderTop,
  borderBottom,
});

describe('placeholderBlockSize', () => {
  it.each([
    ['a paragraph without padding', box(84), 'auto 84px'],
    ['padding and borders come off (content box)', box(136, 8, 8, 1, 1), 'auto 118px'],
    ['fractions round up to 1/64 px', box(56.01), 'auto 56.015625px'],
    ['an exact 1/64 stays', box(120.9375), 'auto 120.9375px'],
    ['padding larger than the box gives 0, not a negative size', box(10, 8, 8), 'auto 0px'],
  ])('%s', (_, b, expected) => expect(placeholderBlockSize(b)).toBe(expected));

  it.each([
    ['a block that is not rendered (0 high)', box(0)],
    ['a negative height', box(-5)],
    ['NaN padding (a style that did not parse)', box(50, Number.NaN)],
    ['an infinite height', box(Number.POSITIVE_INFINITY)],
  ])('%s → null (the stylesheet estimate stays)', (_, b) => expect(placeholderBlockSize(b)).toBeNull());
});

describe('batchLength', () => {
  it.each([
    [[], 150, 0],
    [[10], 150, 1],
    [[40, 40, 40, 40], 150, 3],
    [[50, 50, 50], 150, 3],
    [[400, 10], 150, 1],
    [[10, 400], 150, 1],
    [[0, 0, 0], 150, 3],
    [[151], 150, 1],
  ])('%j elements with at most %d → %d blocks', (counts, max, n) => expect(batchLength(counts, max)).toBe(n));
});
