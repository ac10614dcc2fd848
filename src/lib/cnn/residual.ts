/**
 * Plain versus residual convolutional networks, as data: the settings of the ResidualGradientFlow
 * experiment, their checks, the seeded weights both networks share, the seeded synthetic image
 * task they are trained on, and summaries of the measured gradients and losses. Pure: no DOM, no
 * tfjs (the tensor work is in `src/lib/tf/residual-nets.ts`, which builds on this module).
 *
 * The networks (NHWC, 3×3 convolutions with padding 1 so every map stays S×S):
 *   stem   h₀ = W₀ ∗ x + b₀                                  (C₀ = 1 → C channels)
 *   block ℓ = 1…L   u_ℓ = f(BN(h_{ℓ−1})),  F_ℓ = W_ℓ ∗ u_ℓ + b_ℓ
 *            residual h_ℓ = h_{ℓ−1} + F_ℓ       plain h_ℓ = F_ℓ
 *   head   z = f(BN(h_L)),  g = mean over the S×S positions of z,  logits = g·V + c
 *   loss   cross-entropy of softmax(logits) against the labels, averaged over the batch.
 * BN (optional) normalises each channel with the batch's mean and variance (γ = 1, β = 0 at the
 * start). The blocks are pre-activation blocks (He et al. 2016b) with one convolution each, so
 * the plain network is an ordinary stack of L + 1 convolutions and the residual one differs from
 * it only by the identity paths: both use the same weights.
 */
import { mulberry32, normalSampler, activationKinds, type ActivationKind } from './activations';
import { checkWhole } from './conv-arithmetic';
import { problem, type Checked, type Problem } from './problems';

export const initKinds = ['he', 'glorot', 'small'] as const;
export type InitKind = (typeof initKinds)[number];

/** Is `value` one of the initialisations this module knows? */
export function isInitKind(value: unknown): value is InitKind {
  return typeof value === 'string' && (initKinds as readonly string[]).includes(value);
}

export interface ResidualConfig {
  /** number of blocks L (one 3×3 convolution each), 1 … MAX_BLOCKS */
  depth: number;
  /** channels C of every block, 1 … MAX_WIDTH */
  width: number;
  activation: ActivationKind;
  init: InitKind;
  batchNorm: boolean;
  /** whether the second network has its identity paths; false makes it the plain network */
  skips: boolean;
  /** image side S (images are S×S×1) */
  imageSize: number;
  /** images per batch N */
  batch: number;
  /** seed of the weights and of the data */
  seed: number;
}

export const MAX_BLOCKS = 60;
export const MAX_WIDTH = 32;
export const MIN_IMAGE = 6;
export const MAX_IMAGE = 32;
export const MAX_BATCH = 256;
/** kernel size k of every convolution (padding (k − 1)/2 keeps the size) */
export const KERNEL = 3;
/** classes of the synthetic task: horizontal, vertical, ↘ diagonal, ↙ diagonal bar */
export const BAR_CLASSES = ['horizontal', 'vertical', 'diagonal', 'antidiagonal'] as const;
export const CLASSES = BAR_CLASSES.length;
/** batch-norm ε in (h − μ)/√(σ² + ε) */
export const BN_EPSILON = 1e-5;
/** standard deviation of the "small" initialisation (the fixed N(0, 0.01²) of early networks) */
export const SMALL_STD = 0.01;

export const defaultResidualConfig: ResidualConfig = {
  depth: 30,
  width: 8,
  activation: 'sigmoid',
  init: 'glorot',
  batchNorm: false,
  skips: true,
  imageSize: 8,
  batch: 32,
  seed: 1,
};

/**
 * Checks the numeric settings a reader can type; returns the config or the problems (what:
 * depth, width, imageSize, batch, seed). The kinds are checked by `isResidualConfig`.
 */
export function checkResidualConfig(c: ResidualConfig): Checked<ResidualConfig> {
  const problems = [
    checkWhole('depth', c.depth, 1, MAX_BLOCKS),
    checkWhole('width', c.width, 1, MAX_WIDTH),
    checkWhole('imageSize', c.imageSize, 1, MAX_IMAGE),
    checkWhole('batch', c.batch, 1, MAX_BATCH),
    checkWhole('seed', c.seed, 0, 0xffffffff),
  ].filter((p): p is Problem => p !== null);
  if (!problems.some((p) => p.values.what === 'imageSize') && c.imageSize < MIN_IMAGE)
    problems.push(
      problem('outOfRange', { what: 'imageSize', min: MIN_IMAGE, max: MAX_IMAGE, value: c.imageSize }),
    );
  return problems.length ? { ok: false, problems } : { ok: true, value: c };
}

/** Whether `value` has the structure of a ResidualConfig (kinds known, flags boolean, numbers numbers). */
export function isResidualConfig(value: unknown): value is ResidualConfig {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return (
    (activationKinds as readonly unknown[]).includes(c.activation) &&
    isInitKind(c.init) &&
    typeof c.batchNorm === 'boolean' &&
    typeof c.skips === 'boolean' &&
    ['depth', 'width', 'imageSize', 'batch', 'seed'].every((k) => typeof c[k] === 'number')
  );
}

/**
 * Standard deviation of a layer's initial weights, with fan_in = k²·C_in and fan_out = k²·C_out
 * (k = 1 for the dense head): He σ = √(2/fan_in) (He et al. 2015), Glorot σ = √(2/(fan_in + fan_out))
 * (Glorot & Bengio 2010, normal form), small σ = 0.01.
 */
export function initStd(kind: InitKind, fanIn: number, fanOut: number): number {
  switch (kind) {
    case 'he':
      return Math.sqrt(2 / fanIn);
    case 'glorot':
      return Math.sqrt(2 / (fanIn + fanOut));
    case 'small':
      return SMALL_STD;
  }
}

/** A weight array with its shape (row-major; convolutions in TensorFlow's HWIO layout). */
export interface WeightArray {
  shape: number[];
  data: Float32Array;
}

export interface LayerWeights {
  /** convolution [k, k, C_in, C_out] or dense [C, classes] */
  w: WeightArray;
  /** biases, length C_out (all 0 at the start) */
  b: Float32Array;
}

export interface ResidualWeights {
  stem: LayerWeights;
  blocks: LayerWeights[];
  head: LayerWeights;
}

/**
 * The initial weights both networks share: every weight drawn from N(0, σ²) with σ = `initStd`
 * of its layer (a seeded source, so the same config always gives the same weights), biases 0.
 * Layers are drawn in order stem, blocks 1…L, head, so a deeper network starts with the same
 * first layers as a shallower one.
 */
export function initWeights(c: ResidualConfig): ResidualWeights {
  const normal = normalSampler(mulberry32(c.seed * 2 + 1));
  const conv = (cIn: number, cOut: number): LayerWeights => {
    const fanIn = KERNEL * KERNEL * cIn;
    const fanOut = KERNEL * KERNEL * cOut;
    const std = initStd(c.init, fanIn, fanOut);
    const data = new Float32Array(KERNEL * KERNEL * cIn * cOut);
    for (let i = 0; i < data.length; i++) data[i] = normal() * std;
    return { w: { shape: [KERNEL, KERNEL, cIn, cOut], data }, b: new Float32Array(cOut) };
  };
  const stem = conv(1, c.width);
  const blocks = Array.from({ length: c.depth }, () => conv(c.width, c.width));
  const std = initStd(c.init, c.width, CLASSES);
  const head = new Float32Array(c.width * CLASSES);
  for (let i = 0; i < head.length; i++) head[i] = normal() * std;
  return {
    stem,
    blocks,
    head: { w: { shape: [c.width, CLASSES], data: head }, b: new Float32Array(CLASSES) },
  };
}

/** Number of trainable values of one network: 9·C + C + L·(9C² + C) + C·K + K (+ 2C per BN). */
export function residualParamCount(c: Pick<ResidualConfig, 'depth' | 'width' | 'batchNorm'>): number {
  const k2 = KERNEL * KERNEL;
  const bn = c.batchNorm ? 2 * c.width * (c.depth + 1) : 0;
  return (
    k2 * c.width + c.width + c.depth * (k2 * c.width * c.width + c.width) + c.width * CLASSES + CLASSES + bn
  );
}

/** A batch of synthetic images: `images` is [N, S, S, 1] row-major, `labels` the class of each. */
export interface ImageBatch {
  count: number;
  size: number;
  images: Float32Array;
  labels: Int32Array;
}

/** Length of the bar drawn in an S×S image: ⌈S/2⌉. */
export function barLength(size: number): number {
  return Math.ceil(size / 2);
}

/** Standard deviation of the pixel noise added to every image. */
export const NOISE_STD = 0.25;

/**
 * The synthetic task: each S×S image holds one bright bar (value 1, length ⌈S/2⌉) at a random
 * place, horizontal, vertical, ↘ or ↙ — the class to predict (classes in turn, so every class has
 * ⌊N/4⌋ or ⌈N/4⌉ images) — plus N(0, noise²) pixel noise (noise = 0.25 by default). Seeded: the
 * same seed gives the same images. Telling the four apart needs only oriented edge detectors,
 * which 3×3 convolutions learn.
 */
export function barImages(seed: number, count: number, size: number, noise = NOISE_STD): ImageBatch {
  const uniform = mulberry32(seed * 2 + 2);
  const normal = normalSampler(uniform);
  const len = barLength(size);
  const images = new Float32Array(count * size * size);
  const labels = new Int32Array(count);
  const pick = (n: number) => Math.min(n - 1, Math.floor(uniform() * n));
  for (let n = 0; n < count; n++) {
    const label = n % CLASSES;
    labels[n] = label;
    const base = n * size * size;
    for (let i = 0; i < size * size; i++) images[base + i] = normal() * noise;
    // direction (dr, dc) of the bar and the room it needs
    const [dr, dc] = (
      [
        [0, 1],
        [1, 0],
        [1, 1],
        [1, -1],
      ] as const
    )[label]!;
    const rows = size - (len - 1) * dr;
    const cols = size - (len - 1) * Math.abs(dc);
    const r0 = pick(rows);
    const c0 = pick(cols) + (dc < 0 ? len - 1 : 0);
    for (let t = 0; t < len; t++) images[base + (r0 + t * dr) * size + (c0 + t * dc)] += 1;
  }
  return { count, size, images, labels };
}

/** One-hot rows of the labels: y[n, k] = 1 if labels[n] = k, else 0 (shape [N, classes]). */
export function oneHot(labels: Int32Array, classes = CLASSES): Float32Array {
  const out = new Float32Array(labels.length * classes);
  labels.forEach((label, n) => (out[n * classes + label] = 1));
  return out;
}

/** The cross-entropy of a network that has learned nothing (uniform over K classes): ln K. */
export function chanceLoss(classes = CLASSES): number {
  return Math.log(classes);
}

/** The per-layer gradient norms of one network. */
export interface GradientNorms {
  /** ‖∂loss/∂W₀‖ of the stem convolution */
  stem: number;
  /** ‖∂loss/∂W_ℓ‖ for blocks ℓ = 1…L (Frobenius norm of the kernel's gradient) */
  blocks: number[];
  /** the loss at the initial weights */
  loss: number;
}

/**
 * Frobenius norm √(Σ g²) of `values`, computed as m·√(Σ (g/m)²) with m = max |g| so that tiny
 * gradients do not underflow when squared; 0 for an all-zero array, NaN if any value is not finite.
 */
export function gradientNorm(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]!);
    if (!Number.isFinite(a)) return Number.NaN;
    if (a > m) m = a;
  }
  if (m === 0) return 0;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i]! / m) ** 2;
  return m * Math.sqrt(s);
}

export interface GradientComparison {
  /** ‖∂loss/∂W₁‖ of the first block in each network */
  plainFirst: number;
  residualFirst: number;
  /** residualFirst / plainFirst (∞ when the plain gradient is exactly 0; null if not comparable) */
  ratio: number | null;
  /** the plain network's last-block / first-block ratio: how much the gradient shrinks on the way back */
  plainDecay: number | null;
  residualDecay: number | null;
  /** some gradient is 0 (underflowed), which a log scale cannot show */
  plainUnderflow: boolean;
  /** some norm or loss is NaN or infinite (the forward pass overflowed) */
  overflow: boolean;
}

const ratioOf = (a: number, b: number): number | null =>
  Number.isFinite(a) && Number.isFinite(b) && a >= 0 && b >= 0 && !(a === 0 && b === 0)
    ? b === 0
      ? Number.POSITIVE_INFINITY
      : a / b
    : null;

/** Compares the plain and the residual network's gradients at the first block (see fields). */
export function compareGradients(plain: GradientNorms, residual: GradientNorms): GradientComparison {
  const plainFirst = plain.blocks[0] ?? Number.NaN;
  const residualFirst = residual.blocks[0] ?? Number.NaN;
  const last = (g: GradientNorms) => g.blocks[g.blocks.length - 1] ?? Number.NaN;
  const all = [plain, residual].flatMap((g) => [g.stem, g.loss, ...g.blocks]);
  return {
    plainFirst,
    residualFirst,
    ratio: ratioOf(residualFirst, plainFirst),
    plainDecay: ratioOf(last(plain), plainFirst),
    residualDecay: ratioOf(last(residual), residualFirst),
    plainUnderflow: plain.blocks.some((g) => g === 0),
    overflow: all.some((v) => !Number.isFinite(v)),
  };
}

/** Training settings: SGD with momentum μ, learning rate η, for `steps` steps of `batch` images. */
export interface TrainConfig {
  /** learning rate η */
  learningRate: number;
  /** momentum μ: v ← μ·v + g, w ← w − η·v */
  momentum: number;
  /** total steps */
  steps: number;
  /** images in the training set (cycled in batches of `batch`) */
  trainSize: number;
}

export const learningRates = [0.01, 0.03, 0.1, 0.3] as const;
export const defaultTrainConfig: TrainConfig = {
  learningRate: 0.1,
  momentum: 0.9,
  steps: 300,
  trainSize: 512,
};
export const MAX_STEPS = 2000;

/** Checks the training settings (learning rate in (0, 10], momentum in [0, 1), whole steps). */
export function checkTrainConfig(t: TrainConfig): Problem[] {
  const problems: Array<Problem | null> = [
    checkWhole('steps', t.steps, 1, MAX_STEPS),
    checkWhole('trainSize', t.trainSize, 1, 1 << 14),
    Number.isFinite(t.learningRate) && t.learningRate > 0 && t.learningRate <= 10
      ? null
      : problem('outOfRange', { what: 'learningRate', min: 0, max: 10, value: String(t.learningRate) }),
    Number.isFinite(t.momentum) && t.momentum >= 0 && t.momentum < 1
      ? null
      : problem('outOfRange', { what: 'momentum', min: 0, max: 1, value: String(t.momentum) }),
  ];
  return problems.filter((p): p is Problem => p !== null);
}

/** steps averaged by `recentLoss` */
export const RECENT_WINDOW = 20;

/**
 * Mean of the last `window` finite losses (the training curve's current level; minibatch losses
 * are noisy). null when there is none.
 */
export function recentLoss(losses: ArrayLike<number>, window = RECENT_WINDOW): number | null {
  let sum = 0;
  let n = 0;
  for (let i = losses.length - 1; i >= 0 && n < window; i--) {
    const v = losses[i]!;
    if (Number.isFinite(v)) {
      sum += v;
      n++;
    }
  }
  return n ? sum / n : null;
}

/** The first step (0-based) whose loss is NaN or infinite, or null (the network diverged there). */
export function divergedAt(losses: ArrayLike<number>): number | null {
  for (let i = 0; i < losses.length; i++) if (!Number.isFinite(losses[i]!)) return i;
  return null;
}
