/**
 * The parameters-per-layer chart (Observable Plot). Kept apart from architecture.ts so islands
 * load Plot only when they redraw the chart (the first chart comes from the build).
 */
import * as Plot from '@observablehq/plot';
import type { Analysis } from '~/lib/cnn/analyze';
import { asMarkup, drawChart, type ChartSpec } from '~/components/widgets/shared/plot';
import { chartData, chartLabels, PARAMS_CHART_WIDTH, type ChartLabels } from './architecture';
import { formatNumber, translate, type Locale, type Strings } from '~/i18n/translate';
import { builtCharts } from '~/components/widgets/shared/on-demand';
import type { PresetKey } from '~/lib/cnn/presets';

// conv, fc, norm, other, block — readable on light and dark backgrounds.
const groupColours = ['#4269d0', '#efb118', '#ff725c', '#6cc5b0', '#3ca951'];

/**
 * Parameters per layer on a log scale: one horizontal bar per top-level row with parameters,
 * filled by group (and the group named in a legend and tooltip, so colour is not the only cue).
 */
export function paramsChart(analysis: Analysis, labels: ChartLabels, width = PARAMS_CHART_WIDTH): ChartSpec {
  const data = chartData(analysis, labels);
  const names = data.map((d) => d.name);
  return {
    label: labels.label,
    description: labels.description,
    options: {
      width,
      marginLeft: Math.min(150, 12 + 7 * Math.max(4, ...names.map((n) => n.length))),
      marginRight: 16,
      height: 40 + 18 * Math.max(1, data.length),
      x: { type: 'log', label: labels.xLabel, grid: true },
      y: { domain: names, label: null },
      // Fixed colour per group across networks; the legend lists only the groups present.
      color: {
        legend: true,
        domain: Object.values(labels.groups).filter((g) => data.some((d) => d.group === g)),
        range: Object.values(labels.groups)
          .map((g, i) => [g, groupColours[i]!] as const)
          .filter(([g]) => data.some((d) => d.group === g))
          .map(([, c]) => c),
      },
      marks: [
        Plot.barX(data, {
          x1: 1,
          x2: 'params',
          y: 'name',
          fill: 'group',
          title: (d: (typeof data)[number]) =>
            `${d.name} (${d.group}): ${formatNumber(labels.locale, d.params)}`,
        }),
        Plot.ruleX([1]),
      ],
    },
  };
}

/** The chart as SVG markup for `network`, in the reader's language, `width` px wide. */
export const renderParamsChart = asMarkup(drawParamsChart);

/** The same chart as a detached element of `doc` (an island's redraws into LiveMarkup, plot.ts `drawChart`). */
export function drawParamsChart(
  analysis: Analysis,
  strings: Strings,
  network: string,
  locale: Locale,
  doc: Document,
  width = PARAMS_CHART_WIDTH,
): Element {
  return drawChart(paramsChart(analysis, chartLabels(strings, network, analysis, locale), width), doc);
}

/** A preset's chart at both build widths (builtCharts), named as the reader's language names the preset. */
export function presetParamsCharts(
  analysis: Analysis,
  strings: Strings,
  preset: PresetKey,
  locale: Locale,
  doc: Document,
): { initialChart: string; initialNarrowChart: string } {
  const network = translate(strings, `cnn.preset.${preset}`);
  return builtCharts((width) => renderParamsChart(analysis, strings, network, locale, doc, width));
}
