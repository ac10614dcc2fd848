/**
 * Between the channel-first volumes of the reference convolution (`referenceConv` in
 * `src/lib/cnn`) and TensorFlow.js's layouts: input HWC, filter HWIO, output HWC. Pure: no tfjs.
 * Import it as `~/lib/tf/layout` (the `~/lib/tf` index also brings the worker client).
 */
import type { KernelBank, Volume } from '~/lib/cnn/reference-conv';
import type { Conv2dArgs, TensorResult } from './protocol';

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
