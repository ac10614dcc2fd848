/**
 * Plain and residual convolutional networks in TensorFlow.js (the networks are defined in
 * `src/lib/cnn/residual.ts`): one forward and backward pass that measures the gradient norm at
 * every layer of both networks, and side-by-side training with SGD and momentum, written with
 * tfjs-core ops only (no tfjs-layers, so the worker stays small).
 *
 * Training keeps its tensors between calls in one session (weights, velocities and the data set):
 * `residualTrainStart` creates it (ending any earlier one), `residualTrainSteps` runs steps until
 * a time budget is spent and returns their losses — the widget calls it in a loop, so the losses
 * stream in and a new setting cancels between two calls — and `residualTrainStop` disposes it.
 * Apart from a live session, no tensor outlives an op.
 */
import type * as TfCore from '@tensorflow/tfjs-core';
import {
  BN_EPSILON,
  CLASSES,
  barImages,
  checkResidualConfig,
  checkTrainConfig,
  initWeights,
  isResidualConfig,
  oneHot,
  residualParamCount,
  type GradientNorms,
  type ResidualConfig,
  type TrainConfig,
} from '~/lib/cnn/residual';
import type { Problem } from '~/lib/cnn/problems';
import type {
  ResidualGradientsArgs,
  ResidualGradientsResult,
  ResidualTrainStartArgs,
  ResidualTrainStartResult,
  ResidualTrainStepsArgs,
  ResidualTrainStepsResult,
  ResidualTrainStopResult,
} from './protocol';
import { OpArgsError, type Tf } from './ops';

type Tensor = TfCore.Tensor;
type Tensor4D = TfCore.Tensor4D;

/** The trainable tensors of one network, in a fixed order (see `flatten`). */
interface Params {
  stemW: Tensor4D;
  stemB: Tensor;
  blockW: Tensor4D[];
  blockB: Tensor[];
  headW: TfCore.Tensor2D;
  headB: Tensor;
  /** batch-norm scale γ and shift β before each block and before the head (L + 1 each); empty without BN */
  gamma: Tensor[];
  beta: Tensor[];
}

const flatten = (p: Params): Tensor[] => [
  p.stemW,
  p.stemB,
  ...p.blockW,
  ...p.blockB,
  p.headW,
  p.headB,
  ...p.gamma,
  ...p.beta,
];

function unflatten(list: Tensor[], depth: number, batchNorm: boolean): Params {
  let i = 0;
  const take = (n: number) => list.slice(i, (i += n));
  const [stemW, stemB] = take(2);
  const blockW = take(depth) as Tensor4D[];
  const blockB = take(depth);
  const [headW, headB] = take(2);
  const gamma = batchNorm ? take(depth + 1) : [];
  const beta = batchNorm ? take(depth + 1) : [];
  return {
    stemW: stemW as Tensor4D,
    stemB: stemB!,
    blockW,
    blockB,
    headW: headW as TfCore.Tensor2D,
    headB: headB!,
    gamma,
    beta,
  };
}

/** The initial parameters as tensors (the caller disposes them, or creates them in a tidy). */
function initialParams(tf: Tf, c: ResidualConfig): Params {
  const w = initWeights(c);
  const conv = (a: { shape: number[]; data: Float32Array }) =>
    tf.tensor4d(a.data, a.shape as [number, number, number, number]);
  const bn = c.batchNorm ? c.depth + 1 : 0;
  return {
    stemW: conv(w.stem.w),
    stemB: tf.tensor1d(w.stem.b),
    blockW: w.blocks.map((b) => conv(b.w)),
    blockB: w.blocks.map((b) => tf.tensor1d(b.b)),
    headW: tf.tensor2d(w.head.w.data, [c.width, CLASSES]),
    headB: tf.tensor1d(w.head.b),
    gamma: Array.from({ length: bn }, () => tf.ones([c.width])),
    beta: Array.from({ length: bn }, () => tf.zeros([c.width])),
  };
}

/**
 * y = W ∗ x, a 3×3 convolution with stride 1 and padding 1, with its gradients written out with
 * forward convolutions (tfjs's CPU kernel for ∂y/∂W reads every value through an index
 * accessor and is about 50× slower than a forward convolution of the same size):
 *   ∂loss/∂x = (∂loss/∂y) ∗ W̃,  W̃[i, j, m, c] = W[2 − i, 2 − j, c, m] (flipped, channels swapped);
 *   ∂loss/∂W[i, j, c, m] = Σ_{n, r, s} x[n, r + i − 1, s + j − 1, c] · ∂loss/∂y[n, r, s, m],
 * the second as one convolution of x (channels as batch) with ∂loss/∂y (the batch as channels).
 */
export function conv3x3(tf: Tf): (x: Tensor4D, w: Tensor4D) => Tensor4D {
  const op = tf.customGrad((...inputs: Array<Tensor | TfCore.GradSaveFunc>) => {
    const [x, w, save] = inputs as [Tensor4D, Tensor4D, TfCore.GradSaveFunc];
    save([x, w]);
    return {
      value: tf.conv2d(x, w, 1, 'same'),
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const [xs, ws] = saved as [Tensor4D, Tensor4D];
        const flipped = tf.transpose(tf.reverse(ws, [0, 1]), [0, 1, 3, 2]) as Tensor4D;
        const dx = tf.conv2d(dy as Tensor4D, flipped, 1, 'same');
        const xT = tf.transpose(xs, [3, 1, 2, 0]) as Tensor4D;
        const dyT = tf.transpose(dy, [1, 2, 0, 3]) as Tensor4D;
        const dw = tf.transpose(tf.conv2d(xT, dyT, 1, 1), [1, 2, 0, 3]);
        return [dx, dw];
      },
    };
  });
  return (x, w) => op(x, w) as Tensor4D;
}

function activation(tf: Tf, kind: ResidualConfig['activation'], x: Tensor): Tensor {
  return kind === 'sigmoid' ? tf.sigmoid(x) : kind === 'tanh' ? tf.tanh(x) : tf.relu(x);
}

/** Batch norm over N, H, W per channel: γ·(h − μ)/√(σ² + ε) + β with the batch's μ and σ². */
function batchNorm(tf: Tf, h: Tensor, gamma: Tensor, beta: Tensor): Tensor {
  const { mean, variance } = tf.moments(h, [0, 1, 2], true);
  return tf.add(tf.mul(tf.mul(tf.sub(h, mean), tf.rsqrt(tf.add(variance, BN_EPSILON))), gamma), beta);
}

/**
 * The mean cross-entropy loss of one network on images x [N, S, S, 1] with one-hot labels y
 * [N, K] (see the module comment of `cnn/residual.ts` for the layers). `residual` adds the
 * identity paths h_ℓ = h_{ℓ−1} + F_ℓ; without it h_ℓ = F_ℓ.
 */
export function networkLoss(
  tf: Tf,
  c: ResidualConfig,
  p: Params,
  x: Tensor4D,
  y: Tensor,
  residual: boolean,
): TfCore.Scalar {
  const conv = conv3x3(tf);
  const pre = (h: Tensor, l: number) =>
    activation(tf, c.activation, c.batchNorm ? batchNorm(tf, h, p.gamma[l]!, p.beta[l]!) : h);
  let h: Tensor = tf.add(conv(x, p.stemW), p.stemB);
  for (let l = 0; l < c.depth; l++) {
    const f = tf.add(conv(pre(h, l) as Tensor4D, p.blockW[l]!), p.blockB[l]!);
    h = residual ? tf.add(h, f) : f;
  }
  const pooled = tf.mean(pre(h, c.depth), [1, 2]) as TfCore.Tensor2D;
  const logits = tf.add(tf.matMul(pooled, p.headW), p.headB);
  return tf.neg(tf.mean(tf.sum(tf.mul(y, tf.logSoftmax(logits)), 1)));
}

/** A problem as a short developer-facing line, e.g. "depth: notPositive (value 0)" (the widget shows translated ones). */
const problemLine = (p: Problem) =>
  `${String(p.values.what ?? '')}: ${p.code} (${Object.entries(p.values)
    .filter(([k]) => k !== 'what')
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')})`;

function checkConfig(config: unknown): ResidualConfig {
  if (!isResidualConfig(config)) throw new OpArgsError('config must be a ResidualConfig');
  const checked = checkResidualConfig(config);
  if (!checked.ok) throw new OpArgsError(checked.problems.map(problemLine).join('; '));
  return checked.value;
}

/** Images and one-hot labels of the first `count` synthetic images for `c.seed`, as tensors. */
function dataTensors(tf: Tf, c: ResidualConfig, count: number): { x: Tensor4D; y: Tensor } {
  const data = barImages(c.seed, count, c.imageSize);
  return {
    x: tf.tensor4d(data.images, [count, c.imageSize, c.imageSize, 1]),
    y: tf.tensor2d(oneHot(data.labels), [count, CLASSES]),
  };
}

/**
 * For each network, one forward and backward pass on a batch of N images, from the same initial
 * weights: the loss and ‖∂loss/∂W‖ (Frobenius) of the stem and of every block's kernel. The norm
 * is read as m·√(Σ (g/m)²), m = max |g|, so tiny gradients survive squaring in float32.
 */
export function residualGradients(tf: Tf, args: ResidualGradientsArgs): ResidualGradientsResult {
  const c = checkConfig(args?.config);
  let out: ResidualGradientsResult | undefined;
  tf.tidy(() => {
    const { x, y } = dataTensors(tf, c, c.batch);
    const p = initialParams(tf, c);
    const weights = [p.stemW, ...p.blockW];
    const measure = (residual: boolean) => {
      const f = (...ws: Tensor[]) =>
        networkLoss(
          tf,
          c,
          { ...p, stemW: ws[0] as Tensor4D, blockW: ws.slice(1) as Tensor4D[] },
          x,
          y,
          residual,
        );
      const { value, grads } = tf.valueAndGrads(f)(weights);
      const parts = grads.flatMap((g) => {
        const m = tf.max(tf.abs(g));
        return [m, tf.sum(tf.square(tf.div(g, m)))];
      });
      return tf.stack([value, ...parts]);
    };
    // one read-back for both networks (on WebGL every read waits for the GPU)
    const read = tf.concat([measure(false), measure(c.skips)]).dataSync();
    const size = 1 + 2 * (c.depth + 1);
    const norms = (offset: number): GradientNorms => {
      const norm = (i: number) => {
        const m = read[offset + 1 + 2 * i]!;
        return m === 0 ? 0 : m * Math.sqrt(read[offset + 2 + 2 * i]!);
      };
      return {
        loss: read[offset]!,
        stem: norm(0),
        blocks: Array.from({ length: c.depth }, (_, l) => norm(l + 1)),
      };
    };
    out = { plain: norms(0), residual: norms(size) };
  });
  return out!;
}

interface NetState {
  params: Tensor[];
  velocity: Tensor[];
  /** the step at which the loss stopped being finite (training that network stops), or null */
  diverged: number | null;
}

interface Session {
  id: number;
  config: ResidualConfig;
  train: TrainConfig;
  x: Tensor4D;
  y: Tensor;
  nets: [plain: NetState, residual: NetState];
  step: number;
}

let session: Session | null = null;
let nextSession = 1;

function disposeSession(tf: Tf): number {
  if (!session) return 0;
  const before = tf.memory().numTensors;
  const s = session;
  session = null;
  for (const t of [s.x, s.y, ...s.nets.flatMap((n) => [...n.params, ...n.velocity])]) t.dispose();
  return before - tf.memory().numTensors;
}

/**
 * Starts training both networks from the same initial weights on `train.trainSize` synthetic
 * images (seeded by the config's seed), ending any earlier session. Returns the session's id.
 */
export function residualTrainStart(tf: Tf, args: ResidualTrainStartArgs): ResidualTrainStartResult {
  const config = checkConfig(args?.config);
  const train = args?.train;
  if (typeof train !== 'object' || train === null) throw new OpArgsError('train must be a TrainConfig');
  const problems = checkTrainConfig(train);
  if (problems.length) throw new OpArgsError(problems.map(problemLine).join('; '));
  if (train.trainSize < config.batch) throw new OpArgsError('trainSize must be at least the batch size');
  disposeSession(tf);
  const [x, y] = tf.tidy(() => {
    const d = dataTensors(tf, config, train.trainSize);
    return [d.x, d.y];
  });
  const net = (): NetState => {
    const params = flatten(initialParams(tf, config));
    return { params, velocity: params.map((p) => tf.zerosLike(p)), diverged: null };
  };
  session = {
    id: nextSession++,
    config,
    train: { ...train },
    x: x as Tensor4D,
    y: y!,
    nets: [net(), net()],
    step: 0,
  };
  return { session: session.id, params: residualParamCount(config) };
}

/**
 * One SGD step with momentum for one network on the batch (x, y): v ← μ·v + ∇loss,
 * w ← w − η·v. Returns the loss before the step (NaN once the network has diverged).
 */
function sgdStep(tf: Tf, s: Session, net: NetState, residual: boolean, x: Tensor4D, y: Tensor): Tensor {
  const { learningRate: eta, momentum: mu } = s.train;
  const kept = tf.tidy(() => {
    const f = (...list: Tensor[]) =>
      networkLoss(tf, s.config, unflatten(list, s.config.depth, s.config.batchNorm), x, y, residual);
    const { value, grads } = tf.valueAndGrads(f)(net.params);
    const velocity = net.velocity.map((v, i) => tf.add(tf.mul(v, mu), grads[i]!));
    const params = net.params.map((p, i) => tf.sub(p, tf.mul(velocity[i]!, eta)));
    return [value, ...params, ...velocity];
  });
  const n = net.params.length;
  for (const t of [...net.params, ...net.velocity]) t.dispose();
  net.params = kept.slice(1, 1 + n);
  net.velocity = kept.slice(1 + n);
  return kept[0]!;
}

/**
 * Runs training steps of the session until `maxSteps` are done, `budgetMs` has passed or the
 * session's step count is reached; returns the losses of both networks for these steps.
 */
export function residualTrainSteps(tf: Tf, args: ResidualTrainStepsArgs): ResidualTrainStepsResult {
  const s = session;
  if (!s || args?.session !== s.id) throw new OpArgsError('That training session has ended');
  const maxSteps = Number.isInteger(args.maxSteps) && args.maxSteps > 0 ? args.maxSteps : 1;
  const budget = Number.isFinite(args.budgetMs) && args.budgetMs > 0 ? args.budgetMs : 250;
  const start = performance.now();
  const from = s.step;
  const plain: number[] = [];
  const residual: number[] = [];
  const { batch } = s.config;
  const batches = Math.floor(s.train.trainSize / batch);
  while (
    s.step < s.train.steps &&
    plain.length < maxSteps &&
    (plain.length === 0 || performance.now() - start < budget)
  ) {
    const offset = (s.step % batches) * batch;
    const [x, y] = tf.tidy(() => [
      tf.slice(s.x, [offset, 0, 0, 0], [batch, -1, -1, -1]),
      tf.slice(s.y, [offset, 0], [batch, -1]),
    ]) as [Tensor4D, Tensor];
    const losses = s.nets.map((net, i) =>
      net.diverged === null ? sgdStep(tf, s, net, i === 1 && s.config.skips, x, y) : null,
    );
    const live = losses.filter((l): l is Tensor => l !== null);
    const stacked = live.length ? tf.stack(live) : null;
    const values = stacked ? stacked.dataSync() : new Float32Array();
    for (const t of [x, y, ...live]) t.dispose();
    stacked?.dispose();
    let k = 0;
    s.nets.forEach((net, i) => {
      const v = losses[i] ? values[k++]! : Number.NaN;
      if (net.diverged === null && !Number.isFinite(v)) net.diverged = s.step;
      (i === 0 ? plain : residual).push(v);
    });
    s.step++;
  }
  const done = s.step >= s.train.steps;
  return {
    from,
    plain: Float32Array.from(plain),
    residual: Float32Array.from(residual),
    step: s.step,
    done,
    diverged: [s.nets[0].diverged, s.nets[1].diverged],
    msPerStep: plain.length ? (performance.now() - start) / plain.length : 0,
  };
}

/** Ends the training session (if `session` is given, only that one); returns how many tensors were freed. */
export function residualTrainStop(tf: Tf, args: { session?: number }): ResidualTrainStopResult {
  if (args?.session !== undefined && session?.id !== args.session) return { disposed: 0 };
  return { disposed: disposeSession(tf) };
}
