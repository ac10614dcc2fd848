/** Keyboard navigation of a square grid (PaddingFormula's output map, ReceptiveField's top layer). */
import { describe, expect, it } from 'vitest';
import { clampPosition, moveSelection } from '~/components/widgets/shared/grid-nav';

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
});
