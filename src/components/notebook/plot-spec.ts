/**
 * A cell's `PlotSpec` (plain data from the kernel) turned into what Observable Plot needs, and the
 * numbers of its text alternative. Pure: the drawing itself is in `cell-charts.ts`.
 */
import type { PlotMarkSpec, PlotScaleSpec, PlotSpec } from '~/lib/tf/kernel/protocol';
import { formatCellNumber } from './cell-format';

const MARKS = new Set<PlotMarkSpec['mark']>(['line', 'lineY', 'dot', 'barY', 'ruleY', 'cell', 'text']);

/** A chart's height in px when the spec gives none (Plot's own default is taller than a cell needs). */
export const DEFAULT_PLOT_HEIGHT = 260;

/** Plot scale options from a spec's scale (only the fields the spec allows). */
export function scaleOptions(scale: PlotScaleSpec | undefined): Record<string, unknown> {
  if (!scale) return {};
  const out: Record<string, unknown> = {};
  if (scale.label !== undefined) out.label = scale.label;
  if (scale.type !== undefined) out.type = scale.type;
  // Plot labels log ticks in SI style ("100m", "100µ"): "m" reads as million. Plain numbers instead.
  if (scale.type === 'log') out.tickFormat = formatCellNumber;
  if (scale.domain !== undefined) out.domain = [...scale.domain];
  return out;
}

/** The marks of a spec that Plot can draw (a known mark with array data); others are dropped. */
export function drawableMarks(spec: PlotSpec): PlotMarkSpec[] {
  return (spec.marks ?? []).filter((m) => MARKS.has(m.mark) && Array.isArray(m.data));
}

/** Plot's top-level options for a spec (without marks): scales, legend, height, grid lines. */
export function plotFrame(spec: PlotSpec, width?: number): Record<string, unknown> {
  return {
    ...(width === undefined ? {} : { width }),
    height: spec.height ?? DEFAULT_PLOT_HEIGHT,
    x: scaleOptions(spec.x),
    y: { grid: true, ...scaleOptions(spec.y) },
    color: spec.color?.legend ? { legend: true } : {},
  };
}

/** What a chart's text alternative says: the marks drawn (their names) and the data points in all. */
export function plotSummary(spec: PlotSpec): { marks: string; points: number } {
  const marks = drawableMarks(spec);
  return {
    marks: [...new Set(marks.map((m) => m.mark))].join(', '),
    points: marks.reduce((n, m) => n + m.data.length, 0),
  };
}
