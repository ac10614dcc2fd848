/**
 * Pure display helpers for notebook cell outputs (no DOM, no tfjs): numbers in tensors and
 * tables, tensor values as a matrix, heatmap scales and labels, the backend's name.
 */
import type { CellOutput, HeatmapData } from '~/lib/tf/kernel/protocol';

/**
 * A number for a cell's output: integers as written, other finite numbers with at most 4
 * significant digits after rounding (0.123456 → "0.1235", 1234.5678 → "1235"), very small or large
 * magnitudes in exponent form (1e-7 → "1e−7"); a real minus sign, no "−0"; NaN and ±∞ named.
 */
export function formatCellNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  let text: string;
  if (Number.isInteger(value) && abs < 1e15) text = String(abs);
  else if (abs >= 1e-4 && abs < 1e15) text = String(Number(abs.toPrecision(4)));
  else
    text = abs
      .toExponential(3)
      .replace(/\.?0+e/, 'e')
      .replace('e+', 'e')
      .replace('e-', 'e−');
  return value < 0 ? `−${text}` : text;
}

/** A heatmap square's number: at most 2 decimals (like the widgets' grids), a real minus, no "−0". */
export function formatHeatValue(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return rounded === 0 ? '0' : formatCellNumber(rounded);
}

/** A table cell or any scalar shown in an output: numbers by `formatCellNumber`, null as "null". */
export function formatScalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  return typeof value === 'number' ? formatCellNumber(value) : String(value);
}

/**
 * Tensor values (as `tensor.arraySync()`, non-finite ones as the strings "NaN", "Infinity") as rows
 * when they form a scalar (one row of one), a vector (one row) or a matrix with rows of equal
 * length; null for three or more dimensions or anything else.
 */
export function valueMatrix(values: unknown): (number | string)[][] | null {
  const scalar = (v: unknown): v is number | string => typeof v === 'number' || typeof v === 'string';
  if (scalar(values)) return [[values]];
  if (!Array.isArray(values)) return null;
  if (values.every(scalar)) return [values];
  if (values.length > 0 && values.every((row) => Array.isArray(row) && row.every(scalar))) {
    const rows = values as (number | string)[][];
    return rows.every((r) => r.length === rows[0]!.length) ? rows : null;
  }
  return null;
}

/** Nested tensor values as text with `formatCellNumber` ([[1, −2], [3, 4]]), for 3-D and larger. */
export function formatNested(values: unknown): string {
  if (typeof values === 'number') return formatCellNumber(values);
  if (Array.isArray(values)) return `[${values.map(formatNested).join(', ')}]`;
  return String(values);
}

/** The end of a heatmap's diverging colour scale: the largest |value| (min and max are its range). */
export function heatScale(map: Pick<HeatmapData, 'min' | 'max'>): number {
  return Math.max(Math.abs(map.min), Math.abs(map.max));
}

/** Heatmap cells are printed with their numbers up to this many columns, drawn as pixels beyond. */
export const NUMBERED_HEATMAP_MAX = 12;

/** Whether a heatmap is small enough to print every value in its grid. */
export function heatmapNumbered(map: Pick<HeatmapData, 'rows' | 'cols'>): boolean {
  return map.cols <= NUMBERED_HEATMAP_MAX && map.rows <= NUMBERED_HEATMAP_MAX;
}

/** The kernel's heatmap label read as a channel number ("channel 3" → 3), or null for others. */
export function channelOf(label: string): number | null {
  const m = /^channel (\d+)$/.exec(label.trim());
  return m ? Number(m[1]) : null;
}

/** A heatmap as rows of values (row-major `data`, `rows` × `cols`). */
export function heatmapRows(map: Pick<HeatmapData, 'rows' | 'cols' | 'data'>): number[][] {
  return Array.from({ length: map.rows }, (_, r) => map.data.slice(r * map.cols, (r + 1) * map.cols));
}

/** A backend's name as printed in both languages ('webgl' → WebGL, anything else → CPU). */
export function backendName(backend: string | undefined): 'WebGL' | 'CPU' {
  return backend === 'webgl' ? 'WebGL' : 'CPU';
}

/** Parses the build's outputs (the `outputs` prop, JSON of `CellOutput[]`); not an array → none. */
export function parseOutputs(json: string | undefined): CellOutput[] {
  if (!json) return [];
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? (parsed as CellOutput[]) : [];
  } catch {
    return [];
  }
}
