/**
 * ReceptiveField's pure state: presets, reading the reader's layer fields, the figure (map sizes,
 * the selected unit's region in every layer) and the growth chart.
 */
import { clamp } from '~/lib/cnn/clamp';
import { checkWhole } from '~/lib/cnn/conv-arithmetic';
import { atLayer } from '~/lib/cnn/analyze';
import {
  clipRange,
  dependencyRanges,
  fieldGrowth,
  readMask,
  stackNames,
  stackSizes,
  type Range,
  type StackLayer,
} from '~/lib/cnn/receptive-field';
import type { Checked, Problem } from '~/lib/cnn/problems';
import { readNumber, type Field } from '~/components/widgets/shared/fields';
import type { Locale, Strings } from '~/i18n/translate';
import { createTranslator } from '~/components/widgets/shared/translator';

export const conv = (k: number, s = 1, p = 0, d = 1): StackLayer => ({ kind: 'conv', k, s, p, d });
const pool = (k: number, s = k, p = 0): StackLayer => ({ kind: 'pool', k, s, p, d: 1 });

/** The stacks the lesson talks about, each with an input size that leaves a small top layer. */
export const stackPresets = {
  twoThree: { layers: [conv(3), conv(3)], n: 9 },
  oneFive: { layers: [conv(5)], n: 9 },
  threeThree: { layers: [conv(3), conv(3), conv(3)], n: 11 },
  dilated: { layers: [conv(3, 1, 0, 2)], n: 9 },
  vggBlock: { layers: [conv(3, 1, 1), conv(3, 1, 1), pool(2)], n: 8 },
  alexnetHead: { layers: [conv(11, 4), pool(3, 2)], n: 35 },
} as const satisfies Record<string, { layers: StackLayer[]; n: number }>;

export type StackPresetKey = keyof typeof stackPresets;

/** Largest map we draw, and most layers we accept: keeps the page responsive. */
export const MAX_DRAWN = 48;
export const MAX_LAYERS = 8;

/** A layer as typed in the widget (number inputs give numbers, or null when empty). */
export interface LayerFields {
  kind: 'conv' | 'pool';
  k: Field;
  s: Field;
  p: Field;
  d: Field;
}

/** Checks each typed layer (k, s, d ≥ 1, p ≥ 0, whole numbers); problems name the layer. */
export function readLayers(fields: LayerFields[]): Checked<StackLayer[]> {
  const names = stackNames(fields.map((f) => ({ kind: f.kind, k: 1, s: 1, p: 0, d: 1 })));
  const problems: Problem[] = [];
  const layers = fields.map((f, i) => {
    const l: StackLayer = {
      kind: f.kind,
      k: readNumber(f.k),
      s: readNumber(f.s),
      p: readNumber(f.p),
      d: f.kind === 'pool' ? 1 : readNumber(f.d),
    };
    for (const pr of [
      checkWhole('k', l.k, 1, 99),
      checkWhole('s', l.s, 1, 99),
      checkWhole('p', l.p, 0, 99),
      checkWhole('d', l.d, 1, 99),
    ])
      if (pr) problems.push(atLayer(names[i]!, String(i), pr));
    return l;
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: layers };
}

export interface Level {
  /** "input", "conv1", "pool1" … */
  name: string;
  size: number;
  /** the selected unit's region, before clipping (may reach into padding) */
  range: Range;
  /** the part inside the map */
  clipped: Range | null;
  /** per cell of `range`: is it read by some kernel tap (dilation leaves holes) */
  mask: boolean[];
}

export interface Figure {
  layers: StackLayer[];
  levels: Level[];
  /** receptive field of the top layer, r = 1 + Σ (k'_l − 1)·Π_{i<l} s_i */
  field: number;
  growth: number[];
  drawable: boolean;
}

/** Sizes and the selected top unit's (row, col) regions in every layer, input first. */
export function computeFigure(
  layers: StackLayer[],
  n: number,
  row: number,
  col: number,
): Checked<Figure & { row: number; col: number }> {
  const nProblem = checkWhole('n', n, 1, 4096);
  if (nProblem) return { ok: false, problems: [nProblem] };
  const sizes = stackSizes(layers, n);
  if (!sizes.ok) return sizes;
  const top = sizes.value[sizes.value.length - 1]!;
  const r = clamp(row, 0, top - 1);
  const c = clamp(col, 0, top - 1);
  const names = ['input', ...stackNames(layers)];
  const ranges = dependencyRanges(layers, r);
  // Rows and columns follow the same arithmetic; the column range is only needed for the sentence.
  const levels = sizes.value.map((size, l) => ({
    name: names[l]!,
    size,
    range: ranges[l]!,
    clipped: clipRange(ranges[l]!, size),
    mask: readMask(layers, r, l),
  }));
  const growth = fieldGrowth(layers);
  return {
    ok: true,
    value: {
      layers,
      levels,
      field: growth[growth.length - 1]!,
      growth,
      drawable: n <= MAX_DRAWN,
      row: r,
      col: c,
    },
  };
}

/** The same region along the other axis (columns) for unit column `col`. */
export function columnRanges(
  layers: StackLayer[],
  sizes: number[],
  col: number,
): { range: Range; clipped: Range | null; mask: boolean[] }[] {
  const ranges = dependencyRanges(layers, col);
  return sizes.map((size, l) => ({
    range: ranges[l]!,
    clipped: clipRange(ranges[l]!, size),
    mask: readMask(layers, col, l),
  }));
}

export interface GrowthLabels {
  label: string;
  description: string;
  x: string;
  y: string;
  current: string;
  stacked3: string;
  dilated: string;
}

/** The growth chart's words in the reader's language. */
export function growthLabels(strings: Strings, locale: Locale): GrowthLabels {
  const { t } = createTranslator(strings, locale);
  return {
    label: t('receptiveField.chartLabel'),
    description: t('receptiveField.chartDescription'),
    x: t('receptiveField.chartX'),
    y: t('receptiveField.chartY'),
    current: t('receptiveField.seriesCurrent'),
    stacked3: t('receptiveField.seriesStacked3'),
    dilated: t('receptiveField.seriesDilated'),
  };
}
