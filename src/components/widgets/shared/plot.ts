/**
 * The one way widgets draw charts: Observable Plot rendered to an SVG string, with the same code
 * on the server (a linkedom document, so the figure exists without JavaScript) and in the browser.
 *
 * Accessibility: the chart is one image with a label and a description (and widgets print the
 * numbers as text or a table too). Plot labels its inner <g> groups with aria-label, which ARIA
 * prohibits on generic elements (axe: aria-prohibited-attr), so those labels are dropped here.
 */
import * as Plot from '@observablehq/plot';

export interface ChartSpec {
  /** Plot options without marks' document/aria settings */
  options: Plot.PlotOptions;
  /** short name of the chart, read by screen readers */
  label: string;
  /** one or two sentences saying what the chart shows */
  description: string;
}

/** Renders a chart to SVG markup with `doc` (the page's document, or a server-side one). */
export function renderChart(spec: ChartSpec, doc: Document): string {
  return drawChart(spec, doc).outerHTML;
}

/**
 * A chart-drawing function made to return the chart's markup (`outerHTML`) instead of its element:
 * `export const renderX = asMarkup(drawX)` gives the build and the goldens the markup of exactly
 * what an island draws with `drawX`.
 */
export function asMarkup<A extends unknown[]>(draw: (...args: A) => Element): (...args: A) => string {
  return (...args) => draw(...args).outerHTML;
}

/**
 * Draws a chart as a detached element of `doc` (the markup `renderChart` returns). An island hands
 * it to LiveMarkup as it is: writing it out as markup only for LiveMarkup to parse it back cost
 * about 1.5 ms per change (issue 12).
 */
export function drawChart(spec: ChartSpec, doc: Document): Element {
  const el = Plot.plot({
    ...spec.options,
    document: doc,
    ariaLabel: spec.label,
    ariaDescription: spec.description,
    style: {
      background: 'transparent',
      color: 'currentColor',
      ...(spec.options.style as object | undefined),
    },
  });
  // With a legend, Plot returns a <figure>: the chart is the svg that carries the aria-label.
  const svg =
    el.tagName.toLowerCase() === 'svg'
      ? el
      : (el.querySelector('svg[aria-label]') ?? el.querySelector('svg'));
  if (svg) {
    svg.setAttribute('role', 'img');
    for (const node of Array.from(svg.querySelectorAll('[aria-label]'))) node.removeAttribute('aria-label');
    for (const node of Array.from(svg.querySelectorAll('[aria-description]')))
      node.removeAttribute('aria-description');
  }
  return el;
}
