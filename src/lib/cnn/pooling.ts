/**
 * Pooling on one 2-D map, as a plain reference (no tfjs): the numbers lesson 2 prints and the
 * check that the TensorFlow.js pool op computes the same thing. Symbols: window k × k, stride s,
 * no padding; output size o = ⌊(n − k)/s⌋ + 1, or ⌈(n − k)/s⌉ + 1 in ceil mode (`convOutput`).
 */
import { checkWhole, convOutput } from './conv-arithmetic';
import { problem, type Checked, type Problem } from './problems';

export type PoolMode = 'max' | 'avg';

export interface PoolSettings {
  /** window size k (k × k) */
  k: number;
  /** stride s */
  s: number;
  mode: PoolMode;
  /** round the output size up (the last window may hang over the edge); default false */
  ceil?: boolean;
}

export interface PoolWindow {
  /** first input row and column of the window (inclusive) */
  row: number;
  col: number;
  /** last input row and column the window reads (inclusive, clipped to the input) */
  rowEnd: number;
  colEnd: number;
  /** true when part of the k × k window lies outside the input (only in ceil mode) */
  clipped: boolean;
}

export interface PoolResult {
  /** output[r][c]: max or mean of the input cells under window (r, c) */
  output: number[][];
  /** the window of each output cell, row-major */
  windows: PoolWindow[][];
  /** for max pooling, [row, col] of the input cell that won each window (first one on ties) */
  argmax: [number, number][][];
  oh: number;
  ow: number;
}

/**
 * Window (r, c) of a k × k pool with stride s on an h × w map: rows r·s … min(r·s + k, h) − 1
 * and the same for columns. A window of the ceil-mode extra row/column is clipped to the map.
 */
export function poolWindow(r: number, c: number, h: number, w: number, k: number, s: number): PoolWindow {
  const rowEnd = Math.min(r * s + k, h) - 1;
  const colEnd = Math.min(c * s + k, w) - 1;
  return {
    row: r * s,
    col: c * s,
    rowEnd,
    colEnd,
    clipped: rowEnd - r * s + 1 < k || colEnd - c * s + 1 < k,
  };
}

/**
 * Max or average pooling of `input` (rows of equal length, finite numbers):
 * y[r][c] = max (or mean) of x[i][j] over the window of (r, c). A clipped window (ceil mode)
 * takes the max / mean of the cells it actually covers, as Caffe and PyTorch do without padding.
 * Problems: a bad k or s, a window larger than the map, a ragged or non-finite input.
 */
export function pool2d(input: number[][], settings: PoolSettings): Checked<PoolResult> {
  const { k, s, mode } = settings;
  const ceil = settings.ceil === true;
  const h = input.length;
  const w = input[0]?.length ?? 0;
  const bad = [checkWhole('k', k, 1), checkWhole('s', s, 1)].filter((x): x is Problem => x !== null);
  if (bad.length > 0) return { ok: false, problems: bad };
  if (h === 0 || w === 0 || input.some((row) => row.length !== w))
    return { ok: false, problems: [problem('needsSpatialInput', { size: h * w })] };
  const along = [convOutput({ n: h, k, p: 0, s, d: 1, ceil }), convOutput({ n: w, k, p: 0, s, d: 1, ceil })];
  const problems = along.flatMap((a) => (a.ok ? [] : a.problems));
  if (problems.length > 0) return { ok: false, problems };
  for (const row of input)
    for (const v of row)
      if (!Number.isFinite(v)) return { ok: false, problems: [problem('missing', { what: 'x' })] };
  const oh = along[0]!.ok ? along[0]!.value.o : 0;
  const ow = along[1]!.ok ? along[1]!.value.o : 0;
  const output: number[][] = [];
  const windows: PoolWindow[][] = [];
  const argmax: [number, number][][] = [];
  for (let r = 0; r < oh; r++) {
    output.push([]);
    windows.push([]);
    argmax.push([]);
    for (let c = 0; c < ow; c++) {
      const win = poolWindow(r, c, h, w, k, s);
      let best = -Infinity;
      let at: [number, number] = [win.row, win.col];
      let sum = 0;
      for (let i = win.row; i <= win.rowEnd; i++)
        for (let j = win.col; j <= win.colEnd; j++) {
          const v = input[i]![j]!;
          sum += v;
          if (v > best) {
            best = v;
            at = [i, j];
          }
        }
      const cells = (win.rowEnd - win.row + 1) * (win.colEnd - win.col + 1);
      output[r]!.push(mode === 'max' ? best : sum / cells);
      windows[r]!.push(win);
      argmax[r]!.push(at);
    }
  }
  return { ok: true, value: { output, windows, argmax, oh, ow } };
}
