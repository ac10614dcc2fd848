/**
 * KernelTradeoff's bar chart as a Plot spec: each metric of the 3×3 stack as a share of the
 * single large kernel's (= 100 %), both bars per metric, the stack filled and the large kernel
 * outlined (so the two differ by more than colour), the share printed at each bar's end.
 */
import * as Plot from '@observablehq/plot';
import { renderChart } from '~/components/widgets/shared/plot';
import type { Strings } from '~/i18n/translate';
import { createTranslator } from '~/components/widgets/shared/translator';
import {
  chartMetrics as CHART_METRICS,
  metricValues,
  CHART_WIDTH,
  type Figure,
  type Metric,
} from './kernel-tradeoff';

type OkFigure = Extract<Figure, { ok: true }>;

/** Per metric: the stack's and the single kernel's value as a percentage of the single kernel's. */
export function chartRows(
  figure: OkFigure,
): { metric: Metric; option: 'stacked' | 'single'; percent: number }[] {
  return CHART_METRICS.flatMap((metric) => {
    const v = metricValues(figure, metric);
    return [
      { metric, option: 'stacked' as const, percent: (100 * v.stacked) / v.single },
      { metric, option: 'single' as const, percent: 100 },
    ];
  });
}

export function renderTradeoffChart(
  figure: OkFigure,
  strings: Strings,
  locale: 'en' | 'ko',
  doc: Document,
  width = CHART_WIDTH,
): string {
  const { t, num } = createTranslator(strings, locale);
  const rows = chartRows(figure).map((r) => ({
    ...r,
    name: t(`kernelTradeoff.metric.${r.metric}`),
    text: `${num(r.percent)}%`,
  }));
  const names = CHART_METRICS.map((m) => t(`kernelTradeoff.metric.${m}`));
  const max = Math.max(...rows.map((r) => r.percent));
  const stacked = rows.filter((r) => r.option === 'stacked');
  const single = rows.filter((r) => r.option === 'single');
  const narrow = width < 420;
  const stackName = t('kernelTradeoff.stackName', { n: figure.n });
  const singleName = t('kernelTradeoff.singleName', { k: figure.target });
  return renderChart(
    {
      label: t('kernelTradeoff.chartLabel', { stack: stackName, single: singleName }),
      description: t('kernelTradeoff.chartDescription', {
        stack: stackName,
        single: singleName,
        weights: rows.find((r) => r.metric === 'weights' && r.option === 'stacked')!.text,
        macs: rows.find((r) => r.metric === 'macs' && r.option === 'stacked')!.text,
        nonlinearities: rows.find((r) => r.metric === 'nonlinearities' && r.option === 'stacked')!.text,
      }),
      options: {
        width,
        height: CHART_METRICS.length * 46 + 36,
        marginLeft: narrow ? 104 : 120,
        marginRight: 16,
        style: { fontSize: '12px' },
        x: {
          label: t('kernelTradeoff.axisPercent', { single: singleName }),
          domain: [0, max * 1.2],
          ticks: narrow ? 3 : 6,
          labelAnchor: 'right',
        },
        y: { axis: null, domain: ['stacked', 'single'], padding: 0.12 },
        fy: { label: null, domain: names, padding: 0.18, axis: 'left' },
        marks: [
          Plot.barX(stacked, { x: 'percent', y: 'option', fy: 'name', className: 'kt-stacked' }),
          Plot.barX(single, {
            x: 'percent',
            y: 'option',
            fy: 'name',
            className: 'kt-single',
            strokeWidth: 1.5,
            inset: 0.75,
          }),
          Plot.text(rows, {
            x: 'percent',
            y: 'option',
            fy: 'name',
            text: 'text',
            dx: 4,
            textAnchor: 'start',
            className: 'kt-label',
          }),
          Plot.ruleX([100], { className: 'kt-hundred', strokeDasharray: '3 3' }),
          Plot.ruleX([0], { className: 'kt-axis' }),
        ],
      },
    },
    doc,
  );
}
