/**
 * AddVsConcat's pure state: two 2 × 2 single-channel feature maps A and B with numbers the reader
 * types, merged two ways:
 *
 * - addition S = A + B (one channel, as in ResNet), followed by a 1 × 1 convolution y = w·S;
 * - concatenation C = [A, B] (two channels, as in DenseNet), followed by y = w_A·A + w_B·B.
 *
 * A second pair A′ = A + 1, B′ = B − 1 (the note's 1 + 9 = 2 + 8) has the same sum: from S alone
 * neither input can be recovered, and y = w·S is the same for both pairs; C keeps both (channel 1
 * is A, channel 2 is B), and its 1 × 1 output differs by w_A − w_B at every cell unless w_A = w_B,
 * which is exactly when it reproduces the sum (with w = w_A).
 */
import { problem, type Problem } from '../../../lib/cnn/problems';
import { readNumber, type Field } from '../shared/fields';

/** Cells per map (2 × 2), row by row. */
export const CELLS = 4;
/** Largest magnitude accepted for any number. */
export const LIMIT = 99;
/** A′ = A + SHIFT, B′ = B − SHIFT: a different pair with the same sum. */
export const SHIFT = 1;

export interface Settings {
  a: Field[];
  b: Field[];
  /** 1 × 1 convolution on the concatenation: weight of channel A and of channel B */
  wa: Field;
  wb: Field;
  /** 1 × 1 convolution on the sum: its single weight */
  w: Field;
}

export const defaultSettings: Settings = {
  a: ['1', '0', '3', '5'],
  b: ['9', '2', '1', '0'],
  wa: '1',
  wb: '0.5',
  w: '1',
};

/** Field keys, for problems and labels: a1 … a4, b1 … b4, wa, wb, w. */
export const cellKey = (map: 'a' | 'b', i: number): string => `${map}${i + 1}`;

export interface Merge {
  /** the merged map(s): one channel for the sum, two for the concatenation */
  channels: number[][];
  /** 1 × 1 convolution output on (A, B) */
  out: number[];
  /** 1 × 1 convolution output on (A′, B′) */
  outAlt: number[];
  /** can the 1 × 1 output tell (A, B) from (A′, B′)? */
  distinguishes: boolean;
  /**
   * do the merged maps still differ between (A, B) and (A′, B′)? If not, no later layer can tell
   * which pair it got, so A and B cannot be read back from them
   */
  recoverable: boolean;
  /** weights of a 1 × 1 convolution with one output channel on the merged maps: one per channel */
  weights: number;
}

export type Figure =
  | { ok: false; problems: Problem[] }
  | {
      ok: true;
      a: number[];
      b: number[];
      aAlt: number[];
      bAlt: number[];
      wa: number;
      wb: number;
      w: number;
      sum: Merge;
      concat: Merge;
      /** w_A = w_B = w: the 1 × 1 convolution on the concatenation computes exactly w·(A + B) */
      concatReproducesSum: boolean;
    };

/** Numbers closer than this are the same (sums of decimals are not exact in floating point). */
const EPS = 1e-9;
const same = (x: number[], y: number[]) => x.every((v, i) => Math.abs(v - y[i]!) <= EPS);

/** Rounds away floating-point dust for display and comparison (12 significant digits). */
export function clean(v: number): number {
  return Number(v.toPrecision(12));
}

function readReal(key: string, field: Field): { value: number; problem: Problem | null } {
  const value = readNumber(field);
  if (Number.isNaN(value)) return { value, problem: problem('missingNumber', { what: key }) };
  if (!(Math.abs(value) <= LIMIT))
    return { value, problem: problem('outOfRange', { what: key, min: -LIMIT, max: LIMIT, value }) };
  return { value, problem: null };
}

/** Validates every number (−99 … 99, decimals allowed) and merges the maps both ways. */
export function computeFigure(settings: Settings): Figure {
  const problems: Problem[] = [];
  const read = (key: string, field: Field) => {
    const r = readReal(key, field);
    if (r.problem) problems.push(r.problem);
    return r.value;
  };
  const a = Array.from({ length: CELLS }, (_, i) => read(cellKey('a', i), settings.a[i]));
  const b = Array.from({ length: CELLS }, (_, i) => read(cellKey('b', i), settings.b[i]));
  const wa = read('wa', settings.wa);
  const wb = read('wb', settings.wb);
  const w = read('w', settings.w);
  if (problems.length > 0) return { ok: false, problems };

  const aAlt = a.map((v) => clean(v + SHIFT));
  const bAlt = b.map((v) => clean(v - SHIFT));
  const add = (x: number[], y: number[]) => x.map((v, i) => clean(v + y[i]!));
  const s = add(a, b);
  const sAlt = add(aAlt, bAlt);
  const sumOut = s.map((v) => clean(w * v));
  const sumOutAlt = sAlt.map((v) => clean(w * v));
  const catOut = a.map((v, i) => clean(wa * v + wb * b[i]!));
  const catOutAlt = aAlt.map((v, i) => clean(wa * v + wb * bAlt[i]!));
  const merge = (channels: number[][], alt: number[][], out: number[], outAlt: number[]): Merge => ({
    channels,
    out,
    outAlt,
    distinguishes: !same(out, outAlt),
    recoverable: !same(channels.flat(), alt.flat()),
    weights: channels.length,
  });
  return {
    ok: true,
    a,
    b,
    aAlt,
    bAlt,
    wa,
    wb,
    w,
    sum: merge([s], [sAlt], sumOut, sumOutAlt),
    concat: merge([a, b], [aAlt, bAlt], catOut, catOutAlt),
    concatReproducesSum: Math.abs(wa - wb) <= EPS && Math.abs(wa - w) <= EPS,
  };
}
