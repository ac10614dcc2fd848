/**
 * Transposed convolution along the lesson's symbols: input size i, kernel k, stride s,
 * padding p, output padding a. Output size o = s(i − 1) + a + k − 2p (`transposedOutput`).
 *
 * Scatter form: every input value x[c][r][col] multiplies a whole k × k kernel and adds that scaled
 * copy into the output at rows r·s − p … r·s − p + k − 1 and columns col·s − p … col·s − p + k − 1;
 * where copies overlap their contributions are summed. It is the transpose (the gradient) of a
 * convolution with the same k, s, p — it restores that convolution's input *shape*, not its values.
 */
import { transposedOutput } from './conv-arithmetic';
import { problem, uniqueProblems, type Checked, type Problem } from './problems';

/** Settings of one square transposed convolution (dilation 1). */
export interface TransposedAxis {
  /** input size i */
  i: number;
  /** kernel size k */
  k: number;
  /** stride s */
  s: number;
  /** padding p cropped from each side of the output */
  p: number;
  /** output padding a, added at the end (bottom/right), 0 ≤ a < s */
  a: number;
}

export interface TransposedLayout {
  /** output size o = s(i − 1) + a + k − 2p */
  o: number;
  /** the uncropped scatter canvas s(i − 1) + k (before p is cut off each side and a is added) */
  full: number;
}

/**
 * Output size and scatter canvas of a transposed convolution along one axis:
 * o = s(i − 1) + a + k − 2p, full = s(i − 1) + k. Problems as in `transposedOutput`.
 */
export function transposedLayout(axis: TransposedAxis): Checked<TransposedLayout> {
  const r = transposedOutput(axis.i, axis.k, axis.s, axis.p, axis.a);
  if (!r.ok) return r;
  return { ok: true, value: { o: r.value, full: axis.s * (axis.i - 1) + axis.k } };
}

/**
 * Overlap count of every output position along one axis: how many (input position j, kernel
 * tap t) pairs land on it, i.e. #{(j, t) : j·s + t − p = o, 0 ≤ j < i, 0 ≤ t < k}.
 * Away from the borders the counts repeat with period s and take the values ⌊k/s⌋ and ⌈k/s⌉:
 * they are all equal exactly when s divides k.
 */
export function overlapCounts1d(axis: TransposedAxis): Checked<number[]> {
  const lay = transposedLayout(axis);
  if (!lay.ok) return lay;
  const counts = new Array<number>(lay.value.o).fill(0);
  for (let j = 0; j < axis.i; j++)
    for (let t = 0; t < axis.k; t++) {
      const o = j * axis.s + t - axis.p;
      if (o >= 0 && o < counts.length) counts[o]! += 1;
    }
  return { ok: true, value: counts };
}

export interface OverlapPattern {
  /** counts along the rows and the columns (`overlapCounts1d`) */
  rows: number[];
  cols: number[];
  /** grid[y][x] = rows[y] · cols[x]: kernel copies summed into output pixel (y, x) */
  grid: number[][];
  /** smallest and largest count in the grid */
  min: number;
  max: number;
  /**
   * The distinct counts in the interior (output positions every kernel tap can reach, away from
   * the borders), ascending; more than one value is the checkerboard.
   */
  interior: number[];
  /** true when the interior counts differ: k is not divisible by s (the checkerboard) */
  uneven: boolean;
}

/** Interior positions of one axis: o with k − 1 ≤ o + p ≤ s(i − 1) (full overlap possible). */
function interiorOf(axis: TransposedAxis, counts: number[]): number[] {
  return counts.filter((_, o) => o + axis.p >= axis.k - 1 && o + axis.p <= axis.s * (axis.i - 1));
}

/**
 * Overlap counts on an H × W input (square kernel, same k, s, p, a on both axes): the count at
 * (y, x) is rows[y]·cols[x] — the number of scaled kernel copies summed into that output pixel.
 * Interior counts are uneven (a checkerboard) exactly when k mod s ≠ 0 (Odena et al., 2016).
 */
export function overlapPattern(
  h: number,
  w: number,
  k: number,
  s: number,
  p: number,
  a = 0,
): Checked<OverlapPattern> {
  const rows = overlapCounts1d({ i: h, k, s, p, a });
  const cols = overlapCounts1d({ i: w, k, s, p, a });
  if (!rows.ok || !cols.ok) return fail([rows, cols]);
  const grid = rows.value.map((r) => cols.value.map((c) => r * c));
  const flat = grid.flat();
  const ri = interiorOf({ i: h, k, s, p, a }, rows.value);
  const ci = interiorOf({ i: w, k, s, p, a }, cols.value);
  const interior = [...new Set(ri.flatMap((r) => ci.map((c) => r * c)))].sort((x, y) => x - y);
  return {
    ok: true,
    value: {
      rows: rows.value,
      cols: cols.value,
      grid,
      min: Math.min(...flat),
      max: Math.max(...flat),
      interior,
      uneven: interior.length > 1,
    },
  };
}

/** The rule of thumb behind the checkerboard: uneven overlap unless s divides k (k mod s ≠ 0). */
export function checkerboardExpected(k: number, s: number): boolean {
  return k % s !== 0;
}

function fail(results: Checked<unknown>[]): { ok: false; problems: Problem[] } {
  return { ok: false, problems: uniqueProblems(results.flatMap((r) => (r.ok ? [] : r.problems))) };
}

/**
 * A reference transposed convolution in scatter form, plain loops in float64 (no tfjs).
 * Layouts as in the reference convolution: input x[c][r][col] (C_in × H × W), kernels
 * w[m][c][u][v] (C_out × C_in × k × k), bias b[m]; output y[m][Y][X] (C_out × H_out × W_out) with
 *
 *   y[m][r·s + u − p][col·s + v − p] += x[c][r][col] · w[m][c][u][v]   (for every c, r, col, u, v)
 *
 * then + b[m] everywhere. H_out = s(H − 1) + a + k − 2p (likewise W_out). `steps` (default all)
 * scatters only the first `steps` input positions (r, col) in reading order — the partial sums
 * of a step-through. This equals TensorFlow's conv2dTranspose with filter [k, k, C_out, C_in]
 * (no kernel flip in this form).
 */
export function referenceConvTranspose(
  input: number[][][],
  kernels: number[][][][],
  bias: number[],
  s: number,
  p: number,
  a = 0,
  steps = Number.POSITIVE_INFINITY,
): Checked<number[][][]> {
  const h = input[0]?.length ?? 0;
  const w = input[0]?.[0]?.length ?? 0;
  const k = kernels[0]?.[0]?.length ?? 0;
  const oh = transposedOutput(h, k, s, p, a);
  const ow = transposedOutput(w, k, s, p, a);
  if (!oh.ok || !ow.ok) return fail([oh, ow]);
  const wrong = kernels.find((bank) => bank.length !== input.length);
  if (wrong)
    return {
      ok: false,
      problems: [problem('channelMismatch', { kernel: wrong.length, input: input.length })],
    };
  const out = kernels.map((_, m) =>
    Array.from({ length: oh.value }, () => new Array<number>(ow.value).fill(bias[m] ?? 0)),
  );
  let done = 0;
  for (let r = 0; r < h; r++)
    for (let col = 0; col < w; col++) {
      if (done >= steps) return { ok: true, value: out };
      done += 1;
      for (let m = 0; m < kernels.length; m++)
        for (let c = 0; c < input.length; c++) {
          const x = input[c]![r]![col]!;
          const kernel = kernels[m]![c]!;
          for (let u = 0; u < k; u++) {
            const y = r * s + u - p;
            if (y < 0 || y >= oh.value) continue;
            for (let v = 0; v < k; v++) {
              const xx = col * s + v - p;
              if (xx >= 0 && xx < ow.value) out[m]![y]![xx]! += x * kernel[u]![v]!;
            }
          }
        }
    }
  return { ok: true, value: out };
}

/**
 * Where input position (r, col)'s kernel copy lands in the output: rows r·s − p … r·s − p + k − 1
 * and columns col·s − p … col·s − p + k − 1, clipped to the output (may be empty at the borders).
 */
export function scatterFootprint(
  r: number,
  col: number,
  k: number,
  s: number,
  p: number,
  oh: number,
  ow: number,
): { top: number; left: number; bottom: number; right: number } {
  return {
    top: Math.max(0, r * s - p),
    left: Math.max(0, col * s - p),
    bottom: Math.min(oh - 1, r * s - p + k - 1),
    right: Math.min(ow - 1, col * s - p + k - 1),
  };
}

/**
 * The matrix of a 1-D convolution with kernel w (length k), stride s, padding p on an input of
 * length i: C[r][j] = w[j − r·s + p] when 0 ≤ j − r·s + p < k, else 0; o = ⌊(i + 2p − k)/s⌋ + 1
 * rows. The convolution is y = C·x; the transposed convolution with the same w, s, p is Cᵀ·y.
 */
export function convMatrix1d(i: number, w: number[], s = 1, p = 0): number[][] {
  const k = w.length;
  const o = Math.max(0, Math.floor((i + 2 * p - k) / s) + 1);
  return Array.from({ length: o }, (_, r) =>
    Array.from({ length: i }, (_, j) => {
      const t = j - r * s + p;
      return t >= 0 && t < k ? w[t]! : 0;
    }),
  );
}

/** Mᵀ: rows become columns. */
export function transposeMatrix(m: number[][]): number[][] {
  return Array.from({ length: m[0]?.length ?? 0 }, (_, j) => m.map((row) => row[j]!));
}

/** M·x: entry r is Σ_j M[r][j]·x[j]. */
export function applyMatrix(m: number[][], x: number[]): number[] {
  return m.map((row) => row.reduce((acc, v, j) => acc + v * (x[j] ?? 0), 0));
}
