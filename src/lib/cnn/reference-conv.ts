/**
 * The reference convolution: plain loops in float64, no tfjs. ConvolutionExplorer shows its
 * multiply–adds step by step and prints its numbers before TensorFlow.js answers, and the tests
 * check TensorFlow.js against it (`test/unit/lib/tf/`).
 *
 * Layouts (channel first, as the widget draws them):
 *   input   x[c][y][x]        C_in × H × W
 *   kernels w[m][c][i][j]     C_out × C_in × k × k
 *   bias    b[m]              C_out
 *   output  y[m][r][col]      C_out × H_out × W_out
 *
 * y[m][r][col] = Σ_c Σ_i Σ_j x̃[c][r·s + i][col·s + j] · w[m][c][i][j] + b[m],
 * where x̃ is x with p zeros around it (padded coordinates: x̃[c][y][x] = x[c][y − p][x − p]).
 */
import { outputSize } from './conv-arithmetic';

/** C × H × W */
export type Volume = number[][][];
/** C_out × C_in × k × k */
export type KernelBank = number[][][][];

export interface Term {
  /** input channel */
  c: number;
  /** kernel row and column */
  i: number;
  j: number;
  /** position in the padded input */
  y: number;
  x: number;
  /** the input value there (0 in the padding) */
  value: number;
  weight: number;
  /** true when (y, x) is a padding cell */
  padding: boolean;
}

export interface ChannelSum {
  c: number;
  terms: Term[];
  /** Σ_i Σ_j value·weight for this channel */
  sum: number;
}

/** Every multiply–add behind one output value. */
export interface CellBreakdown {
  m: number;
  row: number;
  col: number;
  channels: ChannelSum[];
  bias: number;
  /** Σ channel sums + bias */
  value: number;
}

/** Value of the padded input x̃[c][y][x] (0 outside the image). */
export function paddedValue(input: Volume, c: number, y: number, x: number, p: number): number {
  const row = input[c]?.[y - p];
  const v = row?.[x - p];
  return v === undefined ? 0 : v;
}

/** The multiply–adds for output y[m][row][col], channel by channel, plus the bias. */
export function cellBreakdown(
  input: Volume,
  kernels: KernelBank,
  bias: number[],
  s: number,
  p: number,
  m: number,
  row: number,
  col: number,
): CellBreakdown {
  const h = input[0]?.length ?? 0;
  const w = input[0]?.[0]?.length ?? 0;
  const channels: ChannelSum[] = (kernels[m] ?? []).map((kernel, c) => {
    const terms: Term[] = [];
    let sum = 0;
    kernel.forEach((kRow, i) =>
      kRow.forEach((weight, j) => {
        const y = row * s + i;
        const x = col * s + j;
        const value = paddedValue(input, c, y, x, p);
        const padding = y < p || y >= p + h || x < p || x >= p + w;
        terms.push({ c, i, j, y, x, value, weight, padding });
        sum += value * weight;
      }),
    );
    return { c, terms, sum };
  });
  const b = bias[m] ?? 0;
  return { m, row, col, channels, bias: b, value: channels.reduce((a, ch) => a + ch.sum, 0) + b };
}

/** The whole output y[m][r][col] by the definition (loops, float64). */
export function referenceConv(
  input: Volume,
  kernels: KernelBank,
  bias: number[],
  s: number,
  p: number,
): Volume {
  const h = input[0]?.length ?? 0;
  const w = input[0]?.[0]?.length ?? 0;
  const k = kernels[0]?.[0]?.length ?? 0;
  // output size o = ⌊(n + 2p − k)/s⌋ + 1 from the conv arithmetic; none when the kernel does not fit
  const oh = outputSize(h, k, p, s) ?? 0;
  const ow = outputSize(w, k, p, s) ?? 0;
  return kernels.map((_, m) =>
    Array.from({ length: oh }, (_, r) =>
      Array.from({ length: ow }, (_, col) => cellBreakdown(input, kernels, bias, s, p, m, r, col).value),
    ),
  );
}

/** Largest |a − b| over two volumes of the same shape; Infinity when the shapes differ. */
export function maxDifference(a: Volume, b: Volume): number {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  for (let m = 0; m < a.length; m++) {
    if (a[m]!.length !== b[m]!.length) return Infinity;
    for (let r = 0; r < a[m]!.length; r++) {
      if (a[m]![r]!.length !== b[m]![r]!.length) return Infinity;
      for (let c = 0; c < a[m]![r]!.length; c++) max = Math.max(max, Math.abs(a[m]![r]![c]! - b[m]![r]![c]!));
    }
  }
  return max;
}
