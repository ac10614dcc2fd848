/**
 * ResidualGradientFlow's pure state: the reader's settings → the experiment's config (checked),
 * the measured gradient norms → chart points and the sentence that states the result, and the
 * streamed training losses → the loss chart's points and its sentence. The networks and their
 * gradients are computed by `src/lib/tf` (ops `residualGradients`, `residualTrain*`).
 */
import type { ActivationKind } from '~/lib/cnn/activations';
import {
  CLASSES,
  MAX_BLOCKS,
  MAX_WIDTH,
  RECENT_WINDOW,
  chanceLoss,
  compareGradients,
  defaultResidualConfig,
  defaultTrainConfig,
  divergedAt,
  recentLoss,
  type GradientComparison,
  type GradientNorms,
  type InitKind,
  type ResidualConfig,
  type TrainConfig,
} from '~/lib/cnn/residual';
import type { Problem } from '~/lib/cnn/problems';
import { powerOfTenText, type Locale } from '~/i18n/translate';
import { formatNumber, formatSignificant } from '~/i18n/number-format';
import { readWholeFields, type Field } from '~/components/widgets/shared/fields';
import type { Translator } from '~/components/widgets/shared/translator';

export interface Settings {
  /** blocks L, 1 … MAX_BLOCKS */
  depth: Field;
  /** channels C, 1 … MAX_WIDTH */
  width: Field;
  activation: ActivationKind;
  init: InitKind;
  batchNorm: boolean;
  /** the second network's identity paths (off: both networks are the plain one) */
  skips: boolean;
  /** learning rate η of the training run */
  learningRate: number;
}

export const defaultSettings: Settings = {
  depth: String(defaultResidualConfig.depth),
  width: String(defaultResidualConfig.width),
  activation: defaultResidualConfig.activation,
  init: defaultResidualConfig.init,
  batchNorm: defaultResidualConfig.batchNorm,
  skips: defaultResidualConfig.skips,
  learningRate: defaultTrainConfig.learningRate,
};

/** widths (px) of the charts drawn at build time; the browser redraws them narrower when it must */
export const GRADIENT_WIDTH = 560;
export const LOSS_WIDTH = 560;

/** Reads the settings into the experiment's config, or the problems of the typed fields. */
export function readConfig(
  settings: Settings,
): { ok: true; config: ResidualConfig } | { ok: false; problems: Problem[] } {
  const fields = readWholeFields(settings, { depth: [1, MAX_BLOCKS], width: [1, MAX_WIDTH] });
  if (!fields.ok) return fields;
  return {
    ok: true,
    config: {
      ...defaultResidualConfig,
      depth: fields.values.depth,
      width: fields.values.width,
      activation: settings.activation,
      init: settings.init,
      batchNorm: settings.batchNorm,
      skips: settings.skips,
    },
  };
}

/** The training run for the settings' learning rate (the rest as `defaultTrainConfig`). */
export function trainConfigOf(settings: Settings): TrainConfig {
  return { ...defaultTrainConfig, learningRate: settings.learningRate };
}

export type NetKey = 'plain' | 'residual';
export const netKeys: readonly NetKey[] = ['plain', 'residual'];

export interface GradientPoint {
  net: NetKey;
  /** block ℓ = 1 … L */
  layer: number;
  /** ‖∂loss/∂W_ℓ‖ (> 0 and finite: a log axis can show it) */
  norm: number;
}

/** The gradient norms of both networks as chart points; zeros (underflow) and non-finite values are left out. */
export function gradientPoints(result: { plain: GradientNorms; residual: GradientNorms }): GradientPoint[] {
  return netKeys.flatMap((net) =>
    result[net].blocks
      .map((norm, i) => ({ net, layer: i + 1, norm }))
      .filter((p) => Number.isFinite(p.norm) && p.norm > 0),
  );
}

/** Whole decades [lo, hi] (log₁₀) covering the positive finite values, at least two decades. */
export function decadeRange(values: number[]): [number, number] {
  const logs = values.filter((v) => v > 0 && Number.isFinite(v)).map(Math.log10);
  if (logs.length === 0) return [-2, 0];
  const hi = Math.ceil(Math.max(...logs)) + 0; // + 0 turns −0 into 0
  const lo = Math.min(Math.floor(Math.min(...logs)), hi - 2);
  return [lo, hi];
}

/**
 * A positive number with two significant digits: plain decimals from 0.01 to 10⁶ ("0.21",
 * "1,234"), scientific notation outside ("3.1 × 10⁻¹³"); "0" for 0 and "—" for a value that is not
 * finite.
 */
export function formatMagnitude(value: number, locale: Locale): string {
  if (!Number.isFinite(value)) return '—';
  if (value === 0) return '0';
  const a = Math.abs(value);
  if (a >= 0.01 && a < 1e6) return formatSignificant(locale, value, 2);
  let exponent = Math.floor(Math.log10(a));
  let mantissa = Number((a / 10 ** exponent).toPrecision(2));
  if (mantissa >= 10) {
    mantissa /= 10;
    exponent += 1;
  }
  const sign = value < 0 ? '−' : '';
  const m = formatSignificant(locale, mantissa, 2);
  return `${sign}${m} × ${powerOfTenText(exponent)}`;
}

/** A translator: key and placeholder values → text in the reader's language. */
export type Translate = Translator['t'];

/** The sentence stating the gradient result (read by screen readers, shown under the chart). */
export function gradientSentence(
  t: Translate,
  locale: Locale,
  result: { plain: GradientNorms; residual: GradientNorms },
  config: Pick<ResidualConfig, 'depth' | 'skips'>,
): string {
  const c: GradientComparison = compareGradients(result.plain, result.residual);
  if (c.overflow) return t('residualGradientFlow.overflow');
  const values = {
    depth: config.depth,
    plain: formatMagnitude(c.plainFirst, locale),
    residual: formatMagnitude(c.residualFirst, locale),
  };
  if (!config.skips) return t('residualGradientFlow.sentenceNoSkips', values);
  if (c.ratio === Number.POSITIVE_INFINITY) return t('residualGradientFlow.sentenceUnderflow', values);
  if (c.ratio !== null && c.ratio >= 1)
    return t('residualGradientFlow.sentenceSmaller', { ...values, ratio: formatMagnitude(c.ratio, locale) });
  return t('residualGradientFlow.sentenceLarger', {
    ...values,
    ratio: formatMagnitude(c.ratio === null ? Number.NaN : 1 / c.ratio, locale),
  });
}

/** The training losses received so far: one value per step for each network (NaN once it diverged). */
export interface LossSeries {
  plain: number[];
  residual: number[];
  /** the run's total steps */
  total: number;
}

export const emptyLosses = (total: number): LossSeries => ({ plain: [], residual: [], total });

/** What a training run reports after each chunk of steps: the losses so far and the worker's ms per step. */
export interface TrainProgress {
  series: LossSeries;
  msPerStep: number;
}

/** The series with a chunk of steps appended (the chunk starts at step `from`; earlier steps are kept). */
export function appendLosses(
  series: LossSeries,
  chunk: { from: number; plain: ArrayLike<number>; residual: ArrayLike<number> },
): LossSeries {
  const keep = Math.min(chunk.from, series.plain.length);
  return {
    total: series.total,
    plain: [...series.plain.slice(0, keep), ...Array.from(chunk.plain)],
    residual: [...series.residual.slice(0, keep), ...Array.from(chunk.residual)],
  };
}

export interface LossPoint {
  net: NetKey;
  /** step (1-based) */
  step: number;
  loss: number;
}

/** Most points per network the loss chart draws (a long run is averaged in buckets of steps). */
export const MAX_LOSS_POINTS = 150;

/**
 * The finite losses as chart points, at most `max` per network: with more steps than that, each
 * point is the mean of a bucket of ⌈steps/max⌉ consecutive steps, drawn at the bucket's last step
 * (a bucket with a non-finite loss is left out, so a diverged run ends where it diverged).
 */
export function lossPoints(series: LossSeries, max = MAX_LOSS_POINTS): LossPoint[] {
  return netKeys.flatMap((net) => {
    const losses = series[net];
    const size = Math.max(1, Math.ceil(losses.length / max));
    const points: LossPoint[] = [];
    for (let start = 0; start < losses.length; start += size) {
      const bucket = losses.slice(start, start + size);
      if (!bucket.every(Number.isFinite)) continue;
      points.push({
        net,
        step: start + bucket.length,
        loss: bucket.reduce((a, v) => a + v, 0) / bucket.length,
      });
    }
    return points;
  });
}

/** y range of the loss chart: from 0 to the largest finite loss (at least a bit above ln K), capped at 4·ln K. */
export function lossRange(series: LossSeries): [number, number] {
  const chance = chanceLoss();
  let top = chance * 1.15;
  for (const net of netKeys) for (const v of series[net]) if (Number.isFinite(v) && v > top) top = v;
  return [0, Math.min(top, 4 * chance)];
}

/** The sentence stating where training stands (both networks' recent loss against ln K); idle before the first step. */
export function trainingSentence(
  t: Translate,
  locale: Locale,
  series: LossSeries,
  run: Pick<TrainConfig, 'momentum'> = defaultTrainConfig,
): string {
  const fixed = (v: number, digits: number) => formatNumber(locale, v, digits, digits);
  const common = {
    steps: series.total,
    window: RECENT_WINDOW,
    classes: CLASSES,
    chance: fixed(chanceLoss(), 2),
    batch: defaultResidualConfig.batch,
    momentum: run.momentum,
  };
  const steps = series.plain.length;
  if (steps === 0) return t('residualGradientFlow.trainIdle', common);
  const show = (net: NetKey) => {
    const at = divergedAt(series[net]);
    if (at !== null) return t('residualGradientFlow.diverged', { step: at + 1 });
    const loss = recentLoss(series[net]);
    return loss === null ? '—' : fixed(loss, 2);
  };
  // before RECENT_WINDOW steps the recent loss is the mean of all of them, and says so
  const key = steps >= series.total ? 'trainDone' : 'trainRunning';
  return t(`residualGradientFlow.${key}${steps < RECENT_WINDOW ? 'SoFar' : ''}`, {
    ...common,
    step: steps,
    plain: show('plain'),
    residual: show('residual'),
  });
}
