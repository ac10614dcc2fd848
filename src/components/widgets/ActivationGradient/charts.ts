/**
 * ActivationGradient's two charts as Plot specs (rendered by shared/plot.ts `drawChart`, on the
 * server with a linkedom document and in the browser after a change): the gradient factor per
 * depth on a log axis, and f(z) with f'(z). Colours come from CSS classes (see the .svelte
 * styles), so both themes work; lines differ by dash pattern too, never by colour alone.
 */
import * as Plot from '@observablehq/plot';
import type { ChartSpec } from '~/components/widgets/shared/plot';
import {
  activationCurve,
  formatLog10,
  plotValue,
  powerOfTen,
  ACTIVATION_WIDTH,
  GRADIENT_WIDTH,
  Z_RANGE,
  type DepthPoint,
} from './activation-gradient';
import type { ActivationKind } from '~/lib/cnn/activations';
import type { Locale, Strings } from '~/i18n/translate';
import { createTranslator } from '~/components/widgets/shared/translator';
import { maxDerivative } from '~/lib/cnn/activations';
import { asMarkup, drawChart } from '~/components/widgets/shared/plot';
import { decadeAxis } from '~/components/widgets/shared/log-axis';
import { SAMPLES, type Figure } from './activation-gradient';

export interface GradientChartText {
  x: string;
  y: string;
  label: string;
  description: string;
}

/** y range in whole decades [lo, hi] covering the band and the bound, at least two decades. */
export function decadeDomain(curve: DepthPoint[]): [number, number] {
  const lows = curve.flatMap((p) => [p.low, p.bound, p.median]);
  const highs = curve.flatMap((p) => [p.high, p.bound]);
  const hi = Math.max(0, Math.ceil(Math.max(...highs)));
  const lo = Math.min(Math.floor(Math.min(...lows)), hi - 2);
  return [Math.max(lo, -300), hi];
}

export function gradientChart(
  curve: DepthPoint[],
  text: GradientChartText,
  width = GRADIENT_WIDTH,
): ChartSpec {
  const [lo, hi] = decadeDomain(curve);
  const data = curve.map((p) => ({
    depth: p.depth,
    median: plotValue(p.median),
    low: plotValue(p.low),
    high: plotValue(p.high),
    bound: plotValue(p.bound),
  }));
  const last = data[data.length - 1]!;
  const maxDepth = Math.max(2, last.depth);
  return {
    label: text.label,
    description: text.description,
    options: {
      width,
      height: 260,
      marginLeft: 52,
      marginRight: 12,
      style: { fontSize: '12px' },
      x: {
        label: text.x,
        domain: [1, maxDepth],
        labelAnchor: 'right',
        ticks: Math.min(maxDepth - 1, 5),
        tickFormat: 'd',
      },
      y: decadeAxis(text.y, lo, hi, powerOfTen),
      marks: [
        Plot.areaY(data, { x: 'depth', y1: 'low', y2: 'high', className: 'ag-band' }),
        Plot.ruleY([1], { className: 'ag-one' }),
        Plot.lineY(data, {
          x: 'depth',
          y: 'bound',
          className: 'ag-bound',
          strokeWidth: 2,
          strokeDasharray: '6 4',
        }),
        Plot.lineY(data, { x: 'depth', y: 'median', className: 'ag-median', strokeWidth: 2.5 }),
        Plot.dot([last], { x: 'depth', y: 'median', r: 4, className: 'ag-median-dot' }),
      ],
    },
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

export function activationChart(
  kind: ActivationKind,
  sigma: number,
  text: ActivationChartText,
  width = ACTIVATION_WIDTH,
): ChartSpec {
  const curve = activationCurve(kind);
  const [y0, y1] = Y_DOMAIN[kind];
  const spread = Math.min(2 * sigma, Z_RANGE);
  return {
    label: text.label,
    description: text.description,
    options: {
      width,
      height: 200,
      marginLeft: 40,
      marginRight: 12,
      style: { fontSize: '12px' },
      x: { label: 'z', domain: [-Z_RANGE, Z_RANGE], ticks: 5, labelAnchor: 'right' },
      y: { label: null, domain: [y0, y1], grid: true, ticks: 5 },
      marks: [
        Plot.rect([{ x1: -spread, x2: spread }], {
          x1: 'x1',
          x2: 'x2',
          y1: y0,
          y2: y1,
          className: 'ag-spread',
        }),
        Plot.ruleY([0], { className: 'ag-axis' }),
        Plot.ruleX([0], { className: 'ag-axis' }),
        Plot.lineY(curve, { x: 'z', y: 'f', className: 'ag-f', strokeWidth: 2.5, clip: true }),
        Plot.lineY(curve, { x: 'z', y: 'df', className: 'ag-df', strokeWidth: 2, strokeDasharray: '5 3' }),
      ],
    },
  };
}

type OkFigure = Extract<Figure, { ok: true }>;

/** The gradient-factor chart (median and band over depth) as SVG markup for a valid figure. */
export const renderGradientChart = asMarkup(drawGradientChart);

/** The gradient-factor chart as a detached element of `doc` (the island's redraws, plot.ts `drawChart`). */
export function drawGradientChart(
  figure: OkFigure,
  strings: Strings,
  locale: Locale,
  doc: Document,
  width?: number,
): Element {
  const { t } = createTranslator(strings, locale);
  const name = t(`activationGradient.name.${figure.kind}`);
  const spec = gradientChart(
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
  return drawChart(spec, doc);
}

/** The activation chart (f and its derivative) as SVG markup for a valid figure. */
export const renderActivationChart = asMarkup(drawActivationChart);

/** The activation chart as a detached element of `doc` (the island's redraws, plot.ts `drawChart`). */
export function drawActivationChart(
  figure: OkFigure,
  strings: Strings,
  locale: Locale,
  doc: Document,
  width?: number,
): Element {
  const { t } = createTranslator(strings, locale);
  const name = t(`activationGradient.name.${figure.kind}`);
  const spec = activationChart(
    figure.kind,
    figure.sigma,
    {
      label: t('activationGradient.activationLabel', { name }),
      description: t('activationGradient.activationDescription', {
        name,
        peak: formatLog10(Math.log10(maxDerivative(figure.kind)), locale),
      }),
    },
    width,
  );
  return drawChart(spec, doc);
}

/** Both charts as SVG markup for a valid figure, drawn with `doc` (server or browser document). */
export function renderCharts(
  figure: OkFigure,
  strings: Strings,
  locale: Locale,
  doc: Document,
  widths: { gradient?: number; activation?: number } = {},
): { gradient: string; activation: string } {
  return {
    gradient: renderGradientChart(figure, strings, locale, doc, widths.gradient),
    activation: renderActivationChart(figure, strings, locale, doc, widths.activation),
  };
}
