/**
 * The one way an island shows an Observable Plot chart (small charts of a few dozen marks are
 * Svelte SVG instead, shared/SvgChart.svelte, drawn on the server and on each change without
 * Plot): the SVG drawn at build time first — at the chart's width,
 * and at NARROW_CHART_WIDTH for phones — and Observable Plot (imported on demand) redraws it only
 * when the reader has changed something or the container fits neither built width, so a chart
 * drawn at its own width keeps its text readable.
 *
 * ```svelte
 * const chart = onDemandChart({
 *   built: () => initialChart,
 *   narrow: () => initialNarrowChart,
 *   width: PARAMS_CHART_WIDTH,
 *   input: () => (analysis === null ? null : { analysis, name }),
 *   changed: () => touched,
 *   load: () => import('~/components/widgets/shared/architecture/architecture-chart'),
 *   draw: (m, c, width) => m.drawParamsChart(c.analysis, strings, c.name, locale, document, width),
 * });
 * <figure bind:clientWidth={chart.width} {@attach chart.warm}>{@html chart.svg}</figure>
 * ```
 */
import { drawWidth, fitsNarrow, isNarrower, loadThen, warmOnIntent } from './on-demand';

export interface OnDemandChartOptions<M, I, O extends string | Element = string> {
  /** The SVG markup rendered at build time ('' when there is none). */
  built: () => string;
  /** The same chart drawn at build time at NARROW_CHART_WIDTH (omit when `width` is already that narrow). */
  narrow?: () => string;
  /** The width in px the build drew at (and the most a redraw uses). */
  width: number;
  /** What to draw, or null while the settings are invalid (the last drawing stays). */
  input: () => I | null;
  /** Whether the reader has changed the settings away from the build's. */
  changed: () => boolean;
  /** The chart module; write `() => import('./charts')` so the bundler splits it off. */
  load: () => Promise<M>;
  /**
   * Draws `input` with the module at `width` px (undefined before layout: the chart's default):
   * markup, or a detached element for LiveMarkup (plot.ts `drawChart`, cheaper per change).
   */
  draw: (module: M, input: I, width: number | undefined) => O;
}

/** A chart's markup and its container's measured width. */
export interface OnDemandChart<O extends string | Element = string> {
  /** The markup to show: the latest drawing, or the build's. */
  readonly svg: string | O;
  /** The container's width in px; bind it with `bind:clientWidth={chart.width}`. */
  width: number;
  /** Loads the chart module once the reader reaches for the widget: `{@attach chart.warm}` on the container. */
  readonly warm: (node: Element) => () => void;
}

/**
 * Shows `built()` (or `narrow()` in a phone-sized container, see `fitsNarrow`) until a redraw is
 * due (the reader changed something, or the measured width fits neither), then loads the module
 * and shows `draw(module, input, drawWidth)`. An answer that arrives after the settings changed
 * again is dropped. Call during component setup.
 */
export function onDemandChart<M, I, O extends string | Element = string>(
  options: OnDemandChartOptions<M, I, O>,
): OnDemandChart<O> {
  let measured = $state(0);
  let drawn: O | '' = $state.raw('');
  const narrow = $derived(
    options.narrow !== undefined && isNarrower(measured, options.width) && fitsNarrow(measured)
      ? options.narrow()
      : '',
  );
  const svg = $derived(drawn || narrow || options.built());

  $effect(() => {
    const input = options.input();
    if (input === null) return;
    if (!options.changed() && (!isNarrower(measured, options.width) || narrow !== '')) {
      drawn = '';
      return;
    }
    const width = drawWidth(measured, options.width);
    return loadThen(options.load, (module) => (drawn = options.draw(module, input, width)));
  });

  const warm = warmOnIntent(options.load);
  return {
    warm,
    get svg() {
      return svg;
    },
    get width() {
      return measured;
    },
    set width(value: number) {
      measured = value;
    },
  };
}
