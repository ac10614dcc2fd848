/**
 * Windowed rendering for long lists of equal-height lines (table rows, an editor's line numbers):
 * only the items that intersect the visible part of a scroll box, plus a margin, are put in the
 * DOM; spacers of the right height stand in for the rest, so the scroll box keeps its full length
 * and the work per scroll or edit stays proportional to the window, not to the list.
 */

/** Which items to render and how much space to leave before and after them. */
export interface ItemWindow {
  /** index of the first rendered item */
  start: number;
  /** one past the last rendered item */
  end: number;
  /** px of spacer before the first rendered item: start · h */
  before: number;
  /** px of spacer after the last rendered item: (count − end) · h */
  after: number;
}

export interface WindowInput {
  /** number of items, n */
  count: number;
  /** height of one item in px, h (> 0) */
  itemHeight: number;
  /** how far the box is scrolled past the first item, in px (values outside [0, n·h] are clamped) */
  scrollTop: number;
  /** visible height of the box in px, v */
  viewHeight: number;
  /** items rendered beyond each edge of the visible part, m */
  overscan: number;
}

/**
 * The items a scroll box shows: first visible i₀ = ⌊scrollTop / h⌋, visible count ⌈v / h⌉ + 1,
 * widened by m items on each side and clipped to [0, n): start = max(0, i₀ − m),
 * end = min(n, i₀ + ⌈v / h⌉ + 1 + m); the spacers are start·h and (n − end)·h. A non-positive or
 * non-finite h or v renders the first 2m items (enough for a box not laid out yet).
 */
export function itemWindow({ count, itemHeight, scrollTop, viewHeight, overscan }: WindowInput): ItemWindow {
  const n = Math.max(0, Math.floor(count));
  const m = Math.max(0, Math.ceil(overscan));
  const h = itemHeight > 0 && Number.isFinite(itemHeight) ? itemHeight : 0;
  if (h === 0 || !(viewHeight > 0 && Number.isFinite(viewHeight))) {
    const end = Math.min(n, 2 * m);
    return { start: 0, end, before: 0, after: (n - end) * h };
  }
  const top = Number.isFinite(scrollTop) ? Math.min(Math.max(0, scrollTop), n * h) : 0;
  const first = Math.floor(top / h);
  const start = Math.max(0, Math.min(n, first - m));
  const end = Math.max(start, Math.min(n, first + Math.ceil(viewHeight / h) + 1 + m));
  return { start, end, before: start * h, after: (n - end) * h };
}
