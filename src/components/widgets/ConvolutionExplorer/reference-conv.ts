/**
 * A hand-written reference convolution, plain loops and no tfjs: the widget's step-by-step
 * multiply–adds, its server-rendered numbers, and the yardstick TensorFlow.js is checked against.
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
import type { Conv2dArgs, TensorResult } from '~/lib/tf/protocol';

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

/** Output size along one axis: ⌊(n + 2p − k)/s⌋ + 1 (0 when the kernel does not fit). */
export function outSize(n: number, k: number, s: number, p: number): number {
  const span = n + 2 * p - k;
  return span < 0 ? 0 : Math.floor(span / s) + 1;
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
  const oh = outSize(h, k, s, p);
  const ow = outSize(w, k, s, p);
  return kernels.map((_, m) =>
    Array.from({ length: oh }, (_, r) =>
      Array.from({ length: ow }, (_, col) => cellBreakdown(input, kernels, bias, s, p, m, r, col).value),
    ),
  );
}

/** The same convolution as `Conv2dArgs` for TensorFlow.js: input HWC, filter HWIO. */
export function toConv2dArgs(
  input: Volume,
  kernels: KernelBank,
  bias: number[],
  s: number,
  p: number,
): Conv2dArgs {
  const cIn = input.length;
  const h = input[0]?.length ?? 0;
  const w = input[0]?.[0]?.length ?? 0;
  const cOut = kernels.length;
  const k = kernels[0]?.[0]?.length ?? 0;
  const x = new Float32Array(h * w * cIn);
  for (let c = 0; c < cIn; c++)
    for (let y = 0; y < h; y++) for (let xx = 0; xx < w; xx++) x[(y * w + xx) * cIn + c] = input[c]![y]![xx]!;
  const f = new Float32Array(k * k * cIn * cOut);
  for (let m = 0; m < cOut; m++)
    for (let c = 0; c < cIn; c++)
      for (let i = 0; i < k; i++)
        for (let j = 0; j < k; j++) f[((i * k + j) * cIn + c) * cOut + m] = kernels[m]![c]![i]![j]!;
  return {
    input: { shape: [h, w, cIn], data: x },
    filter: { shape: [k, k, cIn, cOut], data: f },
    bias: Float32Array.from(bias),
    stride: s,
    pad: p,
  };
}

/** A TensorFlow.js output [H_out, W_out, C_out] back into the widget's C_out × H_out × W_out. */
export function fromTensorResult(result: TensorResult): Volume {
  const [oh = 0, ow = 0, cOut = 0] = result.shape;
  return Array.from({ length: cOut }, (_, m) =>
    Array.from({ length: oh }, (_, r) =>
      Array.from({ length: ow }, (_, c) => result.data[(r * ow + c) * cOut + m]!),
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
