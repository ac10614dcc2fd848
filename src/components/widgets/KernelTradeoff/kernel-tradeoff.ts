/**
 * KernelTradeoff's pure state: channels C, map H × W and a target receptive field r (5 or 7)
 * → n = (r − 1)/2 stacked 3×3 convolutions against one r × r convolution (C → C, stride 1,
 * "same" padding), compared by receptive field, weights, biases, MACs and nonlinearities.
 * The arithmetic is the engine's `stackedVsSingle` (receptive fields from `receptiveField`).
 */
import { stackedVsSingle, type StackedVsSingle } from '~/lib/cnn/formulas';
import type { Problem } from '~/lib/cnn/problems';
import { readWholeFields, type Field } from '~/components/widgets/shared/fields';
import { texNumber } from '~/components/widgets/shared/format';

export const targets = [5, 7] as const;
export type Target = (typeof targets)[number];

export interface Settings {
  /** channels C (in = out) */
  c: Field;
  /** map height H */
  h: Field;
  /** map width W */
  w: Field;
  /** receptive field to reach: 5 (two 3×3 vs 5×5) or 7 (three 3×3 vs 7×7) */
  target: Target;
}

export const defaultSettings: Settings = { c: '64', h: '56', w: '56', target: 5 };

/** Limits keep every count an exact integer (below 2^53) and the fields sane. */
export const MAX_CHANNELS = 4096;
export const MAX_SIDE = 1024;

/** Width (px) of the chart drawn at build time; the browser redraws it narrower when it must. */
export const CHART_WIDTH = 520;

export const metrics = ['field', 'weights', 'biases', 'total', 'macs', 'nonlinearities'] as const;
export type Metric = (typeof metrics)[number];
/** The metrics the chart compares (as a share of the single kernel's): all but the total. */
export const chartMetrics: readonly Metric[] = ['field', 'weights', 'biases', 'macs', 'nonlinearities'];

export type Figure =
  | { ok: false; problems: Problem[] }
  | { ok: true; c: number; h: number; w: number; target: Target; n: number; result: StackedVsSingle };

/** Number of stacked 3×3 layers that reach receptive field r: n = (r − 1)/2. */
export function layersFor(target: Target): number {
  return (target - 1) / 2;
}

/** Validates the settings and compares the two options; impossible settings become Problems. */
export function computeFigure(settings: Settings): Figure {
  const read = readWholeFields(settings, { c: [1, MAX_CHANNELS], h: [1, MAX_SIDE], w: [1, MAX_SIDE] });
  if (!read.ok) return read;
  const { c, h, w } = read.values;
  const target = settings.target === 7 ? 7 : 5;
  const n = layersFor(target);
  return { ok: true, c, h, w, target, n, result: stackedVsSingle(c, n, { h, w }) };
}

/** The value of one metric for the stack and for the single layer. */
export function metricValues(
  figure: Extract<Figure, { ok: true }>,
  metric: Metric,
): { stacked: number; single: number } {
  const { stacked, single } = figure.result;
  return { stacked: stacked[metric], single: single[metric] };
}

/**
 * The formulas with the current numbers, one step per line so they fit a phone:
 * r = 1 + n(3 − 1) = 1 + (k − 1) with k = 2n + 1; weights n·9·C² vs (2n + 1)²·C²; their ratio 9n/(2n + 1)²;
 * MACs = H·W·weights.
 */
export function formulaTex(f: Extract<Figure, { ok: true }>): string {
  const { n, c, h, w, target, result } = f;
  const k = target;
  const ratio = Number(result.ratio.toFixed(3));
  const stack = String.raw`${n}\times(3\times3)`;
  const one = String.raw`${k}\times${k}`;
  return [
    String.raw`\begin{aligned}`,
    String.raw`r_{${stack}} &= 1 + n\,(3-1) = ${result.stacked.field} \\`,
    String.raw`r_{${one}} &= 1 + (${k}-1) = ${result.single.field} \\`,
    String.raw`w_{${stack}} &= n \cdot 9\,C^2 \\ &= ${n}\cdot 9 \cdot ${texNumber(c)}^2 = ${texNumber(result.stacked.weights)} \\`,
    String.raw`w_{${one}} &= (2n+1)^2\,C^2 \\ &= ${k * k} \cdot ${texNumber(c)}^2 = ${texNumber(result.single.weights)} \\`,
    String.raw`\frac{w_{${stack}}}{w_{${one}}} &= \frac{9n}{(2n+1)^2} = \frac{${9 * n}}{${k * k}} \approx ${texNumber(ratio)} \\`,
    String.raw`\text{MACs} &= H\,W \cdot w = ${texNumber(h)} \cdot ${texNumber(w)} \cdot w`,
    String.raw`\end{aligned}`,
  ].join(' ');
}
