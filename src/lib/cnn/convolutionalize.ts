/**
 * A dense (fully connected) layer on an h × w × C map is a convolution whose kernel covers the whole
 * map: the same weights, reshaped. Symbols: map h × w × C_in, C_out = units.
 */
import { convParams, fcParams, type Params } from './formulas';
import type { SpatialShape } from './network';

export interface FcAsConv {
  /** the map the dense layer reads, flattened to n_in = h·w·C_in values */
  map: SpatialShape;
  units: number;
  /** n_in = h·w·C_in */
  nIn: number;
  /** dense: weights n_in·C_out, biases C_out */
  fc: Params;
  /** convolution with k_h = h, k_w = w: weights h·w·C_in·C_out, biases C_out */
  conv: Params;
}

/**
 * Parameters of a dense layer on an h × w × C_in map and of the equivalent h × w convolution:
 * n_in·C_out = (h·w·C_in)·C_out = h·w·C_in·C_out weights both ways, plus C_out biases.
 * 20×20×1000 → 1000: 4×10⁸ weights each; 4×4×16 → 10: 2,560 weights + 10 biases each.
 */
export function fcAsConv(map: SpatialShape, units: number, bias = true): FcAsConv {
  const nIn = map.h * map.w * map.c;
  return {
    map,
    units,
    nIn,
    fc: fcParams(nIn, units, bias),
    conv: convParams({ kh: map.h, kw: map.w, cIn: map.c, cOut: units, bias }),
  };
}

/**
 * Rewrites dense weights W[n][m] (row-major n_in × C_out, input flattened in H·W·C order as
 * TensorFlow flattens an H × W × C map: n = (y·w + x)·C_in + c) as a convolution filter
 * F[y][x][c][m] (TensorFlow's [k_h, k_w, C_in, C_out] layout): F[y][x][c][m] = W[(y·w + x)·C_in + c][m].
 * In these two layouts the numbers do not even move; the function spells the index map out.
 */
export function denseToConvFilter(
  weights: ArrayLike<number>,
  map: SpatialShape,
  units: number,
): { shape: [number, number, number, number]; data: Float32Array } {
  const data = new Float32Array(map.h * map.w * map.c * units);
  for (let y = 0; y < map.h; y++)
    for (let x = 0; x < map.w; x++)
      for (let c = 0; c < map.c; c++)
        for (let m = 0; m < units; m++) {
          const n = (y * map.w + x) * map.c + c;
          data[((y * map.w + x) * map.c + c) * units + m] = weights[n * units + m]!;
        }
  return { shape: [map.h, map.w, map.c, units], data };
}
