/** A block's box as the browser reports it (px): its border-box height and vertical padding and borders. */
export interface BlockBox {
  height: number;
  paddingTop: number;
  paddingBottom: number;
  borderTop: number;
  borderBottom: number;
}

/**
 * The `contain-intrinsic-block-size` that makes a skipped block (`content-visibility: auto`) stand
 * in at the height it has when rendered: `auto` (the browser's remembered size wins once it has
 * one) and the content-box height h − (padding + border), since the intrinsic size replaces the
 * content only. Rounded up to the device-independent 1/64 px Chromium lays out in, never below 0;
 * null when the box is not a finite measurement (the block is not rendered, e.g. in closed
 * `<details>`), so the caller leaves the stylesheet's estimate in place.
 */
export function placeholderBlockSize(box: BlockBox): string | null {
  const { height, paddingTop, paddingBottom, borderTop, borderBottom } = box;
  const content = height - paddingTop - paddingBottom - borderTop - borderBottom;
  if (!Number.isFinite(content) || height <= 0) return null;
  return `auto ${Math.ceil(Math.max(0, content) * 64) / 64}px`;
}

/**
 * How many blocks from the front of a queue to render for one layout: the longest prefix whose
 * element counts sum to at most `max`, and never fewer than one block (a block larger than `max`
 * goes alone); 0 only for an empty queue.
 */
export function batchLength(elementCounts: readonly number[], max: number): number {
  let total = 0;
  let n = 0;
  while (n < elementCounts.length && (n === 0 || total + elementCounts[n]! <= max))
    total += elementCounts[n++]!;
  return n;
}
