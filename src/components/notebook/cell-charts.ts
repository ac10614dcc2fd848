/**
 * Draws a cell's `PlotSpec` with Observable Plot through the widgets' `renderChart` (the same
 * code on the server, with a linkedom document, and in the browser, imported only when a run
 * produced a chart). The chart is one labelled image; its description names the marks and the
 * number of data points.
 */
import * as Plot from '@observablehq/plot';
import type { PlotSpec } from '~/lib/tf/kernel/protocol';
import { renderChart } from '~/components/widgets/shared/plot';
import { drawableMarks, plotFrame, plotSummary } from './plot-spec';

/** The words of a chart's text alternative, in the page's language. */
export interface ChartText {
  label: string;
  description: (summary: { marks: string; points: number }) => string;
}

/** Renders `spec` to SVG markup with `doc`, at `width` px (Plot's default 640 when undefined). */
export function renderCellPlot(spec: PlotSpec, text: ChartText, doc: Document, width?: number): string {
  const marks = drawableMarks(spec).map((m) => {
    const make = Plot[m.mark] as (data: unknown, options?: object) => Plot.Markish;
    return make(m.data, m.options ?? {});
  });
  return renderChart(
    {
      options: { ...plotFrame(spec, width), marks } as Plot.PlotOptions,
      label: spec.ariaLabel ?? text.label,
      description: text.description(plotSummary(spec)),
    },
    doc,
  );
}
