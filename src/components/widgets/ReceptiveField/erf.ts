/**
 * The effective receptive field (Luo et al. 2016), as pure arithmetic around a TensorFlow.js
 * gradient: which input size to use, the random stack to differentiate, and how much of the
 * theoretical field the gradient really occupies. The gradient itself comes from src/lib/tf.
 */
import { mulberry32, normalSampler } from '~/lib/cnn/activations';
import {
  dependencyRanges,
  fieldGrowth,
  stackSizes,
  type Range,
  type StackLayer,
} from '~/lib/cnn/receptive-field';
import type { TfError, TfOutcome, UnitGradientArgs } from '~/lib/tf/protocol';

/** Largest input the ERF view differentiates (keeps one gradient well under a second on CPU). */
export const MAX_ERF_INPUT = 96;

export interface ErfPlan {
  /** input size N = r + 2m, a margin m = max(3, ⌈r/4⌉) around the theoretical field */
  n: number;
  /** the top unit differentiated: the centre of the top map */
  unit: number;
  /** its theoretical field in input coordinates (same along both axes) */
  region: Range;
  /** theoretical receptive field r */
  r: number;
}

export type ErfPlanResult =
  { ok: true; plan: ErfPlan } | { ok: false; reason: 'tooLarge' | 'strideWithDilation' | 'invalid' };

/** Picks the input size and the unit for the ERF of a stack (see ErfPlan). */
export function erfPlan(layers: StackLayer[]): ErfPlanResult {
  if (layers.some((l) => l.d > 1 && l.s > 1)) return { ok: false, reason: 'strideWithDilation' };
  const r = fieldGrowth(layers).at(-1)!;
  const n = r + 2 * Math.max(3, Math.ceil(r / 4));
  if (n > MAX_ERF_INPUT) return { ok: false, reason: 'tooLarge' };
  const sizes = stackSizes(layers, n);
  if (!sizes.ok) return { ok: false, reason: 'invalid' };
  const unit = Math.floor((sizes.value.at(-1)! - 1) / 2);
  return { ok: true, plan: { n, unit, region: dependencyRanges(layers, unit)[0]!, r } };
}

/**
 * One random instance of the stack on one channel: input x ~ N(0, 1); each convolution's taps
 * w ~ N(0, 1/k²) (variance scaling keeps activations of similar size); pooling as average pooling
 * (every tap 1/k²; the gradient of max pooling would follow one tap per window instead).
 */
export function erfRequest(
  layers: StackLayer[],
  plan: ErfPlan,
  seed: number,
  relu: boolean,
): UnitGradientArgs {
  const normal = normalSampler(mulberry32(seed));
  const input = Float32Array.from({ length: plan.n * plan.n }, normal);
  return {
    input: { shape: [plan.n, plan.n, 1], data: input },
    layers: layers.map((l) => ({
      filter: {
        shape: [l.k, l.k, 1, 1],
        data: Float32Array.from({ length: l.k * l.k }, () =>
          l.kind === 'pool' ? 1 / (l.k * l.k) : normal() / l.k,
        ),
      },
      stride: l.s,
      pad: l.p,
      dilation: l.d,
      relu: relu && l.kind === 'conv',
    })),
    unit: [plan.unit, plan.unit, 0],
  };
}

export interface ErfStats {
  /** |∂y/∂x| averaged over the samples and scaled so the largest is 1, row-major N × N */
  heat: Float32Array;
  /** spread of the gradient: σ = √(mean over both axes of the |∂y/∂x|-weighted variance of position) */
  sigma: number;
  /** effective size min(r, 4σ): the ±2σ window, which holds 95% of a Gaussian (Luo et al. 2016) */
  effective: number;
  /** effective / r */
  ratio: number;
  /** share of Σ|∂y/∂x| inside the theoretical field (1 up to rounding: nothing outside can matter) */
  insideTheory: number;
}

/**
 * Summarises |gradient| maps (one per sample, N × N, row-major): their mean, scaled to max 1, and
 * the effective size 4σ, σ² = ½ (Var_row + Var_col) of positions weighted by |∂y/∂x|.
 * A flat field of width r gives σ² = (r² − 1)/12; a single spike gives σ = 0.
 */
export function erfStats(gradients: Float32Array[], plan: ErfPlan): ErfStats {
  const n = plan.n;
  const heat = new Float32Array(n * n);
  for (const g of gradients) for (let i = 0; i < heat.length; i++) heat[i]! += Math.abs(g[i]!);
  let max = 0;
  let mass = 0;
  let sy = 0;
  let sx = 0;
  let inside = 0;
  for (let i = 0; i < heat.length; i++) {
    const v = heat[i]!;
    const [y, x] = [Math.floor(i / n), i % n];
    max = Math.max(max, v);
    mass += v;
    sy += v * y;
    sx += v * x;
    if (y >= plan.region.lo && y <= plan.region.hi && x >= plan.region.lo && x <= plan.region.hi) inside += v;
  }
  if (mass === 0) return { heat, sigma: 0, effective: plan.r, ratio: 1, insideTheory: 1 };
  const [my, mx] = [sy / mass, sx / mass];
  let vy = 0;
  let vx = 0;
  for (let i = 0; i < heat.length; i++) {
    const v = heat[i]!;
    vy += v * (Math.floor(i / n) - my) ** 2;
    vx += v * ((i % n) - mx) ** 2;
  }
  const sigma = Math.sqrt((vy + vx) / (2 * mass));
  for (let i = 0; i < heat.length; i++) heat[i]! /= max;
  const effective = Math.min(plan.r, 4 * sigma);
  return { heat, sigma, effective, ratio: effective / plan.r, insideTheory: inside / mass };
}

/** Random instances of the stack averaged in one ERF picture. */
export const ERF_SAMPLES = 8;

/** Runs the worker's unitGradient op (a TensorFlow.js task's `ctx.run`). */
export type RunGradient = (op: 'unitGradient', args: UnitGradientArgs) => Promise<TfOutcome<'unitGradient'>>;

/**
 * The effective field of `layers`: `erfStats` of |∂y/∂x| over `samples` random instances (seeds
 * 1000 … 1000 + samples − 1, see `erfRequest`), one gradient per `run`. The first error ends it.
 */
export async function measureErf(
  run: RunGradient,
  layers: StackLayer[],
  plan: ErfPlan,
  relu: boolean,
  samples = ERF_SAMPLES,
): Promise<{ ok: true; value: ErfStats } | { ok: false; error: TfError }> {
  const gradients: Float32Array[] = [];
  for (let i = 0; i < samples; i++) {
    const out = await run('unitGradient', erfRequest(layers, plan, 1000 + i, relu));
    if (!out.ok) return { ok: false, error: out.error };
    gradients.push(out.result.gradient.data);
  }
  return { ok: true, value: erfStats(gradients, plan) };
}

/** The stacks of the depth sweep: L plain 3×3 convolutions, L = 1 … maxDepth. */
export function sweepStacks(maxDepth = 8): StackLayer[][] {
  return Array.from({ length: maxDepth }, (_, i) =>
    Array.from({ length: i + 1 }, () => ({ kind: 'conv' as const, k: 3, s: 1, p: 0, d: 1 })),
  );
}

export interface SweepPoint {
  depth: number;
  r: number;
  effective: number;
}

export interface SweepLabels {
  label: string;
  description: string;
  x: string;
  y: string;
  theoretical: string;
  effective: string;
}
