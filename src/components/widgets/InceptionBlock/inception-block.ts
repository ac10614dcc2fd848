/**
 * InceptionBlock's pure state: input channels C_in, map size H = W and the branch widths of an
 * inception module → the module built as an engine network (a `concat` of four branches) and
 * analysed with `analyze`: output channels, parameters and MACs per branch and in total.
 *
 * With reductions (GoogLeNet): #1×1 | 1×1 (#3×3 reduce) → 3×3 | 1×1 (#5×5 reduce) → 5×5 |
 * 3×3 max pool → 1×1 (pool proj). Without ("naive" module, the paper's Figure 2a): 1×1 | 3×3 |
 * 5×5 | 3×3 max pool, the pool passing all C_in channels through.
 */
import { analyze, type LayerReport } from '~/lib/cnn/analyze';
import { checkWhole } from '~/lib/cnn/conv-arithmetic';
import { addParams, type Params } from '~/lib/cnn/formulas';
import type { ConcatBlock } from '~/lib/cnn/network';
import { concat, conv, maxpool, relu } from '~/lib/cnn/presets/build';
import { inception } from '~/lib/cnn/presets/googlenet';
import type { Problem } from '~/lib/cnn/problems';
import { readNumber, type Field } from '~/components/widgets/shared/fields';

export const widthKeys = ['c1', 'r3', 'c3', 'r5', 'c5', 'pp'] as const;
export type WidthKey = (typeof widthKeys)[number];
/** the widths that exist only with reductions */
export const reductionKeys: readonly WidthKey[] = ['r3', 'r5', 'pp'];

export interface Settings extends Record<WidthKey, Field> {
  /** input channels C_in */
  cIn: Field;
  /** height = width of the input map */
  size: Field;
  /** put 1×1 reductions before the 3×3 and 5×5 convolutions and after the pool */
  reduce: boolean;
}

/** Inception 3a of GoogLeNet (paper's Table 1): in 192 at 28×28; 64 | 96→128 | 16→32 | pool→32. */
export const defaultSettings: Settings = {
  cIn: '192',
  size: '28',
  c1: '64',
  r3: '96',
  c3: '128',
  r5: '16',
  c5: '32',
  pp: '32',
  reduce: true,
};

export const MAX_CHANNELS = 4096;
export const MAX_SIZE = 1024;

export type Widths = Record<WidthKey, number>;

/** The module as an engine layer: GoogLeNet's `inception` builder, or the naive module. */
export function buildBlock(widths: Widths, reduce: boolean): ConcatBlock {
  if (reduce)
    return inception('inception', [widths.c1, widths.r3, widths.c3, widths.r5, widths.c5, widths.pp]);
  return concat('inception', [
    [conv(widths.c1, 1, { name: '1x1' }), relu()],
    [conv(widths.c3, 3, { name: '3x3', p: 1 }), relu()],
    [conv(widths.c5, 5, { name: '5x5', p: 2 }), relu()],
    [maxpool(3, { name: 'pool', s: 1, p: 1 })],
  ]);
}

export const branchKeys = ['b1', 'b3', 'b5', 'pool'] as const;
export type BranchKey = (typeof branchKeys)[number];

/** One box of the diagram / one learned or pooling layer of a branch. */
export interface Step {
  /** 'conv' or 'maxpool' */
  kind: 'conv' | 'maxpool';
  /** kernel size k (k × k) */
  k: number;
  /** channels after this layer */
  cOut: number;
  /** a 1×1 convolution that only changes the channel count before/after the main one */
  reduction: boolean;
  params: Params;
  macs: number;
}

export interface Branch {
  key: BranchKey;
  steps: Step[];
  /** channels this branch contributes to the concatenation */
  outChannels: number;
  params: Params;
  macs: number;
}

export interface Totals {
  params: Params;
  macs: number;
  outChannels: number;
}

export type Figure =
  | { ok: false; problems: Problem[] }
  | {
      ok: true;
      cIn: number;
      size: number;
      reduce: boolean;
      widths: Widths;
      branches: Branch[];
      totals: Totals;
      /** the same widths with the reductions toggled the other way (null when those widths are not valid) */
      other: Totals | null;
    };

function kernelOf(r: LayerReport, layers: ConcatBlock['branches'][number]): number {
  const layer = layers.find((l) => l.name === r.localName);
  const k = layer && 'k' in layer ? layer.k : 1;
  return typeof k === 'number' ? k : k[0];
}

type Analysed = { ok: true; branches: Branch[]; totals: Totals } | { ok: false; problems: Problem[] };

/** Builds and analyses the module; per branch its learned/pooling steps, channels, params and MACs. */
export function analyseBlock(cIn: number, size: number, widths: Widths, reduce: boolean): Analysed {
  const block = buildBlock(widths, reduce);
  const a = analyze([block], { h: size, w: size, c: cIn });
  if (!a.ok) return a;
  const report = a.value.layers[0]!;
  const branches = (report.branches ?? []).map((reports, i): Branch => {
    const key = branchKeys[i]!;
    const learned = reports.filter((r) => r.kind === 'conv' || r.kind === 'maxpool');
    const steps = learned.map((r, j): Step => ({
      kind: r.kind as 'conv' | 'maxpool',
      k: kernelOf(r, block.branches[i]!),
      cOut: 'c' in r.output ? r.output.c : 0,
      reduction: reduce && r.kind === 'conv' && (key === 'pool' || (key !== 'b1' && j === 0)),
      params: r.params,
      macs: r.macs,
    }));
    const last = reports[reports.length - 1]!;
    return {
      key,
      steps,
      outChannels: 'c' in last.output ? last.output.c : 0,
      params: addParams(...reports.map((r) => r.params)),
      macs: reports.reduce((s, r) => s + r.macs, 0),
    };
  });
  const out = report.output;
  return {
    ok: true,
    branches,
    totals: { params: report.params, macs: report.macs, outChannels: 'c' in out ? out.c : 0 },
  };
}

/** Validates the settings and analyses the module (and its counterpart with reductions toggled). */
export function computeFigure(settings: Settings): Figure {
  const cIn = readNumber(settings.cIn);
  const size = readNumber(settings.size);
  const widths = Object.fromEntries(widthKeys.map((k) => [k, readNumber(settings[k])])) as Widths;
  const checked = widthKeys.filter((k) => settings.reduce || !reductionKeys.includes(k));
  const problems = [
    checkWhole('cIn', cIn, 1, MAX_CHANNELS),
    checkWhole('size', size, 1, MAX_SIZE),
    ...checked.map((k) => checkWhole(k, widths[k], 1, MAX_CHANNELS)),
  ].filter((p): p is Problem => p !== null);
  if (problems.length > 0) return { ok: false, problems };
  const main = analyseBlock(cIn, size, widths, settings.reduce);
  if (!main.ok) return main;
  // Toggling the other way may use widths the reader has not set (e.g. empty reduction fields).
  const otherValid = widthKeys.every((k) => checkWhole(k, widths[k], 1, MAX_CHANNELS) === null);
  const other = otherValid ? analyseBlock(cIn, size, widths, !settings.reduce) : null;
  return {
    ok: true,
    cIn,
    size,
    reduce: settings.reduce,
    widths,
    branches: main.branches,
    totals: main.totals,
    other: other && other.ok ? other.totals : null,
  };
}

/** Diagram geometry (SVG user units): columns per branch, one box per step. */
export const DIAGRAM = { width: 352, column: 80, gap: 8, box: 40, rowGap: 18, top: 44 } as const;

/** x of the left edge of branch column i (0 … 3). */
export function columnX(i: number): number {
  const used = 4 * DIAGRAM.column + 3 * DIAGRAM.gap;
  return (DIAGRAM.width - used) / 2 + i * (DIAGRAM.column + DIAGRAM.gap);
}

/** Height of the diagram for branches with at most `maxSteps` boxes. */
export function diagramHeight(maxSteps: number): number {
  return DIAGRAM.top + maxSteps * (DIAGRAM.box + DIAGRAM.rowGap) + 30 + DIAGRAM.box;
}
