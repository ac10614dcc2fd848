/**
 * ActivationGradient's two charts, computed here and drawn by shared/SvgChart.svelte as plain SVG (no
 * Observable Plot: it cost 4–5 ms per change, issue 12): the gradient factor per depth on a
 * log axis (whole decades), and f(z) with f′(z). Colours come from CSS classes (see the .svelte
 * styles), so both themes work; lines differ by dash pattern too, never by colour alone.
 */
import {
  activationCurve,
  drawnLog10,
  formatLog10,
  powerOfTen,
  ACTIVATION_WIDTH,
  GRADIENT_WIDTH,
  SAMPLES,
  Z_RANGE,
  type DepthPoint,
  type Figure,
} from './activation-gradient';
import type { ActivationKind } from '~/lib/cnn/activations';
import { maxDerivative } from '~/lib/cnn/activations';
import type { Locale, Strings } from '~/i18n/translate';
import { createTranslator } from '~/components/widgets/shared/translator';
import { decadeTicks } from '~/components/widgets/shared/log-axis';
import {
  linearScale,
  linearTicks,
  polyline as line,
  px,
  type SvgChartModel,
} from '~/components/widgets/shared/svg-chart';

/** y range in whole decades [lo, hi] covering the band and the bound, at least two decades. */
export function decadeDomain(curve: DepthPoint[]): [number, number] {
  const lows = curve.flatMap((p) => [p.low, p.bound, p.median]);
  const highs = curve.flatMap((p) => [p.high, p.bound]);
  const hi = Math.max(0, Math.ceil(Math.max(...highs)));
  const lo = Math.min(Math.floor(Math.min(...lows)), hi - 2);
  return [drawnLog10(lo), hi];
}

/** The gradient chart's height and margins (px). */
export const GRADIENT_CHART = { height: 264, left: 52, right: 12, top: 20, bottom: 34 } as const;
/** The activation chart's height and margins (px). */
export const ACTIVATION_CHART = { height: 204, left: 40, right: 12, top: 20, bottom: 34 } as const;

export interface GradientChartText {
  x: string;
  y: string;
  label: string;
  description: string;
}

/**
 * The gradient factor against depth 1 … L: the 10–90 % band (area), the bound max f′ᴸ (dashed)
 * and the median (solid, with a dot at L), on a y axis of whole decades (log₁₀ values mapped
 * linearly, each tick labelled 10ⁿ, values below 10⁻³⁰⁰ held there: `drawnLog10`) with a rule at 1.
 */
export function gradientChart(
  curve: DepthPoint[],
  text: GradientChartText,
  width = GRADIENT_WIDTH,
): SvgChartModel {
  const { height, left, right, top, bottom } = GRADIENT_CHART;
  const [lo, hi] = decadeDomain(curve);
  const maxDepth = Math.max(2, curve[curve.length - 1]!.depth);
  const x = linearScale([1, maxDepth], [left, width - right]);
  const y = linearScale([lo, hi], [height - bottom, top]);
  const at = (v: number) => y(drawnLog10(v));
  const last = curve[curve.length - 1]!;
  return {
    width,
    height,
    label: text.label,
    description: text.description,
    left,
    right: width - right,
    top,
    bottom: height - bottom,
    xTicks: linearTicks(1, maxDepth, Math.min(maxDepth - 1, 5))
      .filter(Number.isInteger)
      .map((d) => ({ x: px(x(d)), text: String(d) })),
    yTicks: decadeTicks(lo, hi).map((e) => ({ y: px(y(e)), text: powerOfTen(e) })),
    xLabel: { x: width - right + 9, y: height - bottom + 31, text: text.x, anchor: 'end' },
    yLabel: { x: 3, y: top - 8, text: text.y },
    rects: [],
    paths: [
      {
        d:
          line(curve.map((p) => [x(p.depth), at(p.high)])) +
          line([...curve].reverse().map((p) => [x(p.depth), at(p.low)])).replace(/^M/, 'L') +
          'Z',
        class: 'ag-band',
      },
      {
        d: line([
          [left, y(0)],
          [width - right, y(0)],
        ]),
        class: 'ag-one',
      },
      { d: line(curve.map((p) => [x(p.depth), at(p.bound)])), class: 'ag-bound' },
      { d: line(curve.map((p) => [x(p.depth), at(p.median)])), class: 'ag-median' },
    ],
    dots: [{ x: px(x(last.depth)), y: px(at(last.median)), r: 4, class: 'ag-median-dot' }],
    labels: [],
  };
}

export interface ActivationChartText {
  label: string;
  description: string;
}

/** y range of the activation chart per activation */
const Y_DOMAIN: Record<ActivationKind, [number, number]> = {
  sigmoid: [-0.05, 1.05],
  tanh: [-1.05, 1.05],
  relu: [-0.25, 2.25],
};

/**
 * f(z) (solid) and f′(z) (dashed) for z in [−Z_RANGE, Z_RANGE], over a shaded band ±2σ (at most
 * the whole range) where most pre-activations fall, with the axes z = 0 and f = 0 drawn.
 */
export function activationChart(
  kind: ActivationKind,
  sigma: number,
  text: ActivationChartText,
  num: (v: number, digits?: number) => string,
  width = ACTIVATION_WIDTH,
): SvgChartModel {
  const { height, left, right, top, bottom } = ACTIVATION_CHART;
  const curve = activationCurve(kind);
  const [y0, y1] = Y_DOMAIN[kind];
  const spread = Math.min(2 * sigma, Z_RANGE);
  const x = linearScale([-Z_RANGE, Z_RANGE], [left, width - right]);
  const y = linearScale([y0, y1], [height - bottom, top]);
  return {
    width,
    height,
    label: text.label,
    description: text.description,
    left,
    right: width - right,
    top,
    bottom: height - bottom,
    xTicks: linearTicks(-Z_RANGE, Z_RANGE, 5).map((z) => ({
      x: px(x(z)),
      text: num(z, 1).replace('-', '−'),
    })),
    yTicks: linearTicks(y0, y1, 5).map((v) => ({ y: px(y(v)), text: num(v, 1).replace('-', '−') })),
    xLabel: { x: width - right + 9, y: height - bottom + 31, text: 'z →', anchor: 'end' },
    yLabel: null,
    rects: [
      {
        x: px(x(-spread)),
        y: top,
        width: px(x(spread) - x(-spread)),
        height: height - bottom - top,
        class: 'ag-spread',
      },
    ],
    paths: [
      {
        d: line([
          [left, y(0)],
          [width - right, y(0)],
        ]),
        class: 'ag-axis',
      },
      {
        d: line([
          [x(0), top],
          [x(0), height - bottom],
        ]),
        class: 'ag-axis',
      },
      { d: line(curve.map((p) => [x(p.z), y(p.f)])), class: 'ag-f', clip: true }, // ReLU leaves the frame
      { d: line(curve.map((p) => [x(p.z), y(p.df)])), class: 'ag-df' },
    ],
    dots: [],
    labels: [],
  };
}

type OkFigure = Extract<Figure, { ok: true }>;

/** The gradient-factor chart (median and band over depth) of a valid figure, `width` px wide. */
export function drawGradientChart(
  figure: OkFigure,
  strings: Strings,
  locale: Locale,
  width?: number,
): SvgChartModel {
  const { t } = createTranslator(strings, locale);
  const name = t(`activationGradient.name.${figure.kind}`);
  return gradientChart(
    figure.curve,
    {
      x: t('activationGradient.axisDepth'),
      y: t('activationGradient.axisFactor'),
      label: t('activationGradient.gradientLabel', { name }),
      description: t('activationGradient.gradientDescription', {
        name,
        depth: figure.depth,
        samples: SAMPLES,
        median: formatLog10(figure.atDepth.median, locale),
      }),
    },
    width,
  );
}

/** The activation chart (f and its derivative) of a valid figure, `width` px wide. */
export function drawActivationChart(
  figure: OkFigure,
  strings: Strings,
  locale: Locale,
  width?: number,
): SvgChartModel {
  const { t, num } = createTranslator(strings, locale);
  const name = t(`activationGradient.name.${figure.kind}`);
  return activationChart(
    figure.kind,
    figure.sigma,
    {
      label: t('activationGradient.activationLabel', { name }),
      description: t('activationGradient.activationDescription', {
        name,
        peak: formatLog10(Math.log10(maxDerivative(figure.kind)), locale),
      }),
    },
    num,
    width,
  );
}
