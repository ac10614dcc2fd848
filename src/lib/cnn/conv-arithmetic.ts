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
}

export interface ConvAxisResult {
  /** output size o = ⌊(n + 2p − k')/s⌋ + 1 */
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
  return { ok: true, value: { o: Math.floor(span / axis.s) + 1, kEff, padded, span, rest: span % axis.s } };
}

/** Just the output size o = ⌊(n + 2p − k')/s⌋ + 1, or null when the setting is impossible. */
export function outputSize(n: number, k: number, p = 0, s = 1, d = 1): number | null {
  const r = convOutput({ n, k, p, s, d });
  return r.ok ? r.value.o : null;
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
