/**
 * Convolution arithmetic along one spatial axis, in the lesson's symbols:
 * input size n (also written i), kernel k (the note's f), padding p, stride s, dilation d.
 * Every function is pure and total: bad settings come back as Problems, never as NaN.
 */
import { problem, type Checked, type Problem } from './problems';

export interface ConvAxis {
  /** input size n */
  n: number;
  /** kernel size k */
  k: number;
  /** padding p on each side */
  p: number;
  /** stride s */
  s: number;
  /** dilation d (1 = ordinary convolution) */
  d: number;
  /**
   * Round the window count up (Caffe, PyTorch `ceil_mode`): o = ⌈(n + 2p − k')/s⌉ + 1, less one
   * when that last window would start inside the right padding. Default false (floor).
   */
  ceil?: boolean;
}

export interface ConvAxisResult {
  /** output size o = ⌊(n + 2p − k')/s⌋ + 1 (⌈ ⌉ in ceil mode) */
  o: number;
  /** dilated kernel extent k' = k + (k − 1)(d − 1) */
  kEff: number;
  /** padded input n + 2p */
  padded: number;
  /** n + 2p − k', the numerator before the floor */
  span: number;
  /** (n + 2p − k') mod s: input rows/columns past the last kernel position, never read */
  rest: number;
}

/** Upper bound on any size we accept, so that a typo cannot freeze a page drawing a grid. */
export const MAX_SIZE = 100_000;

/**
 * Dilated kernel extent: k' = k + (k − 1)(d − 1).
 * A 3×3 kernel with d = 2 spans 5 input cells.
 */
export function effectiveKernel(k: number, d = 1): number {
  return k + (k - 1) * (d - 1);
}

/**
 * Checks that `value` is a whole number with min ≤ value ≤ max (min 1 for sizes/strides, 0 for
 * padding). `what` is the quantity's symbol (`cnn.quantity.<what>` names it). Returns the problem, or null.
 */
export function checkWhole(what: string, value: number, min: 0 | 1, max = MAX_SIZE): Problem | null {
  if (Number.isNaN(value)) return problem('missing', { what });
  if (!Number.isFinite(value) || !Number.isInteger(value))
    return problem('notInteger', { what, value: String(value) });
  if (value < min)
    return min === 0 ? problem('negative', { what, value }) : problem('notPositive', { what, value });
  if (value > max) return problem('tooLarge', { what, max });
  return null;
}

/**
 * Output size of a convolution or pooling window along one axis:
 * o = ⌊(n + 2p − k')/s⌋ + 1 with k' = k + (k − 1)(d − 1).
 * In ceil mode (Caffe's pooling, PyTorch `ceil_mode=True`) o = ⌈(n + 2p − k')/s⌉ + 1: a last,
 * partial window covers the rest, unless it would start at or past n + p (inside the right padding),
 * in which case it is dropped again.
 * Problems: any non-integer / out-of-range input, or k' > n + 2p (the kernel fits nowhere).
 * `rest` > 0 is not an error (frameworks floor it away); see `tilingProblem`.
 */
export function convOutput(axis: ConvAxis): Checked<ConvAxisResult> {
  const problems = [
    checkWhole('n', axis.n, 1),
    checkWhole('k', axis.k, 1),
    checkWhole('p', axis.p, 0),
    checkWhole('s', axis.s, 1),
    checkWhole('d', axis.d, 1),
  ].filter((x): x is Problem => x !== null);
  if (problems.length > 0) return { ok: false, problems };
  const kEff = effectiveKernel(axis.k, axis.d);
  const padded = axis.n + 2 * axis.p;
  if (kEff > padded) return { ok: false, problems: [problem('kernelTooLarge', { k: kEff, padded })] };
  const span = padded - kEff;
  let o = Math.floor(span / axis.s) + 1;
  if (axis.ceil === true) {
    o = Math.ceil(span / axis.s) + 1;
    if ((o - 1) * axis.s >= axis.n + axis.p) o -= 1;
  }
  return { ok: true, value: { o, kEff, padded, span, rest: span % axis.s } };
}

/**
 * Just the output size o = ⌊(n + 2p − k')/s⌋ + 1 (⌈ ⌉ with `ceil`), or null when the setting is
 * impossible.
 */
export function outputSize(n: number, k: number, p = 0, s = 1, d = 1, ceil = false): number | null {
  const r = convOutput({ n, k, p, s, d, ceil });
  return r.ok ? r.value.o : null;
}

/**
 * How many kernel placements read input pixel i (0-based, unpadded coordinates) along one axis:
 * the number of output positions j (0 ≤ j < o) with a tap j·s + t·d − p = i for some
 * t ∈ {0, …, k − 1}. In 2-D a pixel's count is the product of its row and column counts: with
 * k = 3, p = 1, s = 1 a corner is read 2·2 = 4 times, an edge pixel 2·3 = 6, an interior one 3·3 = 9.
 * Returns null when the setting is impossible or i lies outside 0 … n − 1.
 */
export function placementCount(i: number, n: number, k: number, p = 0, s = 1, d = 1): number | null {
  const r = convOutput({ n, k, p, s, d });
  if (!r.ok || !Number.isInteger(i) || i < 0 || i >= n) return null;
  return tapsReading(i + p, r.value.o, k, s, d);
}

/**
 * The placements j (0 ≤ j < o) with a tap j·s + t·d = x, counted over the taps t (each tap of a
 * placement lands on a different cell, so a placement reads x at most once): O(k), not O(o·k).
 */
function tapsReading(x: number, o: number, k: number, s: number, d: number): number {
  let count = 0;
  for (let t = 0; t < k; t++) {
    const start = x - t * d; // j·s for the placement whose tap t lands on x
    if (start < 0) break;
    if (start % s === 0 && start / s < o) count += 1;
  }
  return count;
}

/**
 * Placement counts of every pixel along one axis, `placementCount(i, …)` for i = 0 … n − 1
 * (an empty list when the setting is impossible).
 */
export function placementCounts(n: number, k: number, p = 0, s = 1, d = 1): number[] {
  const r = convOutput({ n, k, p, s, d });
  if (!r.ok) return [];
  return Array.from({ length: n }, (_, i) => tapsReading(i + p, r.value.o, k, s, d));
}

/**
 * "Same" padding: the p with o = n at stride 1, i.e. n = n + 2p − k' + 1, so p = (k' − 1)/2.
 * Only an odd effective kernel k' gives a whole p; an even one is a Problem (the note's point
 * about odd kernels). Stride > 1 cannot keep the size at all.
 */
export function samePadding(k: number, d = 1, s = 1): Checked<number> {
  const bad = [checkWhole('k', k, 1), checkWhole('d', d, 1), checkWhole('s', s, 1)].filter(
    (x): x is Problem => x !== null,
  );
  if (bad.length > 0) return { ok: false, problems: bad };
  if (s !== 1) return { ok: false, problems: [problem('sameNeedsStride1', { s })] };
  const kEff = effectiveKernel(k, d);
  if (kEff % 2 === 0)
    return { ok: false, problems: [problem('sameNotInteger', { k: kEff, half: (kEff - 1) / 2 })] };
  return { ok: true, value: (kEff - 1) / 2 };
}

/**
 * A warning (not an error) when the last kernel position leaves input uncovered:
 * (n + 2p − k') mod s ≠ 0.
 */
export function tilingProblem(result: ConvAxisResult): Problem | null {
  return result.rest === 0 ? null : problem('doesNotTile', { rest: result.rest });
}

/**
 * Start index (in padded coordinates, 0 = first padding cell) of each kernel placement:
 * position j starts at j·s and covers j·s + t·d for t = 0 … k − 1.
 */
export function kernelTaps(j: number, k: number, s: number, d = 1): number[] {
  return Array.from({ length: k }, (_, t) => j * s + t * d);
}

/**
 * Transposed convolution output size: o = s(i − 1) + a + k' − 2p, with output padding a
 * (0 ≤ a < max(s, d)) and k' = k + (k − 1)(d − 1).
 */
export function transposedOutput(i: number, k: number, s = 1, p = 0, a = 0, d = 1): Checked<number> {
  const problems = [
    checkWhole('i', i, 1),
    checkWhole('k', k, 1),
    checkWhole('s', s, 1),
    checkWhole('p', p, 0),
    checkWhole('a', a, 0),
    checkWhole('d', d, 1),
  ].filter((x): x is Problem => x !== null);
  if (problems.length > 0) return { ok: false, problems };
  if (a >= Math.max(s, d))
    return { ok: false, problems: [problem('outputPaddingTooLarge', { a, s: Math.max(s, d) })] };
  const o = s * (i - 1) + a + effectiveKernel(k, d) - 2 * p;
  if (o < 1) return { ok: false, problems: [problem('paddingTooLarge', { p, k })] };
  return { ok: true, value: o };
}
