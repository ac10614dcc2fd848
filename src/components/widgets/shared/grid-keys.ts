/**
 * Keyboard movement on a widget's output grid (arrow keys, Home, End), shared by the widgets whose
 * output grid is one focusable picker. Pure: the new [row, col], clamped to the oh × ow grid.
 */

/** Moves [row, col] for an arrow/Home/End key on an oh × ow grid; null when the key is not ours. */
export function moveInGrid(
  key: string,
  row: number,
  col: number,
  oh: number,
  ow: number,
): [number, number] | null {
  const clamp = (v: number, o: number) => Math.min(Math.max(0, Math.round(v)), Math.max(0, o - 1));
  switch (key) {
    case 'ArrowUp':
      return [clamp(row - 1, oh), col];
    case 'ArrowDown':
      return [clamp(row + 1, oh), col];
    case 'ArrowLeft':
      return [row, clamp(col - 1, ow)];
    case 'ArrowRight':
      return [row, clamp(col + 1, ow)];
    case 'Home':
      return [row, 0];
    case 'End':
      return [row, Math.max(0, ow - 1)];
    default:
      return null;
  }
}
