/** Keyboard navigation of a square grid (PaddingFormula's output map, ReceptiveField's top layer). */
import { describe, expect, it } from 'vitest';
import { cellAtPoint, clampPosition, moveSelection } from '~/components/widgets/shared/grid-nav';

describe('grid navigation', () => {
  it.each([
    [-3, 5, 0],
    [-3, 4, 0],
    [2.4, 5, 2],
    [9, 5, 4],
    [0, 0, 0],
  ])('clampPosition(%d, o=%d) = %d', (v, o, want) => expect(clampPosition(v, o)).toBe(want));

  it.each([
    ['ArrowRight', 0, 0, [0, 1]],
    ['ArrowRight', 0, 4, [0, 4]],
    ['ArrowLeft', 2, 0, [2, 0]],
    ['ArrowDown', 4, 1, [4, 1]],
    ['ArrowUp', 3, 3, [2, 3]],
    ['Home', 3, 3, [3, 0]],
    ['End', 3, 1, [3, 4]],
    ['a', 1, 1, null],
  ] as const)('moveSelection(%s) from (%i,%i) on 5×5', (key, r, c, want) => {
    expect(moveSelection(key, r, c, 5)).toEqual(want);
  });

  it.each([
    // px, py, box width, height, size → [row, col]
    [0, 0, 140, 140, 7, [0, 0]],
    [19.9, 20, 140, 140, 7, [1, 0]],
    [139.9, 70, 140, 140, 7, [3, 6]],
    [140, 140, 140, 140, 7, [6, 6]], // the far edge picks the last cell
    [-4, 300, 140, 140, 7, [6, 0]], // outside the box: clamped
    [50, 10, 100, 20, 2, [1, 1]], // a scaled, non-square box
    [5, 5, 10, 10, 1, [0, 0]],
    [5, 5, 10, 10, 0, null], // empty grid
    [5, 5, 0, 10, 3, null], // box not laid out
    [Number.NaN, 5, 10, 10, 3, null],
  ] as const)('cellAtPoint(%d, %d) in %d×%d, size %i', (px, py, w, h, size, want) => {
    expect(cellAtPoint(px, py, w, h, size)).toEqual(want);
  });
});
