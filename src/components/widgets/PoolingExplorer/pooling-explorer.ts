/**
 * PoolingExplorer's pure state: from the reader's settings (map size n, window k, stride s, max or
 * average, floor or ceil, a shift of the input) to the pooled map, computed by the lib/cnn reference
 * `pool2d` (the island shows TensorFlow.js's answer beside it once the worker has run). Output size
 * o = ⌊(n − k)/s⌋ + 1, or ⌈(n − k)/s⌉ + 1 in ceil mode.
 */
import { convOutput } from '~/lib/cnn/conv-arithmetic';
import { mulberry32 } from '~/lib/cnn/activations';
import { pool2d, type PoolMode, type PoolResult } from '~/lib/cnn/pooling';
import type { Problem } from '~/lib/cnn/problems';
import type { Pool2dArgs, TensorResult } from '~/lib/tf/protocol';
import { readWholeFields, type Field } from '~/components/widgets/shared/fields';

export interface Settings {
  n: Field;
  k: Field;
  s: Field;
  mode: PoolMode;
  ceil: boolean;
  /** how many pixels the input pattern is moved to the right (0 = as drawn first) */
  shift: number;
}

export const defaultSettings: Settings = { n: '7', k: '2', s: '2', mode: 'max', ceil: false, shift: 0 };

/** The largest map we draw (a 12 × 12 grid still fits a phone with numbers in it). */
export const MAX_N = 12;

/** Whole-number limits [min, max] of the typed fields. */
export const limits = { n: [1, MAX_N], k: [1, MAX_N], s: [1, MAX_N] } as const;

/**
 * The input map: digits 0–9 from a seeded generator, one per cell, moved `shift` pixels to the
 * right (the pattern is defined for every column, so a shift brings in new values on the left
 * instead of wrapping around): x[i][j] = digit(i, j − shift).
 */
export function inputMap(n: number, shift = 0): number[][] {
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => Math.floor(mulberry32(i * 7919 + (j - shift) * 104729 + 17)() * 10)),
  );
}

export type Figure =
  | { ok: false; problems: Problem[] }
  | {
      ok: true;
      n: number;
      k: number;
      s: number;
      mode: PoolMode;
      ceil: boolean;
      shift: number;
      input: number[][];
      result: PoolResult;
      /** output size with the other rounding, for the comparison sentence */
      otherO: number;
      /** rows/columns past the last full window: (n − k) mod s */
      rest: number;
      /** after a shift: how many outputs kept the value they had before the last one-pixel shift */
      unchanged: number | null;
    };

/** Validates the settings and pools the input with the reference implementation. */
export function computeFigure(settings: Settings): Figure {
  const read = readWholeFields(settings, limits);
  if (!read.ok) return { ok: false, problems: read.problems };
  const { n, k, s } = read.values;
  const ceil = settings.ceil;
  const axis = convOutput({ n, k, p: 0, s, d: 1, ceil });
  if (!axis.ok) return { ok: false, problems: axis.problems };
  const other = convOutput({ n, k, p: 0, s, d: 1, ceil: !ceil });
  const shift = Math.max(0, Math.round(settings.shift));
  const input = inputMap(n, shift);
  const pooled = pool2d(input, { k, s, mode: settings.mode, ceil });
  if (!pooled.ok) return { ok: false, problems: pooled.problems };
  let unchanged: number | null = null;
  if (shift > 0) {
    const before = pool2d(inputMap(n, shift - 1), { k, s, mode: settings.mode, ceil });
    if (before.ok)
      unchanged = pooled.value.output.flat().filter((v, i) => v === before.value.output.flat()[i]).length;
  }
  return {
    ok: true,
    n,
    k,
    s,
    mode: settings.mode,
    ceil,
    shift,
    input,
    result: pooled.value,
    otherO: other.ok ? other.value.o : axis.value.o,
    rest: axis.value.rest,
    unchanged,
  };
}

/** The worker request for this figure: one channel, HWC. */
export function toPoolArgs(f: Extract<Figure, { ok: true }>): Pool2dArgs {
  return {
    input: { shape: [f.n, f.n, 1], data: f.input.flat() },
    mode: f.mode,
    k: f.k,
    stride: f.s,
    ceil: f.ceil,
  };
}

/** The worker's [o, o, 1] answer as rows, or null when its shape is not the expected o × o. */
export function fromTensor(t: TensorResult, oh: number, ow: number): number[][] | null {
  if (t.shape[0] !== oh || t.shape[1] !== ow || t.data.length !== oh * ow) return null;
  return Array.from({ length: oh }, (_, r) => Array.from(t.data.subarray(r * ow, (r + 1) * ow)));
}

/** Largest |a − b| over two equal-shaped maps (Infinity when the shapes differ). */
export function maxDifference(a: number[][], b: number[][]): number {
  if (a.length !== b.length || a.some((row, r) => row.length !== b[r]!.length)) return Infinity;
  return Math.max(0, ...a.flatMap((row, r) => row.map((v, c) => Math.abs(v - b[r]![c]!))));
}

export type CellRole = 'winner' | 'window' | 'unread' | 'plain';

/**
 * What input cell (i, j) is for the selected output (r, c): the maximum that won (max pooling),
 * another cell of the window, a cell no window ever reads (cut off by the floor), or plain.
 */
export function cellRole(
  f: Extract<Figure, { ok: true }>,
  r: number,
  c: number,
  i: number,
  j: number,
): CellRole {
  const win = f.result.windows[r]?.[c];
  if (win && i >= win.row && i <= win.rowEnd && j >= win.col && j <= win.colEnd) {
    const [wi, wj] = f.result.argmax[r]![c]!;
    return f.mode === 'max' && wi === i && wj === j ? 'winner' : 'window';
  }
  const lastRow = f.result.windows[f.result.oh - 1]![0]!.rowEnd;
  const lastCol = f.result.windows[0]![f.result.ow - 1]!.colEnd;
  return i > lastRow || j > lastCol ? 'unread' : 'plain';
}

/** Moves the selected output cell of the o × o output for an arrow/Home/End key (shared grid keys). */
export { moveSelection } from '~/components/widgets/shared/grid-nav';
