/**
 * DetectionCost's chart, computed here and drawn by shared/SvgChart.svelte as plain SVG (it was an
 * Observable Plot chart: about 4 ms of each change's main thread went to Plot redrawing it and the
 * page swapping in its markup, issue 12): one horizontal bar per detector, its multiply–accumulates
 * per image on a logarithmic axis (one grid line per power of ten), the count printed at the bar's
 * end; detectors are named on the axis, so nothing depends on colour. The bars are one <path>.
 */
import type { Translator } from '~/components/widgets/shared/translator';
import {
  bandScale,
  logScale,
  px,
  rectsPath,
  type SvgChartModel,
} from '~/components/widgets/shared/svg-chart';
import type { DetectionCost } from '~/lib/cnn';
import { CHART_WIDTH, costRows, detectorNames, logDomain } from './detection-cost-view';

/** Sizes of the chart (px): a row per detector; `narrow` gives the side margins below `narrow.width`. */
export const COST_CHART = {
  rowHeight: 44,
  top: 8,
  bottom: 40,
  left: 112,
  right: 56,
  narrow: { width: 420, left: 92, right: 44 },
} as const;

/**
 * The chart `width` px wide (default CHART_WIDTH): bars from the axis's lowest power of ten to each
 * detector's MACs on x = left + (log₁₀ v − log₁₀ lo)/(log₁₀ hi − log₁₀ lo)·(right − left), over
 * [lo, hi] = logDomain; bands of 75 % of a row; a tick per power of ten (every other one below
 * COST_CHART.narrow.width, where the labels would touch).
 */
export function costChart(
  cost: DetectionCost,
  t: Translator['t'],
  compact: Translator['compact'],
  width: number = CHART_WIDTH,
): SvgChartModel {
  const rows = costRows(cost).map((r) => ({ ...r, name: detectorNames[r.key], text: compact(r.macs) }));
  const [lo, hi] = logDomain(rows);
  const narrow = width < COST_CHART.narrow.width;
  const left = narrow ? COST_CHART.narrow.left : COST_CHART.left;
  const right = width - (narrow ? COST_CHART.narrow.right : COST_CHART.right);
  const top = COST_CHART.top;
  const bottom = top + rows.length * COST_CHART.rowHeight;
  const height = bottom + COST_CHART.bottom;
  const x = logScale([lo, hi], [left, right]);
  const band = bandScale(
    rows.map((r) => r.name),
    [top, bottom],
    0.25,
  );
  const mid = (name: string) => band.x(name) + band.bandwidth / 2;
  const powers = Array.from({ length: Math.round(Math.log10(hi / lo)) + 1 }, (_, i) => lo * 10 ** i);
  const at = (key: string) => rows.find((r) => r.key === key)!.text;

  return {
    width,
    height,
    label: t('detectionCost.chartLabel'),
    description: t('detectionCost.chartDescription', {
      rcnn: at('rcnn'),
      fast: at('fast-rcnn'),
      faster: at('faster-rcnn'),
      yolo: at('yolo'),
    }),
    left,
    right,
    top,
    bottom,
    grid: 'x',
    xTicks: powers.filter((_, i) => !narrow || i % 2 === 0).map((v) => ({ x: px(x(v)), text: compact(v) })),
    yTicks: rows.map((r) => ({ y: px(mid(r.name)), text: r.name })),
    xLabel: { x: right, y: height - 6, text: t('detectionCost.axis'), anchor: 'end' },
    yLabel: null,
    rects: [],
    paths: [
      {
        d: rectsPath(
          rows.map((r) => ({
            x: px(left),
            y: px(band.x(r.name)),
            width: px(x(r.macs) - left),
            height: px(band.bandwidth),
          })),
        ),
        class: 'dc-bar',
      },
    ],
    dots: [],
    labels: rows.map((r) => ({ x: px(x(r.macs) + 4), y: px(mid(r.name)), text: r.text, class: 'dc-label' })),
  };
}
