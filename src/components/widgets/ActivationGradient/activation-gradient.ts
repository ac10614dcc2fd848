/**
 * ActivationGradient's pure state: from the reader's settings (activation, depth L, spread σ of
 * the pre-activations) to the gradient factor Π_{l=1}^{L} f'(z_l) along sampled chains of
 * layers, summarised per depth by its median and a 10–90 % band, plus the curves f(z) and f'(z).
 *
 * Model: every layer's pre-activation is drawn independently, z_l ~ N(0, σ²), from a seeded
 * source (one per chain), so the same settings always give the same figure, and a deeper network
 * keeps the layers of a shallower one (depth L's chains are the first L layers of depth L + 1's). For ReLU the chain follows active
 * units (z > 0), where f' = 1 exactly; an inactive unit passes 0 and ends the chain, and the
 * share of active units is reported separately. Sigmoid and tanh units always pass some gradient.
 * Products are kept as log₁₀ sums so that even 50 saturated layers do not underflow.
 */
import {
  activate,
  derivative,
  log10Derivative,
  maxDerivative,
  mulberry32,
  normalSampler,
  checkRange,
  type ActivationKind,
} from '~/lib/cnn/activations';
import { checkWhole } from '~/lib/cnn/conv-arithmetic';
import type { Problem } from '~/lib/cnn/problems';
import type { Strings } from '~/i18n/translate';
import { formatNumber, formatSignificant } from '~/i18n/number-format';
import { createTranslator } from '~/components/widgets/shared/translator';
import { readNumber, type Field } from '~/components/widgets/shared/fields';

export interface Settings {
  kind: ActivationKind;
  /** number of layers L, 1 … MAX_DEPTH */
  depth: Field;
  /** standard deviation σ of the pre-activations, SIGMA_MIN … SIGMA_MAX */
  sigma: Field;
  /** seed of the random source; "new samples" increments it */
  seed: number;
}

export const MAX_DEPTH = 50;
export const SIGMA_MIN = 0.1;
export const SIGMA_MAX = 5;
/** sampled chains per figure */
export const SAMPLES = 400;
/** lower and upper quantiles of the band */
export const BAND: readonly [number, number] = [0.1, 0.9];
/** z range of the activation chart */
export const Z_RANGE = 4;
/** widths (px) the charts are drawn at (on the server, and in the browser when the column is at least as wide) */
export const GRADIENT_WIDTH = 440;
export const ACTIVATION_WIDTH = 260;

export const defaultSettings: Settings = { kind: 'sigmoid', depth: '20', sigma: '1', seed: 1 };

/** Per depth l: log₁₀ of the median, the band's ends, and the upper bound (max f')^l. */
export interface DepthPoint {
  depth: number;
  median: number;
  low: number;
  high: number;
  bound: number;
}

export type Figure =
  | { ok: false; problems: Problem[] }
  | {
      ok: true;
      kind: ActivationKind;
      depth: number;
      sigma: number;
      seed: number;
      /** points for depth 1 … L (log₁₀ values) */
      curve: DepthPoint[];
      /** the last point, at depth L */
      atDepth: DepthPoint;
      /** share of sampled pre-activations with z > 0 (ReLU units that pass a gradient) */
      activeShare: number;
    };

/**
 * Seed of chain `chain`'s own random source, from the figure's `seed`: mulberry32 of
 * seed·0x9e3779b1 XOR chain, scaled to a 32-bit integer. Each chain drawing from its own source
 * is what lets a deeper figure extend a shallower one instead of redrawing every chain.
 */
export function chainSeed(seed: number, chain: number): number {
  return Math.floor(mulberry32((Math.imul(seed, 0x9e3779b1) ^ chain) >>> 0)() * 4294967296);
}

/** Chain `chain`'s source of pre-activations z ~ N(0, σ²) (its first draw is layer 1's z). */
function chainSource(sigma: number, seed: number, chain: number): () => number {
  const normal = normalSampler(mulberry32(chainSeed(seed, chain)));
  return () => sigma * normal();
}

/**
 * `samples` chains of `depth` pre-activations z ~ N(0, σ²); chain c's layers come from its own
 * source (`chainSeed(seed, c)`), so the chains of depth L are the first L layers of depth L + 1's.
 */
export function samplePreactivations(
  sigma: number,
  seed: number,
  samples: number,
  depth: number,
): Float64Array[] {
  // plain loops: Float64Array.from over an array-like with a callback is several times slower
  const chains: Float64Array[] = [];
  for (let c = 0; c < samples; c++) {
    const draw = chainSource(sigma, seed, c);
    const chain = new Float64Array(depth);
    for (let l = 0; l < depth; l++) chain[l] = draw();
    chains.push(chain);
  }
  return chains;
}

/**
 * log₁₀ of the derivative met by a gradient that follows units passing one: f'(z) for sigmoid and
 * tanh (always > 0); for ReLU the chain follows active units (|z|), where f' = 1, so log₁₀ = 0.
 */
export function pathLog10Derivative(kind: ActivationKind, z: number): number {
  return kind === 'relu' ? 0 : log10Derivative(kind, z);
}

/** The q-quantile (0 ≤ q ≤ 1) of sorted values, linearly interpolated between neighbours. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * The point of depth l (1-based) from the chains' running sums of log₁₀ f′: the median and the BAND
 * quantiles of the sums (sorted into `sorted`), and the bound l·log₁₀(max f′) (`bound` = log₁₀ max f′).
 */
function depthPoint(sums: Float64Array, sorted: Float64Array, depth: number, bound: number): DepthPoint {
  sorted.set(sums);
  sorted.sort();
  return {
    depth,
    median: quantile(sorted, 0.5),
    low: quantile(sorted, BAND[0]),
    high: quantile(sorted, BAND[1]),
    bound: depth * bound,
  };
}

/**
 * Per depth l = 1 … L: the median and the BAND quantiles of log₁₀ Π_{i≤l} f'(z_i) over the
 * chains, and the bound l·log₁₀(max f').
 */
export function gradientCurve(kind: ActivationKind, chains: Float64Array[], depth: number): DepthPoint[] {
  const sums = new Float64Array(chains.length);
  const sorted = new Float64Array(chains.length);
  const points: DepthPoint[] = [];
  const bound = Math.log10(maxDerivative(kind));
  for (let l = 0; l < depth; l++) {
    for (let c = 0; c < chains.length; c++) sums[c]! += pathLog10Derivative(kind, chains[c]![l]!);
    points.push(depthPoint(sums, sorted, l + 1, bound));
  }
  return points;
}

/** The curve of depths 1 … L and the share of pre-activations z > 0 among the chains' L layers. */
export interface Curve {
  curve: DepthPoint[];
  activeShare: number;
}

/**
 * The gradient curve of one (activation, σ, seed), grown layer by layer on demand:
 * `upTo(L)` equals `gradientCurve(kind, samplePreactivations(σ, seed, samples, L), L)` with the
 * share of active units, but a later `upTo(L′)` only draws and sums the layers not drawn yet
 * (none when L′ ≤ L), so changing the depth costs one layer, not the whole figure (issue 12).
 */
export function growingCurve(
  kind: ActivationKind,
  sigma: number,
  seed: number,
  samples = SAMPLES,
): (depth: number) => Curve {
  const sources = Array.from({ length: samples }, (_, c) => chainSource(sigma, seed, c));
  const sums = new Float64Array(samples);
  const sorted = new Float64Array(samples);
  const bound = Math.log10(maxDerivative(kind));
  const points: DepthPoint[] = [];
  /** active[l]: pre-activations z > 0 among the first l layers of every chain */
  const active = [0];
  return (depth) => {
    for (let l = points.length; l < depth; l++) {
      let on = 0;
      for (let c = 0; c < samples; c++) {
        const z = sources[c]!();
        if (z > 0) on += 1;
        sums[c]! += pathLog10Derivative(kind, z);
      }
      active.push(active[l]! + on);
      points.push(depthPoint(sums, sorted, l + 1, bound));
    }
    return { curve: points.slice(0, depth), activeShare: active[depth]! / (samples * depth) };
  };
}

/** The growing curve of the last figure's activation, σ and seed (a depth change reuses it). */
let lastCurve: { key: string; upTo: (depth: number) => Curve } | undefined;

/** Validates the settings and computes the figure; impossible settings become Problems. */
export function computeFigure(settings: Settings): Figure {
  const depth = readNumber(settings.depth);
  const sigma = readNumber(settings.sigma);
  const problems = [
    checkWhole('depth', depth, 1, MAX_DEPTH),
    checkRange('sigma', sigma, SIGMA_MIN, SIGMA_MAX),
  ].filter((p): p is Problem => p !== null);
  if (problems.length > 0) return { ok: false, problems };
  const key = `${settings.kind} ${sigma} ${settings.seed}`;
  if (lastCurve?.key !== key) lastCurve = { key, upTo: growingCurve(settings.kind, sigma, settings.seed) };
  const { curve, activeShare } = lastCurve.upTo(depth);
  return {
    ok: true,
    kind: settings.kind,
    depth,
    sigma,
    seed: settings.seed,
    curve,
    atDepth: curve[curve.length - 1]!,
    activeShare,
  };
}

/** f(z) and f'(z) at `points` evenly spaced z in [−range, range]. */
export function activationCurve(
  kind: ActivationKind,
  range = Z_RANGE,
  points = 161,
): { z: number; f: number; df: number }[] {
  return Array.from({ length: points }, (_, i) => {
    const z = -range + (2 * range * i) / (points - 1);
    return { z, f: activate(kind, z), df: derivative(kind, z) };
  });
}

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/**
 * A positive number given by its log₁₀ as text with two significant digits: plain decimals
 * from 0.01 up ("0.21", "1"), scientific notation below ("3.1 × 10⁻¹³"). Never underflows:
 * the exponent comes from the logarithm. −∞ (a product of exactly 0) prints "0".
 */
export function formatLog10(log10: number, locale: 'en' | 'ko' = 'en'): string {
  if (log10 === Number.NEGATIVE_INFINITY) return '0';
  if (log10 >= -2) return formatSignificant(locale, 10 ** log10, 2);
  let exponent = Math.floor(log10);
  let mantissa = Number((10 ** (log10 - exponent)).toPrecision(2));
  if (mantissa >= 10) {
    mantissa /= 10;
    exponent += 1;
  }
  const m = formatNumber(locale, mantissa, 1, 1);
  return `${m} × ${powerOfTen(exponent)}`;
}

/** 10 to a whole power as text with a superscript exponent: −13 → "10⁻¹³", 0 → "1". */
export function powerOfTen(exponent: number): string {
  if (exponent === 0) return '1';
  return `10${String(exponent).replace(/[-0-9]/g, (ch) => SUPERSCRIPT[ch]!)}`;
}

/** A log₁₀ value as the chart's decade axis draws it: max(log10, −300), so 10^y stays a normal double (an underflow to 0 would have no place on the axis). */
export function drawnLog10(log10: number): number {
  return Math.max(log10, -300);
}

/**
 * The result sentence read out after every change, e.g. "After 20 sigmoid layers the median
 * gradient factor is 2.8 × 10⁻¹⁴ …"; ReLU gets its own sentence (active chains keep 1).
 */
export function resultSentence(
  figure: Extract<Figure, { ok: true }>,
  strings: Strings,
  locale: 'en' | 'ko',
): string {
  const { t, num } = createTranslator(strings, locale);
  const name = t(`activationGradient.name.${figure.kind}`);
  const p = figure.atDepth;
  if (figure.kind === 'relu') {
    return t('activationGradient.resultRelu', {
      depth: figure.depth,
      median: formatLog10(p.median, locale),
      active: num(100 * figure.activeShare, 1),
    });
  }
  return t('activationGradient.result', {
    depth: figure.depth,
    name,
    median: formatLog10(p.median, locale),
    low: formatLog10(p.low, locale),
    high: formatLog10(p.high, locale),
    bound: formatLog10(p.bound, locale),
  });
}
