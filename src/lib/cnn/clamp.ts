/** Keeping a number inside a range: the one clamp that the engine and the widgets share. */

/** min(hi, max(lo, v)): v held to lo … hi (hi wins when lo > hi). */
export function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
