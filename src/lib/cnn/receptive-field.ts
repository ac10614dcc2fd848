/**
 * Receptive fields unit by unit, for drawing: which cells of every lower layer one output unit
 * depends on. Symbols as in the lessons: kernel k, stride s, padding p, dilation d,
 * k' = k + (k − 1)(d − 1).
 */
import { convOutput, effectiveKernel, MAX_SIZE } from './conv-arithmetic';
import { atLayer } from './analyze';
import { problem, type Checked, type Problem } from './problems';

/** One layer of a stack drawn along an axis: a convolution or a pooling window. */
export interface StackLayer {
  kind: 'conv' | 'pool';
  k: number;
  s: number;
  p: number;
  d: number;
}

/** A closed index range [lo, hi] in one layer's coordinates (may reach into padding: lo < 0). */
export interface Range {
  lo: number;
  hi: number;
}

/** Layer names as the widget prints them: conv1, pool1, conv2 … */
export function stackNames(layers: StackLayer[]): string[] {
  const counts = { conv: 0, pool: 0 };
  return layers.map((l) => `${l.kind}${++counts[l.kind]}`);
}

/**
 * Map sizes of a stack on an n-wide input: sizes[0] = n, sizes[l] = ⌊(sizes[l−1] + 2p − k')/s⌋ + 1.
 * Problems name the layer (e.g. "conv2: the kernel (5) is larger than the padded input (3) …").
 */
export function stackSizes(layers: StackLayer[], n: number): Checked<number[]> {
  const sizes = [n];
  const names = stackNames(layers);
  for (let i = 0; i < layers.length; i++) {
    const l = layers[i]!;
    const out = convOutput({ n: sizes[i]!, k: l.k, p: l.p, s: l.s, d: l.d });
    if (!out.ok)
      return { ok: false, problems: out.problems.map((pr: Problem) => atLayer(names[i]!, String(i), pr)) };
    sizes.push(out.value.o);
  }
  if (layers.length === 0) return { ok: false, problems: [problem('emptyNetwork')] };
  if (n > MAX_SIZE) return { ok: false, problems: [problem('tooLarge', { what: 'n', max: MAX_SIZE })] };
  return { ok: true, value: sizes };
}

/**
 * The cells each layer contributes to unit u of the top layer, along one axis, from the top
 * down: ranges[L] = [u, u] and, going down through layer l (k', s, p),
 * lo_{l−1} = lo_l·s − p, hi_{l−1} = hi_l·s − p + k' − 1.
 * ranges[0] is the input region; its width hi − lo + 1 is the receptive field
 * r = 1 + Σ_l (k'_l − 1)·Π_{i<l} s_i.
 */
export function dependencyRanges(layers: StackLayer[], u: number): Range[] {
  const ranges: Range[] = new Array(layers.length + 1);
  ranges[layers.length] = { lo: u, hi: u };
  for (let l = layers.length - 1; l >= 0; l--) {
    const { k, s, p, d } = layers[l]!;
    const above = ranges[l + 1]!;
    ranges[l] = { lo: above.lo * s - p, hi: above.hi * s - p + effectiveKernel(k, d) - 1 };
  }
  return ranges;
}

/** Clips a range to a map of `size` cells (0 … size − 1); null when nothing is left. */
export function clipRange(r: Range, size: number): Range | null {
  const lo = Math.max(0, r.lo);
  const hi = Math.min(size - 1, r.hi);
  return lo > hi ? null : { lo, hi };
}

/**
 * Which cells inside [lo, hi] of layer l are actually read, with dilation: a cell is read when
 * some tap of some kernel placement lands on it. For d = 1 every cell in the range is read.
 * Returns a boolean per index of the range (index 0 = lo).
 */
export function readMask(layers: StackLayer[], u: number, level: number): boolean[] {
  // Walk the set of cells down from the top: exact, small (the stacks drawn are tiny).
  let cells = new Set<number>([u]);
  for (let l = layers.length - 1; l >= level; l--) {
    const { k, s, p, d } = layers[l]!;
    const below = new Set<number>();
    for (const c of cells) for (let t = 0; t < k; t++) below.add(c * s - p + t * d);
    cells = below;
  }
  const range = dependencyRanges(layers, u)[level]!;
  return Array.from({ length: range.hi - range.lo + 1 }, (_, i) => cells.has(range.lo + i));
}

/** Receptive field size after each layer: r_0 = 1, r_l = r_{l−1} + (k'_l − 1)·Π_{i<l} s_i. */
export function fieldGrowth(layers: StackLayer[]): number[] {
  const out = [1];
  let jump = 1;
  for (const l of layers) {
    out.push(out[out.length - 1]! + (effectiveKernel(l.k, l.d) - 1) * jump);
    jump *= l.s;
  }
  return out;
}
