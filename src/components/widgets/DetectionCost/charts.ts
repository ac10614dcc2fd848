/**
 * DetectionCost's chart as a Plot spec: one horizontal bar per detector, its multiply–accumulates
 * per image on a logarithmic axis (one grid line per power of ten), the count printed at the bar's
 * end; detectors are named on the axis, so nothing depends on colour.
 */
import * as Plot from '@observablehq/plot';
import { asMarkup, drawChart } from '~/components/widgets/shared/plot';
import type { Locale, Strings } from '~/i18n/translate';
import { createTranslator } from '~/components/widgets/shared/translator';
import type { DetectionCost } from '~/lib/cnn';
import { CHART_WIDTH, costRows, detectorNames, logDomain } from './detection-cost-view';

/** The chart as SVG markup (the build's, and the goldens'). */
export const renderCostChart = asMarkup(drawCostChart);

/** The chart as a detached element of `doc` (the island's redraws, see plot.ts `drawChart`). */
export function drawCostChart(
  cost: DetectionCost,
  strings: Strings,
  locale: Locale,
  doc: Document,
  width = CHART_WIDTH,
): Element {
  const { t, compact } = createTranslator(strings, locale);
  const rows = costRows(cost).map((r) => ({
    ...r,
    name: detectorNames[r.key],
    text: compact(r.macs),
  }));
  const [lo, hi] = logDomain(rows);
  const ticks = Array.from({ length: Math.round(Math.log10(hi / lo)) + 1 }, (_, i) => lo * 10 ** i);
  const narrow = width < 420;
  const at = (key: string) => rows.find((r) => r.key === key)!.text;
  return drawChart(
    {
      label: t('detectionCost.chartLabel'),
      description: t('detectionCost.chartDescription', {
        rcnn: at('rcnn'),
        fast: at('fast-rcnn'),
        faster: at('faster-rcnn'),
        yolo: at('yolo'),
      }),
      options: {
        width,
        height: rows.length * 44 + 48,
        marginLeft: narrow ? 92 : 112,
        marginRight: narrow ? 44 : 56,
        style: { fontSize: '12px' },
        x: {
          type: 'log',
          domain: [lo, hi],
          ticks: narrow ? ticks.filter((_, i) => i % 2 === 0) : ticks,
          tickFormat: (d: number) => compact(d),
          grid: true,
          label: t('detectionCost.axis'),
          labelAnchor: 'right',
        },
        y: { label: null, domain: rows.map((r) => r.name), padding: 0.25 },
        marks: [
          Plot.barX(rows, { x1: lo, x2: 'macs', y: 'name', className: 'dc-bar' }),
          Plot.text(rows, {
            x: 'macs',
            y: 'name',
            text: 'text',
            dx: 4,
            textAnchor: 'start',
            className: 'dc-label',
          }),
        ],
      },
    },
    doc,
  );
}
