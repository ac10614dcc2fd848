/**
 * Keyboard and pointer navigation of a square grid of cells (a widget's output map): the selected
 * cell moves with the arrow keys, Home and End, or to the cell under the pointer. Pure, so every
 * widget with a pickable grid shares it.
 */
import { clamp } from '~/lib/cnn/clamp';

/** Clamps a position (or any index) to 0 … o − 1, rounded to a whole cell; 0 when o ≤ 0. */
export function clampPosition(value: number, o: number): number {
  return clamp(Math.round(value), 0, Math.max(0, o - 1));
}

/**
 * Moves the selected cell of an o × o grid for a key: arrows by one cell (stopping at the edges),
 * Home / End to the first / last column of the row; null when the key is not ours (let it through).
 */
export function moveSelection(key: string, row: number, col: number, o: number): [number, number] | null {
  switch (key) {
    case 'ArrowUp':
      return [clampPosition(row - 1, o), col];
    case 'ArrowDown':
      return [clampPosition(row + 1, o), col];
    case 'ArrowLeft':
      return [row, clampPosition(col - 1, o)];
    case 'ArrowRight':
      return [row, clampPosition(col + 1, o)];
    case 'Home':
      return [row, 0];
    case 'End':
      return [row, o - 1];
    default:
      return null;
  }
}

/**
 * The cell of a `size` × `size` grid under a pointer at (px, py) in a box of width × height CSS px
 * (the grid drawn scaled to fill it, so one element can take the pointer for every cell):
 * [row, col] = [⌊py·size/height⌋, ⌊px·size/width⌋], clamped to the grid, so a point on the far
 * edge picks the last cell; null for an empty grid or box, or a point that is not a number.
 */
export function cellAtPoint(
  px: number,
  py: number,
  width: number,
  height: number,
  size: number,
): [number, number] | null {
  if (!(size > 0 && width > 0 && height > 0 && Number.isFinite(px) && Number.isFinite(py))) return null;
  const at = (v: number, extent: number) => clamp(Math.floor((v * size) / extent), 0, size - 1);
  return [at(py, height), at(px, width)];
}
