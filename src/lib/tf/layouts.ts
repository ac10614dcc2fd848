/**
 * Plain-data layout conversions between the lessons' channel-first arrays and TensorFlow's
 * channel-last tensors. No tfjs here: widgets import these on the main thread.
 *
 * Channel first (as widgets draw them): x[c][y][x] (C × H × W), kernels w[m][c][u][v]
 * (C_out × C_in × k × k). TensorFlow: input [H, W, C]; conv2dTranspose filter [k, k, C_out, C_in].
 */
import type { Conv2dTransposeArgs, TensorResult } from './protocol';

/** x[c][y][x] → row-major [H, W, C] data. */
export function volumeToHwc(volume: number[][][]): { shape: [number, number, number]; data: Float32Array } {
  const c = volume.length;
  const h = volume[0]?.length ?? 0;
  const w = volume[0]?.[0]?.length ?? 0;
  const data = new Float32Array(h * w * c);
  for (let ch = 0; ch < c; ch++)
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[(y * w + x) * c + ch] = volume[ch]![y]![x]!;
  return { shape: [h, w, c], data };
}

/** A [H, W, C] result back into C × H × W. */
export function hwcToVolume(result: TensorResult): number[][][] {
  const [h = 0, w = 0, c = 0] = result.shape;
  return Array.from({ length: c }, (_, ch) =>
    Array.from({ length: h }, (_, y) =>
      Array.from({ length: w }, (_, x) => result.data[(y * w + x) * c + ch]!),
    ),
  );
}

/**
 * The transposed convolution y = Σ scatter(x, w) + b (kernels w[m][c][u][v]) as TensorFlow args:
 * filter F[u][v][m][c] = w[m][c][u][v], shape [k, k, C_out, C_in].
 */
export function convTransposeArgs(
  input: number[][][],
  kernels: number[][][][],
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
