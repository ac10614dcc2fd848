/**
 * Between the channel-first volumes of the reference convolutions (`referenceConv`,
 * `referenceConvTranspose` in `src/lib/cnn`) and TensorFlow.js's layouts: input HWC, filter HWIO
 * (conv2dTranspose: [k, k, C_out, C_in]), output HWC. Pure: no tfjs.
 * Import it as `~/lib/tf/layout` (the `~/lib/tf` index also brings the worker client).
 */
import type { KernelBank, Volume } from '~/lib/cnn/reference-conv';
import type { Conv2dArgs, Conv2dTransposeArgs, TensorResult } from './protocol';

/** The same convolution as `Conv2dArgs` for TensorFlow.js: input HWC, filter HWIO. */
export function toConv2dArgs(
  input: Volume,
  kernels: KernelBank,
  bias: number[],
  s: number,
  p: number,
): Conv2dArgs {
  const cIn = input.length;
  const cOut = kernels.length;
  const k = kernels[0]?.[0]?.length ?? 0;
  const f = new Float32Array(k * k * cIn * cOut);
  for (let m = 0; m < cOut; m++)
    for (let c = 0; c < cIn; c++)
      for (let i = 0; i < k; i++)
        for (let j = 0; j < k; j++) f[((i * k + j) * cIn + c) * cOut + m] = kernels[m]![c]![i]![j]!;
  return {
    input: volumeToHwc(input),
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

/** x[c][y][x] (C × H × W) → row-major [H, W, C] data. */
export function volumeToHwc(volume: Volume): { shape: [number, number, number]; data: Float32Array } {
  const c = volume.length;
  const h = volume[0]?.length ?? 0;
  const w = volume[0]?.[0]?.length ?? 0;
  const data = new Float32Array(h * w * c);
  for (let ch = 0; ch < c; ch++)
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[(y * w + x) * c + ch] = volume[ch]![y]![x]!;
  return { shape: [h, w, c], data };
}

/**
 * The transposed convolution y = Σ scatter(x, w) + b (kernels w[m][c][u][v], as
 * `referenceConvTranspose` takes them) as TensorFlow args: filter F[u][v][m][c] = w[m][c][u][v],
 * shape [k, k, C_out, C_in]; output padding a.
 */
export function convTransposeArgs(
  input: Volume,
  kernels: KernelBank,
  bias: number[],
  s: number,
  p: number,
  a = 0,
): Conv2dTransposeArgs {
  const cOut = kernels.length;
  const cIn = input.length;
  const k = kernels[0]?.[0]?.length ?? 0;
  const f = new Float32Array(k * k * cOut * cIn);
  for (let m = 0; m < cOut; m++)
    for (let c = 0; c < cIn; c++)
      for (let u = 0; u < k; u++)
        for (let v = 0; v < k; v++) f[((u * k + v) * cOut + m) * cIn + c] = kernels[m]![c]![u]![v]!;
  return {
    input: volumeToHwc(input),
    filter: { shape: [k, k, cOut, cIn], data: f },
    bias: Float32Array.from(bias),
    stride: s,
    pad: p,
    outputPadding: a,
  };
}
