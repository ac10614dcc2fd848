/**
 * ReceptiveField's charts (Observable Plot): field growth against depth, and the measured
 * effective field against depth. Islands import this module only when they redraw a chart.
 */
import * as Plot from '@observablehq/plot';
import { fieldGrowth, type StackLayer } from '~/lib/cnn/receptive-field';
import type { ChartSpec } from '~/components/widgets/shared/plot';
import { conv, type GrowthLabels } from './receptive-field-view';
import type { SweepLabels, SweepPoint } from './erf';

export { renderChart } from '~/components/widgets/shared/plot';

/**
 * Receptive field against depth: the reader's stack, plain 3×3 layers (r = 2l + 1), and 3×3
 * layers with dilation doubling 1, 2, 4 … (r = 2^{l+1} − 1).
 */
export function growthChart(layers: StackLayer[], labels: GrowthLabels, width = 640): ChartSpec {
  const depth = Math.max(4, layers.length);
  const series = [
    { name: labels.current, values: fieldGrowth(layers) },
    { name: labels.stacked3, values: fieldGrowth(Array.from({ length: depth }, () => conv(3))) },
    {
      name: labels.dilated,
      values: fieldGrowth(Array.from({ length: depth }, (_, i) => conv(3, 1, 0, 2 ** i))),
    },
  ];
  // The reader's stack is drawn last so it stays visible where the lines coincide.
  const data = [...series.slice(1), series[0]!].flatMap((s) =>
    s.values.map((r, l) => ({ series: s.name, depth: l, r })),
  );
  return {
    label: labels.label,
    description: labels.description,
    options: {
      width,
      height: 240,
      marginLeft: 44,
      x: { label: labels.x, ticks: depth + 1, tickFormat: 'd' },
      y: { label: labels.y, grid: true, zero: true },
      color: { legend: true, domain: series.map((s) => s.name), range: ['#4269d0', '#efb118', '#3ca951'] },
      symbol: { domain: series.map((s) => s.name), range: ['circle', 'square', 'triangle'] },
      marks: [
        Plot.line(data, {
          x: 'depth',
          y: 'r',
          stroke: 'series',
          strokeWidth: (d: { series: string }) => (d.series === labels.current ? 3.5 : 2),
        }),
        Plot.dot(data, {
          x: 'depth',
          y: 'r',
          stroke: 'series',
          symbol: 'series',
          fill: 'currentColor',
          r: 3.5,
        }),
      ],
    },
  };
}

/** Theoretical r = 2L + 1 against the measured effective size 4σ, per depth L (3×3 layers). */
export function sweepChart(points: SweepPoint[], labels: SweepLabels, width = 640): ChartSpec {
  const data = points.flatMap((p) => [
    { depth: p.depth, size: p.r, series: labels.theoretical },
    { depth: p.depth, size: p.effective, series: labels.effective },
  ]);
  return {
    label: labels.label,
    description: labels.description,
    options: {
      width,
      height: 220,
      marginLeft: 44,
      x: { label: labels.x, tickFormat: 'd', ticks: points.length },
      y: { label: labels.y, grid: true, zero: true },
      color: { legend: true, domain: [labels.theoretical, labels.effective], range: ['#efb118', '#4269d0'] },
      symbol: { domain: [labels.theoretical, labels.effective], range: ['square', 'circle'] },
      marks: [
        Plot.line(data, { x: 'depth', y: 'size', stroke: 'series', strokeWidth: 2.5 }),
        Plot.dot(data, { x: 'depth', y: 'size', stroke: 'series', symbol: 'series', r: 3.5 }),
      ],
    },
  };
}
