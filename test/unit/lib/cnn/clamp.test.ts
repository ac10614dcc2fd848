import { describe, expect, it } from 'vitest';
import { clamp } from '~/lib/cnn/clamp';

describe('clamp', () => {
  it.each([
    [5, 0, 10, 5],
    [-1, 0, 10, 0],
    [11, 0, 10, 10],
    [0.5, -1, 1, 0.5],
    [-7, -1, 1, -1],
    [3, 4, 4, 4],
    [3, 5, 2, 2], // an empty range gives hi
  ])('clamp(%d, %d, %d) = %d', (v, lo, hi, want) => expect(clamp(v, lo, hi)).toBe(want));
});
