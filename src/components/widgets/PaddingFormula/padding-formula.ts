/**
 * PaddingFormula's pure state: from the reader's typed settings to the output size, the
 * problems and warnings, what to draw, and the formula with numbers substituted.
 */
import {
  convOutput,
  kernelTaps,
  placementCounts,
  samePadding,
  tilingProblem,
  type ConvAxisResult,
} from '~/lib/cnn/conv-arithmetic';
import { problem, type Problem } from '~/lib/cnn/problems';
import { readNumber, type Field } from '~/components/widgets/shared/fields';

export interface Settings {
  n: Field;
  k: Field;
  p: Field;
  s: Field;
  d: Field;
  /** compute p as "same" padding instead of reading the p field */
  same: boolean;
}

export const defaultSettings: Settings = { n: '7', k: '3', p: '1', s: '1', d: '1', same: false };

/** Largest padded input we draw as a grid; bigger settings still get their numbers. */
export const MAX_DRAWN = 32;

/** Most steps (n·k) spent counting how often each pixel is read; beyond it the count is left out. */
export const MAX_COUNTED = 2_000_000;

export type Figure =
  | { ok: false; problems: Problem[]; values: Partial<Record<'n' | 'k' | 'p' | 's' | 'd', number>> }
  | {
      ok: true;
      n: number;
      k: number;
      p: number;
      s: number;
      d: number;
      result: ConvAxisResult;
      warnings: Problem[];
      drawable: boolean;
    };

/** Validates the settings and computes o = ⌊(n + 2p − k')/s⌋ + 1 (p from "same" when asked). */
export function computeFigure(settings: Settings): Figure {
  const n = readNumber(settings.n);
  const k = readNumber(settings.k);
  const s = readNumber(settings.s);
  const d = readNumber(settings.d);
  let p = readNumber(settings.p);
  if (settings.same) {
    const same = samePadding(k, Number.isNaN(d) ? 1 : d, Number.isNaN(s) ? 1 : s);
    if (!same.ok) return { ok: false, problems: same.problems, values: { n, k, s, d } };
    p = same.value;
  }
  const out = convOutput({ n, k, p, s, d });
  if (!out.ok) return { ok: false, problems: out.problems, values: { n, k, p, s, d } };
  const warnings: Problem[] = [];
  const tiling = tilingProblem(out.value);
  if (tiling) warnings.push(tiling);
  if (p >= out.value.kEff) warnings.push(problem('paddingTooLarge', { p, k: out.value.kEff }));
  return { ok: true, n, k, p, s, d, result: out.value, warnings, drawable: out.value.padded <= MAX_DRAWN };
}

export type CellKind = 'image' | 'padding';

/** Whether padded cell index `x` (0 … n + 2p − 1) is padding or image. */
export function cellKind(x: number, n: number, p: number): CellKind {
  return x < p || x >= p + n ? 'padding' : 'image';
}

/**
 * One character per cell of a `size` × `size` grid of `cell` px squares (`glyph(y, x)`, or null
 * for none), as the x list, y list and text of a single SVG <text>: each character positioned on
 * its own is a text chunk of its own, centred on its cell by text-anchor, so one element draws
 * what would otherwise take one per cell (issue 12). Cell (y, x) is centred at
 * (x·cell + cell/2, y·cell + cell/2); row-major order.
 */
export function cellGlyphs(
  size: number,
  cell: number,
  glyph: (y: number, x: number) => string | null,
): { x: string; y: string; text: string } {
  const xs: number[] = [];
  const ys: number[] = [];
  let text = '';
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const g = glyph(y, x);
      if (g === null) continue;
      if ([...g].length !== 1) throw new Error(`cellGlyphs: one character per cell, got "${g}"`);
      xs.push(x * cell + cell / 2);
      ys.push(y * cell + cell / 2);
      text += g;
    }
  }
  return { x: xs.join(' '), y: ys.join(' '), text };
}

/**
 * The cells (y, x) of a `size` × `size` grid of `cell` px squares for which `include(y, x)` holds,
 * as the `d` of one SVG <path>: a closed square `M x·cell y·cell h cell v cell h −cell z` per cell,
 * so a whole class of cells (image, padding, kernel taps) is one element (issue 12). Each square is
 * a subpath of its own, so its stroke (and a dash pattern, which restarts per subpath) draws as a
 * separate rectangle would. Row-major order; '' when no cell is included.
 */
export function cellPath(size: number, cell: number, include: (y: number, x: number) => boolean): string {
  let d = '';
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++)
      if (include(y, x)) d += `M${x * cell} ${y * cell}h${cell}v${cell}h${-cell}z`;
  return d;
}

/**
 * Padded indices (along one axis) that no kernel position reads: the trailing `rest` cells,
 * plus, with dilation, cells between taps that no placement lands on.
 */
export function unreadIndices(f: { result: ConvAxisResult; k: number; s: number; d: number }): Set<number> {
  const read = new Set<number>();
  for (let j = 0; j < f.result.o; j++) for (const x of kernelTaps(j, f.k, f.s, f.d)) read.add(x);
  const unread = new Set<number>();
  for (let x = 0; x < f.result.padded; x++) if (!read.has(x)) unread.add(x);
  return unread;
}

/**
 * The output-size formula as TeX, one step per line so it fits a phone screen: the general
 * form, the current numbers, then the result — o = ⌊(n + 2p − k′)/s⌋ + 1 = ⌊(7 + 2·1 − 3)/1⌋ + 1 = 7.
 */
export function formulaTex(f: Extract<Figure, { ok: true }>): string {
  const kSymbol = f.d === 1 ? 'k' : "k'";
  const quotient =
    f.result.span % f.s === 0 ? String(f.result.span / f.s) : String.raw`\tfrac{${f.result.span}}{${f.s}}`;
  return [
    String.raw`\begin{aligned}`,
    String.raw`o &= \left\lfloor \frac{n + 2p - ${kSymbol}}{s} \right\rfloor + 1 \\`,
    String.raw`&= \left\lfloor \frac{${f.n} + 2 \cdot ${f.p} - ${f.result.kEff}}{${f.s}} \right\rfloor + 1`,
    String.raw`= \left\lfloor ${quotient} \right\rfloor + 1 = ${f.result.o}`,
    String.raw`\end{aligned}`,
  ].join(' ');
}

export interface Placements {
  /** how many placements read input pixel i along one axis (i = 0 … n − 1) */
  along: number[];
  /** the 2-D count of a corner, an edge (middle of a side) and an interior (centre) pixel */
  corner: number;
  edge: number;
  interior: number;
  /** fewest and most placements any pixel gets in 2-D (row count × column count) */
  min: number;
  max: number;
}

/**
 * How many kernel placements read each input pixel: along one axis `placementCounts` (lib/cnn);
 * in 2-D the count of pixel (y, x) is along[y]·along[x]. With k = 3, p = 1, s = 1: corner 4,
 * edge 6, interior 9; every pixel gets the same count only when p = k − 1 (stride 1).
 * Null when counting would take more than `MAX_COUNTED` steps (n·k), so a huge setting never
 * stalls the page: its output size is still shown.
 */
export function placements(f: Extract<Figure, { ok: true }>): Placements | null {
  if (f.n * f.k > MAX_COUNTED) return null;
  const along = placementCounts(f.n, f.k, f.p, f.s, f.d);
  const mid = Math.floor((f.n - 1) / 2);
  let lo = Infinity;
  let hi = 0;
  for (const c of along) {
    lo = Math.min(lo, c);
    hi = Math.max(hi, c);
  }
  return {
    along,
    corner: along[0]! * along[0]!,
    edge: along[0]! * along[mid]!,
    interior: along[mid]! * along[mid]!,
    min: lo * lo,
    max: hi * hi,
  };
}
