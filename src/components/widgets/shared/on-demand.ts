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

/** Whether a chart's container (measured width, 0 before layout) is narrower than the `max` px drawn at build time. */
export function isNarrower(measured: number, max: number): boolean {
  return measured > 0 && measured < max - 8;
}

/** Width to redraw a chart at: the container's, at most `max`; undefined (the chart's default) before layout. */
export function drawWidth(measured: number, max: number): number | undefined {
  return measured > 0 ? Math.min(max, Math.floor(measured)) : undefined;
}
