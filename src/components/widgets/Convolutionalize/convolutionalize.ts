/**
 * The Convolutionalize widget's pure part: a small seeded classifier ending in a dense layer, the
 * images it runs on, and the shapes and parameter counts from the engine.
 *
 * Network (training size 10×10×1):
 *   conv1 3×3, 1 → 8, ReLU            10×10 → 8×8
 *   conv2 3×3, stride 2, p 1, 8 → 16, ReLU   8×8 → 4×4
 *   flatten 4·4·16 = 256 → dense 10   (the lecture note's 4×4×16 → 10 example)
 * Convolutionalised, the dense layer is a 4×4 convolution 16 → 10 with the same 2,560 + 10
 * parameters; on an n×n input it returns an (⌊(n − 3)/2⌋ + 1 − 3) square map of 10 scores.
 */
import {
  analyze,
  denseToConvFilter,
  referenceConv,
  fcAsConv,
  mulberry32,
  problem,
  type Checked,
  type FcAsConv,
  type Layer,
  type Problem,
  type SpatialShape,
} from '~/lib/cnn';
import type { ConvolutionalizeArgs, ConvolutionalizeResult } from '~/lib/tf/protocol';

export const TRAIN_SIZE = 10;
export const MIN_SIZE = TRAIN_SIZE;
export const MAX_SIZE = 40;
export const CLASSES = 10;

/** The feature layers, as the engine describes them. */
export const featureLayers: Layer[] = [
  { kind: 'conv', name: 'conv1', out: 8, k: 3 },
  { kind: 'relu' },
  { kind: 'conv', name: 'conv2', out: 16, k: 3, s: 2, p: 1 },
  { kind: 'relu' },
];
/** The dense head: flatten + fc. */
export const denseHead: Layer[] = [{ kind: 'flatten' }, { kind: 'fc', name: 'dense', out: CLASSES }];
/** The convolutional head: the dense layer as a 4×4 convolution. */
export const convHead: Layer[] = [{ kind: 'conv', name: 'dense_as_conv', out: CLASSES, k: 4 }];

/** Checks the input size n: a whole number in [MIN_SIZE, MAX_SIZE]. */
export function checkSize(n: number): Problem[] {
  if (Number.isNaN(n)) return [problem('missing', { what: 'n' })];
  if (!Number.isInteger(n)) return [problem('notInteger', { what: 'n', value: String(n) })];
  if (n < MIN_SIZE || n > MAX_SIZE)
    return [problem('outOfRange', { what: 'n', min: MIN_SIZE, max: MAX_SIZE, value: n })];
  return [];
}

export interface Shapes {
  /** the feature map on this input */
  features: SpatialShape;
  /** the feature map at the training size (what the dense layer reads) */
  trainFeatures: SpatialShape;
  /** the conv version's score map */
  scores: SpatialShape;
  /** true when the dense version can run: the feature map has exactly the training length */
  denseRuns: boolean;
  /** h·w·C at the training size, and on this input */
  expected: number;
  got: number;
  /** parameters of the dense layer and of its convolution (equal) */
  params: FcAsConv;
}

/** Shapes and counts from the engine for an n×n input (n already checked). */
export function shapesFor(n: number): Checked<Shapes> {
  const f = analyze(featureLayers, { h: n, w: n, c: 1 });
  const t = analyze(featureLayers, { h: TRAIN_SIZE, w: TRAIN_SIZE, c: 1 });
  if (!f.ok) return f;
  if (!t.ok) return t;
  const features = f.value.output as SpatialShape;
  const trainFeatures = t.value.output as SpatialShape;
  const scores = analyze([...featureLayers, ...convHead], { h: n, w: n, c: 1 });
  if (!scores.ok) return scores;
  const expected = trainFeatures.h * trainFeatures.w * trainFeatures.c;
  const got = features.h * features.w * features.c;
  return {
    ok: true,
    value: {
      features,
      trainFeatures,
      scores: scores.value.output as SpatialShape,
      denseRuns: got === expected,
      expected,
      got,
      params: fcAsConv(trainFeatures, CLASSES),
    },
  };
}

/** Seeded weights, scaled like He initialisation (√(2 / fan-in)) so activations stay moderate. */
function weights(rnd: () => number, count: number, fanIn: number): Float32Array {
  const scale = Math.sqrt(2 / fanIn);
  return Float32Array.from({ length: count }, () => (rnd() * 2 - 1) * scale * Math.sqrt(3) * 0.5);
}

/** The network's weights (seeded, so the server render and every reload agree). */
export function buildNet(seed = 7): Omit<ConvolutionalizeArgs, 'input'> {
  const rnd = mulberry32(seed);
  const nIn = 4 * 4 * 16;
  return {
    layers: [
      {
        filter: { shape: [3, 3, 1, 8], data: weights(rnd, 3 * 3 * 8, 9) },
        bias: weights(rnd, 8, 9),
        stride: 1,
        pad: 0,
        relu: true,
      },
      {
        filter: { shape: [3, 3, 8, 16], data: weights(rnd, 3 * 3 * 8 * 16, 72) },
        bias: weights(rnd, 16, 72),
        stride: 2,
        pad: 1,
        relu: true,
      },
    ],
    dense: {
      weights: { shape: [nIn, CLASSES], data: weights(rnd, nIn * CLASSES, nIn) },
      bias: weights(rnd, CLASSES, nIn),
    },
    trainMap: [4, 4, 16],
  };
}

/**
 * A synthetic n×n grey image: a dark background with bright shapes — a plus sign, a square ring and
 * a diagonal bar — tiled every 10 pixels, so a larger image holds several copies at shifted places.
 * Values in [0, 1].
 */
export function scene(n: number): number[][] {
  const shape = (y: number, x: number, kind: number): number => {
    if (kind === 0) return (y === 4 || x === 4) && y >= 1 && y <= 7 && x >= 1 && x <= 7 ? 1 : 0;
    if (kind === 1)
      return (y === 2 || y === 7 || x === 2 || x === 7) && y >= 2 && y <= 7 && x >= 2 && x <= 7 ? 1 : 0;
    return Math.abs(y - x) <= 1 && y >= 1 && y <= 8 ? 1 : 0;
  };
  return Array.from({ length: n }, (_, y) =>
    Array.from({ length: n }, (_, x) => {
      const tile = Math.floor(y / 10) + 2 * Math.floor(x / 10);
      return 0.1 + 0.8 * shape(y % 10, x % 10, tile % 3);
    }),
  );
}

/** The image as a [n, n, 1] tensor for the worker. */
export function sceneTensor(n: number): ConvolutionalizeArgs['input'] {
  return { shape: [n, n, 1], data: Float32Array.from(scene(n).flat()) };
}

/** Index of the largest entry (the predicted class). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

/** One class's plane of an [H, W, units] score map, as rows. */
export function classPlane(map: { shape: number[]; data: ArrayLike<number> }, m: number): number[][] {
  const [h = 0, w = 0, units = 1] = map.shape;
  return Array.from({ length: h }, (_, y) =>
    Array.from({ length: w }, (_, x) => map.data[(y * w + x) * units + m]!),
  );
}

/** What the widget shows for one input: the same fields as the worker's `convolutionalize` result. */
export interface Forward {
  /** feature map [H', W', C] */
  features: number[];
  /** the conv head's map, one plane per class: scores[m][y][x] */
  scores: number[][][];
  /** the dense head's scores, or null when it cannot run on this input */
  dense: number[] | null;
  /** max |dense − conv| when the dense head ran */
  maxDifference: number | null;
}

/** A [k_h, k_w, C_in, C_out] filter as kernels w[m][c][i][j] (the reference convolution's layout). */
function kernelsOf(filter: { shape: number[]; data: ArrayLike<number> }): number[][][][] {
  const [kh = 0, kw = 0, cIn = 0, cOut = 0] = filter.shape;
  return Array.from({ length: cOut }, (_, m) =>
    Array.from({ length: cIn }, (_, c) =>
      Array.from({ length: kh }, (_, i) =>
        Array.from({ length: kw }, (_, j) => filter.data[((i * kw + j) * cIn + c) * cOut + m]!),
      ),
    ),
  );
}

/**
 * The whole computation with plain loops (float64), for the server render and as a check: the
 * feature layers (`referenceConv` + ReLU), then the dense head on the flattened features (H·W·C
 * order) when their length is h·w·C, and the conv head with the dense weights as an h × w filter.
 */
export function referenceForward(net: Omit<ConvolutionalizeArgs, 'input'>, n: number): Forward {
  let x: number[][][] = [scene(n)];
  for (const layer of net.layers) {
    const pad = typeof layer.pad === 'number' ? layer.pad : 0;
    x = referenceConv(x, kernelsOf(layer.filter), Array.from(layer.bias ?? []), layer.stride, pad);
    if (layer.relu) x = x.map((plane) => plane.map((row) => row.map((v) => Math.max(0, v))));
  }
  const [c, h, w] = [x.length, x[0]?.length ?? 0, x[0]?.[0]?.length ?? 0];
  const [th, tw, tc] = net.trainMap;
  const units = net.dense.weights.shape[1]!;
  const bias = Array.from(net.dense.bias ?? new Array<number>(units).fill(0));
  const filter = denseToConvFilter(net.dense.weights.data, { h: th, w: tw, c: tc }, units);
  const scores = referenceConv(x, kernelsOf(filter), bias, 1, 0);
  let dense: number[] | null = null;
  let diff: number | null = null;
  if (h * w * c === th * tw * tc) {
    const flat: number[] = [];
    for (let y = 0; y < h; y++)
      for (let xx = 0; xx < w; xx++) for (let ch = 0; ch < c; ch++) flat.push(x[ch]![y]![xx]!);
    const W = net.dense.weights.data;
    dense = bias.map((b, m) => flat.reduce((acc, v, k) => acc + v * W[k * units + m]!, b));
    diff = Math.max(...dense.map((v, m) => Math.abs(v - scores[m]![0]![0]!)));
  }
  return { features: [h, w, c], scores, dense, maxDifference: diff };
}

/** The worker's result in the same shape as `referenceForward`. */
export function forwardOf(result: ConvolutionalizeResult): Forward {
  const [h = 0, w = 0, units = 0] = result.conv.shape;
  return {
    features: result.features,
    scores: Array.from({ length: units }, (_, m) => classPlane(result.conv, m)).map((p) =>
      p.slice(0, h).map((r) => r.slice(0, w)),
    ),
    dense: result.dense.ok ? Array.from(result.dense.scores.data) : null,
    maxDifference: result.maxDifference,
  };
}

/** Shade of a score within its plane: 0 at the plane's minimum, 100 at its maximum. */
export function heatShade(value: number, min: number, max: number): number {
  return max > min ? Math.round((100 * (value - min)) / (max - min)) : 50;
}
