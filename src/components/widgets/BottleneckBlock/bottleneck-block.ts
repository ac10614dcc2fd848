/**
 * BottleneckBlock's pure state: input channels C_in, output channels C_out, bottleneck width m,
 * stride s and map size H = W → the basic block (3×3, 3×3) and the bottleneck block (1×1 → m,
 * 3×3, 1×1 → C_out) compared by the engine's `compareResidualBlocks`: convolution weights, all
 * parameters (with batch norm and projection), MACs, receptive field and activation values.
 * The ResNet-50 preset supplies reference blocks (read from its analysis, not typed in).
 */
import { analyze } from '../../../lib/cnn/analyze';
import type { SpatialShape } from '../../../lib/cnn/network';
import { presets } from '../../../lib/cnn/presets';
import type { Problem } from '../../../lib/cnn/problems';
import {
  BLOCK_LIMITS,
  compareResidualBlocks,
  type BlockComparison,
  type BlockConv,
} from '../../../lib/cnn/residual-blocks';
import { readWholeFields, type Field } from '../shared/fields';

export interface Settings {
  /** input channels C_in */
  cIn: Field;
  /** output channels C_out */
  cOut: Field;
  /** bottleneck width m */
  width: Field;
  /** map height = width */
  size: Field;
  /** stride s of the block (1 or 2) */
  s: 1 | 2;
}

/** ResNet-50's conv2_2 (and the paper's Figure 5): 256 → 64 → 256 on 56 × 56. */
export const defaultSettings: Settings = { cIn: '256', cOut: '256', width: '64', size: '56', s: 1 };

export type Figure =
  | { ok: false; problems: Problem[] }
  | { ok: true; size: number; comparison: BlockComparison; reference: Reference };

/** One distinct block of ResNet-50, as the preset builds it. */
export interface ReferenceBlock {
  /** the first block with this configuration, e.g. "conv3_1" */
  name: string;
  /** how many blocks of ResNet-50 have exactly this configuration */
  count: number;
  cIn: number;
  cOut: number;
  width: number;
  s: 1 | 2;
  size: number;
  params: number;
}

export interface Reference {
  /** ResNet-50's total parameters */
  total: number;
  /** the ResNet-50 block with the reader's settings, if there is one */
  match: ReferenceBlock | null;
}

/** ResNet-50's blocks, grouped by configuration (C_in, C_out, m, s, input size), in network order. */
export const resnet50Blocks: ReferenceBlock[] = (() => {
  const p = presets.resnet50;
  const a = analyze(p.network, p.input);
  if (!a.ok) return [];
  const out: ReferenceBlock[] = [];
  for (const r of a.value.layers) {
    if (r.kind !== 'residual' || !r.body) continue;
    const input = r.input as SpatialShape;
    const output = r.output as SpatialShape;
    const first = r.body[0]!.output as SpatialShape;
    const s = input.h === output.h ? 1 : 2;
    const key = { cIn: input.c, cOut: output.c, width: first.c, s, size: input.h } as const;
    const same = out.find(
      (b) =>
        b.cIn === key.cIn && b.cOut === key.cOut && b.width === key.width && b.s === s && b.size === key.size,
    );
    if (same) same.count += 1;
    else out.push({ name: r.name, count: 1, ...key, params: r.params.total });
  }
  return out;
})();

const resnet50Total = (() => {
  const a = analyze(presets.resnet50.network, presets.resnet50.input);
  return a.ok ? a.value.totals.params.total : 0;
})();

/** Validates the fields and compares the two blocks; impossible settings become Problems. */
export function computeFigure(settings: Settings): Figure {
  const read = readWholeFields(settings, {
    cIn: [1, BLOCK_LIMITS.channels],
    cOut: [1, BLOCK_LIMITS.channels],
    width: [1, BLOCK_LIMITS.channels],
    size: [1, BLOCK_LIMITS.size],
  });
  if (!read.ok) return read;
  const { cIn, cOut, width, size } = read.values;
  const s = settings.s === 2 ? 2 : 1;
  const c = compareResidualBlocks({ cIn, cOut, width, s, h: size, w: size });
  if (!c.ok) return c;
  const match =
    resnet50Blocks.find(
      (b) => b.cIn === cIn && b.cOut === cOut && b.width === width && b.s === s && b.size === size,
    ) ?? null;
  return { ok: true, size, comparison: c.value, reference: { total: resnet50Total, match } };
}

/** The settings that reproduce one ResNet-50 block. */
export function settingsOf(b: ReferenceBlock): Settings {
  return { cIn: String(b.cIn), cOut: String(b.cOut), width: String(b.width), size: String(b.size), s: b.s };
}

/** Diagram geometry (SVG user units): two columns of boxes, basic on the left, bottleneck on the right. */
export const DIAGRAM = {
  width: 340,
  column: 150,
  gap: 40,
  top: 40,
  box: 34,
  rowGap: 14,
  maxBar: 124,
  minBar: 28,
} as const;

/** x of the left edge of column 0 (basic) or 1 (bottleneck). */
export function columnX(i: 0 | 1): number {
  const used = 2 * DIAGRAM.column + DIAGRAM.gap;
  return (DIAGRAM.width - used) / 2 + i * (DIAGRAM.column + DIAGRAM.gap);
}

/**
 * Width of a convolution box, growing with its output channels on a log scale so that 64 and 256
 * channels look different and 4096 still fits: minBar + (maxBar − minBar)·log(c)/log(maxC).
 */
export function boxWidth(c: number, maxC: number): number {
  const top = Math.max(2, maxC);
  const f = Math.log(Math.max(1, c)) / Math.log(top);
  return DIAGRAM.minBar + (DIAGRAM.maxBar - DIAGRAM.minBar) * Math.min(1, Math.max(0, f));
}

/** Height of the diagram: the bottleneck column has three boxes, plus input, sum and output rows. */
export function diagramHeight(): number {
  return DIAGRAM.top + 3 * (DIAGRAM.box + DIAGRAM.rowGap) + 64;
}

/** y of box j (0 … 2) in a column with `n` boxes, centred vertically against three rows. */
export function boxY(j: number, n: number): number {
  const offset = ((3 - n) * (DIAGRAM.box + DIAGRAM.rowGap)) / 2;
  return DIAGRAM.top + offset + j * (DIAGRAM.box + DIAGRAM.rowGap);
}

/** The largest channel count drawn (for a common box scale). */
export function maxChannels(c: BlockComparison): number {
  const all: BlockConv[] = [...c.basic.convs, ...c.bottleneck.convs];
  return Math.max(c.input.c, ...all.map((x) => x.cOut));
}
