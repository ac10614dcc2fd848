/**
 * KernelTradeoff's bar chart, computed here and drawn by shared/SvgChart.svelte as plain SVG (it
 * was an Observable Plot chart, redrawn by Plot on every change that moved a share, issue 12): each
 * metric of the 3×3 stack as a share of the single large kernel's (= 100 %), both bars per metric,
 * the stack filled and the large kernel outlined (so the two differ by more than colour), the share
 * printed at each bar's end, a dashed line at 100 %. Each kind of bar is one <path>.
 */
import type { Translator } from '~/components/widgets/shared/translator';
import {
  bandScale,
  linearScale,
  linearTicks,
  polyline,
  px,
  rectsPath,
  type SvgChartModel,
} from '~/components/widgets/shared/svg-chart';
import {
  chartMetrics as CHART_METRICS,
  metricValues,
  CHART_WIDTH,
  type Figure,
  type Metric,
} from './kernel-tradeoff';

type OkFigure = Extract<Figure, { ok: true }>;

/** Per metric: the stack's and the single kernel's value as a percentage of the single kernel's. */
export function chartRows(
  figure: OkFigure,
): { metric: Metric; option: 'stacked' | 'single'; percent: number }[] {
  return CHART_METRICS.flatMap((metric) => {
    const v = metricValues(figure, metric);
    return [
      { metric, option: 'stacked' as const, percent: (100 * v.stacked) / v.single },
      { metric, option: 'single' as const, percent: 100 },
    ];
  });
}

/** Sizes of the chart (px): a row per metric, the left margin for the metrics' names (narrower below `narrow.width`). */
export const TRADEOFF_CHART = {
  rowHeight: 46,
  top: 6,
  bottom: 36,
  left: 120,
  right: 16,
  narrow: { width: 420, left: 104 },
} as const;

/**
 * The chart `width` px wide (default CHART_WIDTH): x linear from 0 to 1.2 × the largest share, about
 * six ticks (three below TRADEOFF_CHART.narrow.width); per metric a band of the row (18 % padding)
 * split into the stack's bar above the single kernel's (12 % padding); the single kernel's outline
 * inset 0.75 px so its 1.5 px stroke stays inside its band.
 */
export function tradeoffChart(
  figure: OkFigure,
  t: Translator['t'],
  num: Translator['num'],
  width: number = CHART_WIDTH,
): SvgChartModel {
  const rows = chartRows(figure).map((r) => ({
    ...r,
    name: t(`kernelTradeoff.metric.${r.metric}`),
    text: `${num(r.percent)}%`,
  }));
  const names = CHART_METRICS.map((m) => t(`kernelTradeoff.metric.${m}`));
  const max = Math.max(...rows.map((r) => r.percent));
  const narrow = width < TRADEOFF_CHART.narrow.width;
  const left = narrow ? TRADEOFF_CHART.narrow.left : TRADEOFF_CHART.left;
  const right = width - TRADEOFF_CHART.right;
  const top = TRADEOFF_CHART.top;
  const bottom = names.length * TRADEOFF_CHART.rowHeight;
  const height = bottom + TRADEOFF_CHART.bottom;
  const x = linearScale([0, max * 1.2], [left, right]);
  const facet = bandScale(names, [top, bottom], 0.18);
  const bar = (r: (typeof rows)[number]) => {
    const inner = bandScale(
      ['stacked', 'single'],
      [facet.x(r.name), facet.x(r.name) + facet.bandwidth],
      0.12,
    );
    return { y: inner.x(r.option), height: inner.bandwidth };
  };
  const stackName = t('kernelTradeoff.stackName', { n: figure.n });
  const singleName = t('kernelTradeoff.singleName', { k: figure.target });
  const stackedText = (metric: Metric) =>
    rows.find((r) => r.metric === metric && r.option === 'stacked')!.text;
  const inset = 0.75;

  return {
    width,
    height,
    label: t('kernelTradeoff.chartLabel', { stack: stackName, single: singleName }),
    description: t('kernelTradeoff.chartDescription', {
      stack: stackName,
      single: singleName,
      weights: stackedText('weights'),
      macs: stackedText('macs'),
      nonlinearities: stackedText('nonlinearities'),
    }),
    left,
    right,
    top,
    bottom,
    grid: 'none',
    xTicks: linearTicks(0, max * 1.2, narrow ? 3 : 6).map((v) => ({ x: px(x(v)), text: num(v) })),
    yTicks: names.map((name) => ({ y: px(facet.x(name) + facet.bandwidth / 2), text: name })),
    xLabel: {
      x: right,
      y: height - 6,
      text: t('kernelTradeoff.axisPercent', { single: singleName }),
      anchor: 'end',
    },
    yLabel: null,
    rects: [],
    paths: [
      {
        d: rectsPath(
          rows
            .filter((r) => r.option === 'stacked')
            .map((r) => {
              const b = bar(r);
              return { x: px(left), y: px(b.y), width: px(x(r.percent) - left), height: px(b.height) };
            }),
        ),
        class: 'kt-stacked',
      },
      {
        d: rectsPath(
          rows
            .filter((r) => r.option === 'single')
            .map((r) => {
              const b = bar(r);
              return {
                x: px(left + inset),
                y: px(b.y + inset),
                width: px(x(r.percent) - left - 2 * inset),
                height: px(b.height - 2 * inset),
              };
            }),
        ),
        class: 'kt-single',
      },
      {
        d: polyline([
          [x(100), top],
          [x(100), bottom],
        ]),
        class: 'kt-hundred',
      },
      {
        d: polyline([
          [left, top],
          [left, bottom],
        ]),
        class: 'kt-axis',
      },
    ],
    dots: [],
    labels: rows.map((r) => {
      const b = bar(r);
      return { x: px(x(r.percent) + 4), y: px(b.y + b.height / 2), text: r.text, class: 'kt-label' };
    }),
  };
}
