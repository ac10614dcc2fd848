/**
 * The one way widgets load heavy browser code (KaTeX, Observable Plot): the page shows what the
 * build rendered, and the module is imported only once the reader changes something (or a chart
 * must be redrawn narrower). Nothing here imports that code, so islands stay small.
 */

/**
 * Starts `load()` (write it as `() => import('./charts')` so the bundler splits the module off)
 * and hands the module to `use`, unless the returned cleanup ran first. Return it from an
 * `$effect`, so a result that arrives after the settings changed again is dropped.
 */
export function loadThen<M>(load: () => Promise<M>, use: (module: M) => void): () => void {
  let cancelled = false;
  load().then((module) => {
    if (!cancelled) use(module);
  });
  return () => {
    cancelled = true;
  };
}

/** Events that come before a change of a widget's setting: a pointer over it, focus in it, a touch. */
const INTENT_EVENTS = ['pointerover', 'focusin', 'touchstart'] as const;

/**
 * A Svelte attachment (`{@attach warmOnIntent(load)}`) that starts `load()` at the reader's first
 * sign of intent anywhere in the widget around the element (its `[data-widget]` root), so the
 * module is there by the first change: loaded on the change itself, KaTeX delayed PaddingFormula's
 * first change by 430 ms on the development machine (Plot DetectionCost's by 80 ms). Nothing loads
 * for a widget the reader only scrolls past. A failed load is left for the change to retry.
 */
export function warmOnIntent(load: () => Promise<unknown>): (node: Element) => () => void {
  return (node) => {
    const root = node.closest('[data-widget]') ?? node;
    const listening = new AbortController();
    const warm = () => {
      listening.abort();
      load().catch(() => undefined);
    };
    for (const type of INTENT_EVENTS)
      root.addEventListener(type, warm, { once: true, passive: true, signal: listening.signal });
    return () => listening.abort();
  };
}

/** Whether a chart's container (measured width, 0 before layout) is narrower than the `max` px drawn at build time. */
export function isNarrower(measured: number, max: number): boolean {
  return measured > 0 && measured < max - 8;
}

/**
 * The second width (px) every chart is drawn at during the build: the widget column of a 360 px
 * phone. Phones then show a built chart too, and never load Plot just to fit the screen.
 */
export const NARROW_CHART_WIDTH = 294;

/**
 * Whether a container `measured` px wide shows the narrow built chart rather than a redraw: from
 * 85 % of NARROW_CHART_WIDTH (a 320 px phone, the chart scaled down by at most 15 %) to 125 % (a
 * 412 px phone, the chart at its own size with a margin).
 */
export function fitsNarrow(measured: number): boolean {
  return measured >= NARROW_CHART_WIDTH * 0.85 && measured <= NARROW_CHART_WIDTH * 1.25;
}

/**
 * A chart drawn at build time twice — at its own width (`draw()`) and at NARROW_CHART_WIDTH — as
 * the two props an island's `onDemandChart` takes (`built`, `narrow`). In a widget's `.astro`:
 * `<Island {...builtCharts((width) => renderChart(figure, …, serverDocument(), width))} />`.
 */
export function builtCharts(draw: (width?: number) => string): {
  initialChart: string;
  initialNarrowChart: string;
} {
  return { initialChart: draw(), initialNarrowChart: draw(NARROW_CHART_WIDTH) };
}

/** Width to redraw a chart at: the container's, at most `max`; undefined (the chart's default) before layout. */
export function drawWidth(measured: number, max: number): number | undefined {
  return measured > 0 ? Math.min(max, Math.floor(measured)) : undefined;
}
