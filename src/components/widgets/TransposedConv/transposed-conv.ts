/**
 * The TransposedConv widget's pure part: settings and their checks, the values it scatters, and the
 * state of the step-through (which input cell is scattering, the partial sums so far). Symbols as in
 * the lesson: input size i, kernel k, stride s, padding p, output padding a; o = s(i − 1) + a + k − 2p.
 */
import { clamp } from '~/lib/cnn/clamp';
import {
  checkWhole,
  overlapPattern,
  problem,
  referenceConvTranspose,
  scatterFootprint,
  transposedLayout,
  type OverlapPattern,
  type Problem,
} from '~/lib/cnn';

export interface Settings {
  /** input size i (square i × i) */
  i: number;
  k: number;
  s: number;
  p: number;
  a: number;
  /** 'ones': input and kernel all 1 (the output shows the overlap counts); 'integers': small seeded integers */
  values: 'ones' | 'integers';
}

export const defaults: Settings = { i: 3, k: 3, s: 2, p: 0, a: 0, values: 'integers' };

/** Ranges the widget draws legibly on a phone (the output is at most 3·4 + 2 + 5 = 19 wide). */
export const limits = { i: [1, 5], k: [1, 5], s: [1, 3], p: [0, 4], a: [0, 2] } as const;

type Field = keyof typeof limits;

/**
 * Every problem with the settings: each field a whole number within its range, then the
 * transposed-conv rules (a < s; the output must keep at least one pixel after cropping p).
 */
export function checkSettings(s: Settings): Problem[] {
  const fields: Field[] = ['i', 'k', 's', 'p', 'a'];
  const own: Problem[] = [];
  for (const f of fields) {
    const [min, max] = limits[f];
    const bad = checkWhole(f, s[f], min === 0 ? 0 : 1);
    if (bad) own.push(bad);
    else if (s[f] < min || s[f] > max) own.push(problem('outOfRange', { what: f, min, max, value: s[f] }));
  }
  if (own.length > 0) return own;
  const lay = transposedLayout({ i: s.i, k: s.k, s: s.s, p: s.p, a: s.a });
  return lay.ok ? [] : lay.problems;
}

/** The i × i input: all ones, or integers 1 … 3 in a fixed pattern (readable sums). */
export function inputValues(i: number, mode: Settings['values']): number[][] {
  return Array.from({ length: i }, (_, r) =>
    Array.from({ length: i }, (_, c) => (mode === 'ones' ? 1 : ((r * 2 + c * 3) % 3) + 1)),
  );
}

/** The k × k kernel: all ones, or integers −1 … 2 in a fixed pattern. */
export function kernelValues(k: number, mode: Settings['values']): number[][] {
  return Array.from({ length: k }, (_, u) =>
    Array.from({ length: k }, (_, v) => (mode === 'ones' ? 1 : ((u + 2 * v + 1) % 4) - 1)),
  );
}

export interface StepView {
  /** output size o */
  o: number;
  /** total steps: one per input cell (i²) */
  total: number;
  /** the input cell scattered at this step (the last one added), or null before the first */
  current: { r: number; c: number } | null;
  /** where that cell's kernel copy lands (clipped to the output), or null */
  footprint: { top: number; left: number; bottom: number; right: number } | null;
  /** output after the first `step` scatters (all of them when step = total) */
  partial: number[][];
  /** the current cell's scaled kernel copy, positioned: copy[y][x] or null outside its footprint */
  copy: (number | null)[][];
}

/**
 * The step-through after `step` input cells (0 … i², clamped), in reading order: partial sums of
 * the scatter (`referenceConvTranspose` with `steps`) and the kernel copy the last cell added.
 * Settings must be valid (see `checkSettings`).
 */
export function stepView(s: Settings, step: number): StepView {
  const input = inputValues(s.i, s.values);
  const kernel = kernelValues(s.k, s.values);
  const total = s.i * s.i;
  const t = clamp(Math.round(step), 0, total);
  const r = referenceConvTranspose([input], [[kernel]], [0], s.s, s.p, s.a, t);
  const partial = r.ok ? r.value[0]! : [];
  const o = partial.length;
  const copy: (number | null)[][] = Array.from({ length: o }, () => new Array<number | null>(o).fill(null));
  if (t === 0) return { o, total, current: null, footprint: null, partial, copy };
  const cur = { r: Math.floor((t - 1) / s.i), c: (t - 1) % s.i };
  const x = input[cur.r]![cur.c]!;
  for (let u = 0; u < s.k; u++)
    for (let v = 0; v < s.k; v++) {
      const y = cur.r * s.s + u - s.p;
      const xx = cur.c * s.s + v - s.p;
      if (y >= 0 && y < o && xx >= 0 && xx < o) copy[y]![xx] = x * kernel[u]![v]!;
    }
  const fp = scatterFootprint(cur.r, cur.c, s.k, s.s, s.p, o, o);
  return {
    o,
    total,
    current: cur,
    footprint: fp.top <= fp.bottom && fp.left <= fp.right ? fp : null,
    partial,
    copy,
  };
}

/** The overlap counts of the current settings (valid settings). */
export function overlapsOf(s: Settings): OverlapPattern | null {
  const r = overlapPattern(s.i, s.i, s.k, s.s, s.p, s.a);
  return r.ok ? r.value : null;
}

/** The step that shows input cell (r, c) being scattered: its reading-order index + 1. */
export function stepOfCell(r: number, c: number, i: number): number {
  return r * i + c + 1;
}

/** Shade for an overlap count: 0 → lightest, max → darkest (a CSS percentage for color-mix). */
export function overlapShade(count: number, max: number): number {
  return max <= 0 ? 0 : Math.round((100 * count) / max);
}

export interface OverlapSummary {
  /** 'none' when the output has no inner region (tiny settings) */
  kind: 'none' | 'even' | 'uneven';
  uneven: boolean;
  /** the distinct inner counts, ascending */
  counts: number[];
  min: number;
  max: number;
}

/** What the overlap counts say: even (one inner count), uneven (several: the checkerboard) or no inner region. */
export function overlapSummary(pattern: OverlapPattern): OverlapSummary {
  const kind = pattern.interior.length === 0 ? 'none' : pattern.uneven ? 'uneven' : 'even';
  return { kind, uneven: pattern.uneven, counts: pattern.interior, min: pattern.min, max: pattern.max };
}

/** The output-size formula with the current numbers: o = s(i − 1) + a + k − 2p = … = o. */
export function formulaTex(s: Settings, o: number): string {
  // two lines, so the formula fits a phone screen without scrolling
  return `\\begin{aligned} o &= s(i-1) + a + k - 2p \\\\ &= ${s.s}\\cdot(${s.i}-1) + ${s.a} + ${s.k} - 2\\cdot ${s.p} = ${o} \\end{aligned}`;
}
