/**
 * Scales and ticks for the small charts a widget draws with its own Svelte SVG markup (no
 * Observable Plot on the change path: Plot cost 4–5 ms per change on charts of a few dozen marks,
 * issue 12). Pure: the chart's `.ts` computes every coordinate and label with these, the `.svelte`
 * only writes them out, on the server (the figure shows without JavaScript) and in the browser.
 */

/** A linear map from `domain` [d₀, d₁] to `range` [r₀, r₁]: x ↦ r₀ + (x − d₀)·(r₁ − r₀)/(d₁ − d₀). */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]) {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (x: number) => r0 + (x - d0) * k;
}

/**
 * A logarithmic map from `domain` [d₀, d₁] (both > 0) to `range` [r₀, r₁]:
 * x ↦ r₀ + (log₁₀ x − log₁₀ d₀)·(r₁ − r₀)/(log₁₀ d₁ − log₁₀ d₀); a value ≤ 0 maps to r₀ (it has
 * no place on a log axis), and a domain of one point or with an end ≤ 0 maps everything to r₀.
 */
export function logScale(domain: readonly [number, number], range: readonly [number, number]) {
  const [l0, l1] = domain.map(Math.log10) as [number, number];
  const [r0, r1] = range;
  // a domain with an end ≤ 0 (log −∞ or NaN) or of one point has no scale
  if (!Number.isFinite(l0) || !Number.isFinite(l1) || l1 === l0) return () => r0;
  const k = (r1 - r0) / (l1 - l0);
  return (x: number) => (x > 0 ? r0 + (Math.log10(x) - l0) * k : r0);
}

/**
 * About `count` round tick values in [lo, hi]: the step is 1, 2 or 5 × 10ⁿ, the one whose tick
 * count is nearest `count` (step ≥ (hi − lo)/count rounded up to such a number), ticks at its
 * multiples. Values are rounded to the step's decimals, so 0.1 + 0.2 reads 0.3.
 */
export function linearTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi) || count < 1) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const ratio = raw / power;
  const step = (ratio >= 7.07 ? 10 : ratio >= 3.16 ? 5 : ratio >= 1.41 ? 2 : 1) * power;
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const ticks: number[] = [];
  for (let i = Math.ceil(lo / step); i * step <= hi + step * 1e-9; i++)
    ticks.push(Number((i * step).toFixed(decimals)));
  return ticks;
}

/** A band scale: `names` in order across [r₀, r₁], each band `bandwidth` px wide, with `padding` (fraction of a step) between and around them. */
export interface BandScale {
  /** left edge of the band of `name` */
  x: (name: string) => number;
  /** width of one band */
  bandwidth: number;
  /** distance from one band's left edge to the next */
  step: number;
}

/**
 * Bands for `names` over [r₀, r₁]: step = (r₁ − r₀)/(n − padding + 2·padding), bandwidth =
 * step·(1 − padding), the first band starting at r₀ + padding·step (equal outer and inner padding).
 */
export function bandScale(
  names: readonly string[],
  range: readonly [number, number],
  padding = 0.1,
): BandScale {
  const [r0, r1] = range;
  const n = Math.max(1, names.length);
  const step = (r1 - r0) / (n + padding);
  const index = new Map(names.map((name, i) => [name, i]));
  return {
    x: (name) => r0 + padding * step + (index.get(name) ?? 0) * step,
    bandwidth: step * (1 - padding),
    step,
  };
}

/** A number rounded to 0.1 px for SVG attributes (shorter markup, no float noise in the goldens). */
export const px = (x: number): number => Math.round(x * 10) / 10;

/** Everything SvgChart.svelte writes out, in px of the SVG's own coordinates. */
export interface SvgChartModel {
  width: number;
  height: number;
  /** short name of the chart (its <title>) and one or two sentences of what it shows (its <desc>) */
  label: string;
  description: string;
  /** the plotting frame: x from `left` to `right`, y from `top` to `bottom` */
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** ticks under the frame (a mark without text where `text` is ''); y ticks left of it */
  xTicks: { x: number; text: string }[];
  yTicks: { y: number; text: string }[];
  /** which ticks have a faint grid line across the frame: the y ticks' (the default), the x ticks' or none */
  grid?: 'x' | 'y' | 'none';
  /** the axis names: x at the bottom (anchored at `x`), y above the frame's top left (none when null) */
  xLabel: { x: number; y: number; text: string; anchor: 'middle' | 'end' };
  yLabel: { x: number; y: number; text: string } | null;
  /** marks over the grid and axes, drawn in this order, each with the widget's CSS class: rectangles, lines and areas (`clip`: cut at the frame), dots, text labels */
  rects: { x: number; y: number; width: number; height: number; class: string }[];
  paths: { d: string; class: string; clip?: boolean }[];
  dots: { x: number; y: number; r: number; class: string }[];
  labels: { x: number; y: number; text: string; class: string }[];
}

/** An SVG path through the points: "M x₀,y₀ L x₁,y₁ …" (coordinates rounded by `px`). */
export function polyline(points: [number, number][]): string {
  return points.map(([x, y], i) => `${i ? 'L' : 'M'}${px(x)},${px(y)}`).join('');
}

/** A rectangle of a chart, in px. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Rectangles as one SVG path: a closed subpath "Mx y h w v h h −w z" per rectangle, in order
 * (the outline an SVG <rect> draws, clockwise from its top left corner); '' for none. One
 * element for a chart's bars of one kind: fewer attribute writes and restyles per change.
 */
export function rectsPath(rects: readonly Rect[]): string {
  return rects.map((r) => `M${r.x} ${r.y}h${r.width}v${r.height}h${-r.width}z`).join('');
}
