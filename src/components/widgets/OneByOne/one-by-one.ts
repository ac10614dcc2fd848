/**
 * OneByOne's pure state: a 1×1 convolution on an H × W × C_in input (C_in → C_out at every pixel),
 * its parameters and multiply–accumulates, a 3×3 "same" convolution on the same input for
 * comparison, and the layout of the channel-mixing drawing.
 */
import { outputSize } from '~/lib/cnn/conv-arithmetic';
import { convMacs, convParams, type Params } from '~/lib/cnn/formulas';
import type { Problem } from '~/lib/cnn/problems';
import { readWholeFields, type Field } from '~/components/widgets/shared/fields';
import { subscript } from '~/components/widgets/shared/format';

export interface Settings {
  h: Field;
  w: Field;
  cIn: Field;
  cOut: Field;
}

/** The lecture's example: 256×256×128 → 256×256×32. */
export const defaultSettings: Settings = { h: '256', w: '256', cIn: '128', cOut: '32' };

/** Upper bound for every field; with all four at the bound the 3×3 MACs stay below 2^53. */
export const MAX_FIELD = 4096;

export interface LayerCost {
  /** kernel size k (1 or 3) */
  k: number;
  /** padding p that keeps H × W: (k − 1)/2 */
  p: number;
  outH: number;
  outW: number;
  params: Params;
  macs: number;
}

export interface OneByOneResult {
  ok: true;
  h: number;
  w: number;
  cIn: number;
  cOut: number;
  one: LayerCost;
  three: LayerCost;
  /** three.params.total / one.params.total */
  paramRatio: number;
  /** three.macs / one.macs (= 9) */
  macRatio: number;
}

export type Result = OneByOneResult | { ok: false; problems: Problem[] };

/**
 * A k×k convolution C_in → C_out with "same" padding p = (k − 1)/2 on H × W:
 * params k·k·C_in·C_out + C_out (convParams), output H' = ⌊(H + 2p − k)/1⌋ + 1 = H (outputSize),
 * MACs H'·W'·C_out·k·k·C_in (convMacs); for k = 1 that is H·W·C_out·C_in.
 */
export function layerCost(k: number, h: number, w: number, cIn: number, cOut: number): LayerCost {
  const p = (k - 1) / 2;
  const outH = outputSize(h, k, p) ?? 0;
  const outW = outputSize(w, k, p) ?? 0;
  return {
    k,
    p,
    outH,
    outW,
    params: convParams({ k, cIn, cOut }),
    macs: convMacs(outH, outW, cOut, k, k, cIn),
  };
}

/** Validates the settings and computes the 1×1 layer and the 3×3 comparison. */
export function computeOneByOne(settings: Settings): Result {
  const range = [1, MAX_FIELD] as const;
  const read = readWholeFields(settings, { h: range, w: range, cIn: range, cOut: range });
  if (!read.ok) return read;
  const { h, w, cIn, cOut } = read.values;
  const one = layerCost(1, h, w, cIn, cOut);
  const three = layerCost(3, h, w, cIn, cOut);
  return {
    ok: true,
    h,
    w,
    cIn,
    cOut,
    one,
    three,
    paramRatio: three.params.total / one.params.total,
    macRatio: three.macs / one.macs,
  };
}

/** One slot in a drawn column of channels: a channel index (0-based) or an ellipsis. */
export type Slot = { kind: 'channel'; index: number } | { kind: 'gap' };

/** Most channels drawn in one column; more are shown as a subset with "…". */
export const MAX_SLOTS = 7;

/**
 * Which of `c` channels to draw in at most `max` slots (max ≥ 5): all when c ≤ max, else the
 * first ones, "…", and the last. A channel `keep` (0-based) that would be hidden is shown in its
 * own slot after a gap: 0, 1, 2, …, keep, …, c − 1 (no second gap when keep = c − 2).
 */
export function channelSlots(c: number, max = MAX_SLOTS, keep?: number): Slot[] {
  const ch = (index: number): Slot => ({ kind: 'channel', index });
  const gap: Slot = { kind: 'gap' };
  if (c <= max) return Array.from({ length: c }, (_, i) => ch(i));
  const head = max - 2;
  if (keep === undefined || keep < head || keep >= c - 1) {
    return [...Array.from({ length: head }, (_, i) => ch(i)), gap, ch(c - 1)];
  }
  const tail = keep + 1 === c - 1 ? [ch(keep), ch(c - 1)] : [ch(keep), gap, ch(c - 1)];
  const before = max - 1 - tail.length;
  return [...Array.from({ length: before }, (_, i) => ch(i)), gap, ...tail];
}

export interface Node {
  slot: Slot;
  x: number;
  y: number;
}

export interface Edge {
  from: number;
  to: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** a weight of the selected output channel */
  active: boolean;
}

export interface MixingLayout {
  width: number;
  height: number;
  inputs: Node[];
  outputs: Node[];
  /** one line per (drawn input, drawn output) pair: the C_in·C_out weights, in part */
  edges: Edge[];
  /** 0-based selected output channel, clamped to 0 … C_out − 1 */
  selected: number;
}

/** Geometry of the drawing (SVG user units). */
export const LAYOUT = { width: 300, row: 34, top: 30, inX: 60, outX: 240 } as const;

/**
 * The channel-mixing picture of one pixel: C_in input values (left) joined to C_out output
 * values (right) by the weights w_{j,i}; output j = Σ_i w_{j,i}·x_i + b_j. Each column shows at
 * most MAX_SLOTS channels; the selected output is always drawn and its C_in edges are active.
 */
export function mixingLayout(cIn: number, cOut: number, selected: number): MixingLayout {
  const sel = Math.min(
    Math.max(0, Math.round(Number.isFinite(selected) ? selected : 0)),
    Math.max(0, cOut - 1),
  );
  const inSlots = channelSlots(cIn);
  const outSlots = channelSlots(cOut, MAX_SLOTS, sel);
  const rows = Math.max(inSlots.length, outSlots.length);
  const height = LAYOUT.top + rows * LAYOUT.row;
  const place = (slots: Slot[], x: number): Node[] => {
    // centre the shorter column against the taller one
    const offset = ((rows - slots.length) * LAYOUT.row) / 2;
    return slots.map((slot, i) => ({ slot, x, y: LAYOUT.top + offset + i * LAYOUT.row + LAYOUT.row / 2 }));
  };
  const inputs = place(inSlots, LAYOUT.inX);
  const outputs = place(outSlots, LAYOUT.outX);
  const edges: Edge[] = [];
  for (const o of outputs) {
    if (o.slot.kind !== 'channel') continue;
    for (const i of inputs) {
      if (i.slot.kind !== 'channel') continue;
      edges.push({
        from: i.slot.index,
        to: o.slot.index,
        x1: i.x,
        y1: i.y,
        x2: o.x,
        y2: o.y,
        active: o.slot.index === sel,
      });
    }
  }
  // active edges last, so they are drawn on top
  edges.sort((a, b) => Number(a.active) - Number(b.active));
  return { width: LAYOUT.width, height, inputs, outputs, edges, selected: sel };
}

/**
 * The weighted sum behind output channel j (0-based) at one pixel, as text with 1-based labels:
 * y_j = Σ_{i=1}^{C_in} w_{j,i}·x_i + b_j, written out in full up to three terms, else
 * "y₁ = w₁,₁·x₁ + w₁,₂·x₂ + … + w₁,₁₂₈·x₁₂₈ + b₁".
 */
export function mixingEquation(j: number, cIn: number): string {
  const jj = subscript(j + 1);
  const term = (i: number) => `w${jj},${subscript(i)}·x${subscript(i)}`;
  const terms =
    cIn <= 3 ? Array.from({ length: cIn }, (_, i) => term(i + 1)) : [term(1), term(2), '…', term(cIn)];
  return `y${jj} = ${terms.join(' + ')} + b${jj}`;
}
