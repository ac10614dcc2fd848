/**
 * Pure helpers shared by ArchitectureTable (lesson 3) and the Architecture Lab: which rows to
 * show, where the parameters live, how to print a receptive field, and the per-layer chart.
 */
import type { Analysis, LayerReport } from '../../../lib/cnn/analyze';
import { formatShape } from '../../../lib/cnn/network';
import { paramsOfKind } from '../../../lib/cnn/scale';
import type { Locale, Strings } from '../../../i18n/translate';
import { createTranslator } from '~/components/widgets/shared/translator';

/** Where a leaf layer's parameters count: convolutions, fully-connected layers, normalization. */
export type ParamGroup = 'conv' | 'fc' | 'norm' | 'none';

/** The group of a layer kind: conv and convt → conv; fc → fc; bn → norm; everything else none. */
export function paramGroup(kind: LayerReport['kind']): ParamGroup {
  if (kind === 'conv' || kind === 'convt') return 'conv';
  if (kind === 'fc') return 'fc';
  if (kind === 'bn') return 'norm';
  return 'none';
}

const isBlock = (r: LayerReport) => r.kind === 'concat' || r.kind === 'residual';

export interface ParamShares {
  conv: number;
  fc: number;
  norm: number;
  total: number;
  /** share_g = params_g / total, in [0, 1] (0 when the network has no parameters) */
  share: Record<'conv' | 'fc' | 'norm', number>;
}

/**
 * Parameters per group, summed over leaf layers (blocks are only sums of their children):
 * P_conv = Σ conv/convt params, P_fc = Σ fc params, P_norm = Σ bn params; shares P_g / P_total.
 */
export function paramShares(analysis: Analysis): ParamShares {
  const sums = {
    conv: paramsOfKind(analysis.rows, 'conv', 'convt').total,
    fc: paramsOfKind(analysis.rows, 'fc').total,
    norm: paramsOfKind(analysis.rows, 'bn').total,
  };
  const total = analysis.totals.params.total;
  const share = (x: number) => (total === 0 ? 0 : x / total);
  return { ...sums, total, share: { conv: share(sums.conv), fc: share(sums.fc), norm: share(sums.norm) } };
}

export type RowMode = 'top' | 'all';

/**
 * Rows for the table: 'top' keeps top-level rows (a block appears once, with its children's sum),
 * 'all' lists every layer inside blocks too.
 */
export function visibleRows(analysis: Analysis, mode: RowMode): LayerReport[] {
  return mode === 'all' ? analysis.rows : analysis.rows.filter((r) => r.depth === 0);
}

/** A receptive field as text: "11×11" (or "7×9" when not square); null when it is the whole input. */
export function fieldText(row: Pick<LayerReport, 'rf'>): string | null {
  if (row.rf.whole) return null;
  const { h, w } = row.rf;
  return `${h.r}×${w.r}`;
}

/** The output shape as printed in the table: "55×55×96" or "4096". */
export function shapeText(row: Pick<LayerReport, 'output'>): string {
  return formatShape(row.output);
}

/** One bar per top-level row that has parameters: its name, count and group label. */
export function chartData(analysis: Analysis, labels: Pick<ChartLabels, 'groups'>) {
  return analysis.rows
    .filter((r) => r.depth === 0 && r.params.total > 0)
    .map((r) => ({
      name: r.name,
      params: r.params.total,
      group: labels.groups[isBlock(r) ? 'block' : paramGroup(r.kind)],
    }));
}

export interface ChartLabels {
  label: string;
  description: string;
  xLabel: string;
  groups: Record<ParamGroup | 'block', string>;
}

/** The chart's words in the reader's language; the description names the largest layer. */
export function chartLabels(
  strings: Strings,
  network: string,
  analysis: Analysis,
  locale: Locale,
): ChartLabels {
  const { t, num } = createTranslator(strings, locale);
  const top = analysis.rows.filter((r) => r.depth === 0);
  const largest = top.reduce((a, b) => (b.params.total > a.params.total ? b : a), top[0]!);
  return {
    label: t('arch.chartLabel', { network }),
    description: t('arch.chartDescription', {
      largest: largest.name,
      largestParams: num(largest.params.total),
    }),
    xLabel: t('arch.chartX'),
    groups: {
      conv: t('arch.group.conv'),
      fc: t('arch.group.fc'),
      norm: t('arch.group.norm'),
      none: t('arch.group.none'),
      block: t('arch.group.block'),
    },
  };
}
