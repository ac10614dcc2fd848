/**
 * ConvolutionExplorer's pure state: the reader's settings checked with the engine's conv
 * arithmetic, seeded values for the input and kernels (so the server render is deterministic),
 * kernel positions, the heatmap colours and number formatting.
 */
import { convOutput, tilingProblem, type ConvAxisResult } from '~/lib/cnn/conv-arithmetic';
import { convParams, type Params } from '~/lib/cnn/formulas';
import { problem, type Problem } from '~/lib/cnn/problems';
import type { KernelBank, Volume } from '~/lib/cnn/reference-conv';
import { readNumber, readWholeFields, type Field } from '~/components/widgets/shared/fields';
import { clampPosition } from '~/components/widgets/shared/grid-nav';

/** Input size n (square) and channels C_in: a small image the reader can read cell by cell. */
export const N = 6;
export const C_IN = 3;

/** Allowed ranges of the settings (inclusive). */
export const LIMITS = { k: [1, 5], s: [1, 3], p: [0, 2], cOut: [1, 4] } as const;
export type SettingKey = keyof typeof LIMITS;
export const SETTING_KEYS: SettingKey[] = ['k', 's', 'p', 'cOut'];

/** Value ranges of the seeded values (whole numbers, so every multiply–add is easy to check). */
export const VALUE_RANGES = { input: [0, 4], weight: [-2, 2], bias: [-1, 1] } as const;
/** What a reader may type into a cell. */
export const EDIT_LIMIT = 99;

export const DEFAULT_SEED = 7;

export type Settings = Record<SettingKey, Field>;

export const defaultSettings: Settings = { k: 3, s: 1, p: 1, cOut: 2 };

export type Checked =
  | { ok: false; problems: Problem[] }
  | {
      ok: true;
      k: number;
      s: number;
      p: number;
      cOut: number;
      axis: ConvAxisResult;
      /** output size o (square) */
      o: number;
      params: Params;
      warnings: Problem[];
    };

/**
 * Checks k, s, p, C_out against their ranges and the conv arithmetic o = ⌊(n + 2p − k)/s⌋ + 1;
 * the parameter count is k·k·C_in·C_out + C_out (`convParams`).
 */
export function checkSettings(settings: Settings): Checked {
  const read = readWholeFields(settings, LIMITS);
  if (!read.ok) return read;
  const v = read.values;
  const out = convOutput({ n: N, k: v.k, p: v.p, s: v.s, d: 1 });
  if (!out.ok) return { ok: false, problems: out.problems };
  const warnings: Problem[] = [];
  const tiling = tilingProblem(out.value);
  if (tiling) warnings.push(tiling);
  if (v.p >= v.k) warnings.push(problem('paddingTooLarge', { p: v.p, k: v.k }));
  return {
    ok: true,
    ...v,
    axis: out.value,
    o: out.value.o,
    params: convParams({ k: v.k, cIn: C_IN, cOut: v.cOut }),
    warnings,
  };
}

/** A deterministic hash of (seed, indices) → [0, 1). Same arguments, same value, everywhere. */
export function hashUnit(seed: number, ...indices: number[]): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const i of indices) {
    h = Math.imul(h ^ (i + 0x7f4a7c15), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return (h >>> 0) / 4294967296;
}

/** A whole number in [lo, hi] from the hash. */
export function hashInt(lo: number, hi: number, seed: number, ...indices: number[]): number {
  return lo + Math.floor(hashUnit(seed, ...indices) * (hi - lo + 1));
}

/** Values the reader typed, by cell key (see `inputKey`, `kernelKey`, `biasKey`); they win over the seed. */
export type Edits = Record<string, number>;

export const inputKey = (c: number, y: number, x: number) => `x${c},${y},${x}`;
export const kernelKey = (m: number, c: number, i: number, j: number) => `w${m},${c},${i},${j}`;
export const biasKey = (m: number) => `b${m}`;

/** The input image C_in × n × n: seeded whole numbers, overridden by the reader's edits. */
export function buildInput(seed: number, edits: Edits = {}): Volume {
  const [lo, hi] = VALUE_RANGES.input;
  return Array.from({ length: C_IN }, (_, c) =>
    Array.from({ length: N }, (_, y) =>
      Array.from({ length: N }, (_, x) => edits[inputKey(c, y, x)] ?? hashInt(lo, hi, seed, 1, c, y, x)),
    ),
  );
}

/**
 * Kernels C_out × C_in × k × k and biases. A weight depends only on (seed, m, c, i, j), so
 * changing k or C_out keeps every weight that still has a place (and the reader's edits).
 */
export function buildKernels(
  seed: number,
  cOut: number,
  k: number,
  edits: Edits = {},
): { kernels: KernelBank; bias: number[] } {
  const [wLo, wHi] = VALUE_RANGES.weight;
  const [bLo, bHi] = VALUE_RANGES.bias;
  const kernels = Array.from({ length: cOut }, (_, m) =>
    Array.from({ length: C_IN }, (_, c) =>
      Array.from({ length: k }, (_, i) =>
        Array.from(
          { length: k },
          (_, j) => edits[kernelKey(m, c, i, j)] ?? hashInt(wLo, wHi, seed, 2, m, c, i, j),
        ),
      ),
    ),
  );
  const bias = Array.from({ length: cOut }, (_, m) => edits[biasKey(m)] ?? hashInt(bLo, bHi, seed, 3, m));
  return { kernels, bias };
}

/** A fresh seed for the "randomize" buttons. */
export function newSeed(random: () => number = Math.random): number {
  return Math.floor(random() * 2 ** 31);
}

/** Reads a typed cell value: a finite number within ±EDIT_LIMIT, rounded to 2 decimals; else null. */
export function readCell(field: Field): number | null {
  const v = readNumber(field);
  if (!Number.isFinite(v) || Math.abs(v) > EDIT_LIMIT) return null;
  return Math.round(v * 100) / 100;
}

/** Kernel position index (row-major over the o × o output) → [row, col]. */
export function positionOf(index: number, o: number): [number, number] {
  const i = clampPosition(index, o * o);
  return [Math.floor(i / o), i % o];
}

/** Whether padded cell (y, x) lies inside the kernel window of output (row, col). */
export function inWindow(y: number, x: number, row: number, col: number, k: number, s: number): boolean {
  return y >= row * s && y < row * s + k && x >= col * s && x < col * s + k;
}

export { heatColor } from '~/components/widgets/shared/heat';

/** Largest |value| in a volume (0 when empty). */
export function maxAbs(volume: Volume): number {
  let max = 0;
  for (const map of volume) for (const row of map) for (const v of row) max = Math.max(max, Math.abs(v));
  return max;
}

/** A value for display: at most 2 decimals, a real minus sign, no "-0". */
export function formatValue(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  if (Object.is(rounded, -0) || rounded === 0) return '0';
  const text = String(Math.abs(rounded));
  return rounded < 0 ? `−${text}` : text;
}

/** A factor inside a product: negative values in parentheses, e.g. 3·(−1). */
export function formatFactor(value: number): string {
  const text = formatValue(value);
  return text.startsWith('−') ? `(${text})` : text;
}

/**
 * Whether TensorFlow.js agrees with the reference: float32 on a GPU may round differently from
 * float64, so allow 1e-3 relative to the largest value.
 */
export function agrees(difference: number, largest: number): boolean {
  return difference <= 1e-3 * Math.max(1, largest);
}
