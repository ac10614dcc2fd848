/**
 * Values → `CellOutput`s: what `show(value)`, `console.log` and a cell's last expression put in the
 * output area. Pure (no tfjs import: tensors are recognised by shape, so Node tests pass real
 * tfjs tensors and the worker passes WebGL ones), and the results are plain data that survives
 * `postMessage` and JSON.
 *
 *   - a string → `text`; a tensor → `tensor` (shape, dtype, values when ≤ 64 elements, heatmaps);
 *   - an array of plain objects with the same keys → `table`;
 *   - anything else → `value`: readable text, numbers written the same in every locale
 *     (NaN, Infinity, -0 spelled out), at most `MAX_ITEMS` items per array/object
 *     ("… N more"), cycles as [Circular], nesting deeper than `MAX_DEPTH` elided.
 * Any NaN or ±Infinity in a value, table or tensor sets `nonFinite` (the build refuses them).
 */
import type { CellOutput, HeatmapData, PlotMarkSpec, PlotScaleSpec, PlotSpec } from './protocol';

/** Items shown per array, object, Map or Set before "… N more". */
export const MAX_ITEMS = 100;
/** Nesting shown before an inner object becomes [Object] / [Array]. */
export const MAX_DEPTH = 4;
/** Tensors with at most this many elements come with their values. */
export const MAX_TENSOR_VALUES = 64;
/** Heatmaps are made for grids up to this many rows and columns … */
export const MAX_HEATMAP_SIDE = 64;
/** … and for at most this many channels. */
export const MAX_HEATMAP_CHANNELS = 8;
/** Rows of a table before the rest is counted in `more`. */
export const MAX_TABLE_ROWS = 200;
/** A one-line value longer than this is broken over several lines. */
const LINE_WIDTH = 72;

/** What the serialiser needs of a tfjs tensor. */
export interface TensorLike {
  shape: number[];
  dtype: string;
  size: number;
  isDisposed?: boolean;
  dataSync(): ArrayLike<unknown>;
  arraySync(): unknown;
}

/** Whether `value` looks like a tfjs tensor (shape, dtype, size, dataSync). */
export function isTensorLike(value: unknown): value is TensorLike {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<TensorLike>;
  return (
    Array.isArray(v.shape) &&
    typeof v.dtype === 'string' &&
    typeof v.size === 'number' &&
    typeof v.dataSync === 'function' &&
    typeof v.arraySync === 'function'
  );
}

/** A number as the course writes it in every locale: NaN, Infinity, -Infinity, -0 spelled out. */
export function formatNumber(n: number): string {
  if (Object.is(n, -0)) return '-0';
  return String(n);
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

const identifier = /^[A-Za-z_$][\w$]*$/;
const keyText = (key: string) => (identifier.test(key) ? key : JSON.stringify(key));

interface FormatState {
  seen: Set<object>;
  nonFinite: boolean;
}

function tensorSummary(t: TensorLike): string {
  return `Tensor(${t.dtype}, [${t.shape.join(', ')}])${t.isDisposed ? ' (disposed)' : ''}`;
}

function join(open: string, parts: string[], close: string, more: number, depth: number): string {
  const all = more > 0 ? [...parts, `… ${more} more`] : parts;
  if (all.length === 0) return `${open}${close}`;
  const one = `${open} ${all.join(', ')} ${close}`.replace(/^\[ /, '[').replace(/ \]$/, ']');
  if (one.length <= LINE_WIDTH && !one.includes('\n')) return one;
  const pad = '  '.repeat(depth + 1);
  return `${open}\n${all.map((p) => pad + p).join(',\n')}\n${'  '.repeat(depth)}${close}`;
}

function format(value: unknown, state: FormatState, depth: number, quoteStrings: boolean): string {
  switch (typeof value) {
    case 'string':
      return quoteStrings ? JSON.stringify(value) : value;
    case 'number':
      if (!Number.isFinite(value)) state.nonFinite = true;
      return formatNumber(value);
    case 'bigint':
      return `${value}n`;
    case 'boolean':
      return String(value);
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return value.toString();
    case 'function': {
      const source = Function.prototype.toString.call(value);
      const kind = source.startsWith('class') ? 'class' : 'Function';
      return value.name ? `[${kind} ${value.name}]` : `[${kind} (anonymous)]`;
    }
  }
  if (value === null) return 'null';
  const obj = value as object;
  if (isTensorLike(obj)) return tensorSummary(obj);
  if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? 'Invalid Date' : obj.toISOString();
  if (obj instanceof Error) return `${obj.name}: ${obj.message}`;
  if (obj instanceof RegExp) return String(obj);
  if (state.seen.has(obj)) return '[Circular]';
  const isArray = Array.isArray(obj) || ArrayBuffer.isView(obj);
  if (depth >= MAX_DEPTH) return isArray ? '[Array]' : '[Object]';
  state.seen.add(obj);
  try {
    const inner = (v: unknown) => format(v, state, depth + 1, true);
    if (ArrayBuffer.isView(obj) && !(obj instanceof DataView)) {
      const arr = obj as unknown as ArrayLike<number | bigint>;
      const shown = Array.from({ length: Math.min(arr.length, MAX_ITEMS) }, (_, i) => inner(arr[i]));
      return `${obj.constructor.name}(${arr.length}) ${join('[', shown, ']', arr.length - shown.length, depth)}`;
    }
    if (Array.isArray(obj)) {
      const shown: string[] = [];
      for (let i = 0; i < Math.min(obj.length, MAX_ITEMS); i++)
        shown.push(i in obj ? inner(obj[i]) : '<empty>');
      return join('[', shown, ']', obj.length - shown.length, depth);
    }
    if (obj instanceof Map) {
      const entries = [...obj.entries()];
      const shown = entries.slice(0, MAX_ITEMS).map(([k, v]) => `${inner(k)} => ${inner(v)}`);
      return `Map(${obj.size}) ${join('{', shown, '}', entries.length - shown.length, depth)}`;
    }
    if (obj instanceof Set) {
      const items = [...obj.values()];
      const shown = items.slice(0, MAX_ITEMS).map(inner);
      return `Set(${obj.size}) ${join('{', shown, '}', items.length - shown.length, depth)}`;
    }
    const keys = Object.keys(obj);
    const shown = keys
      .slice(0, MAX_ITEMS)
      .map((k) => `${keyText(k)}: ${inner((obj as Record<string, unknown>)[k])}`);
    const name = isPlainObject(obj) ? '' : `${obj.constructor?.name ?? 'Object'} `;
    return name + join('{', shown, '}', keys.length - shown.length, depth);
  } finally {
    state.seen.delete(obj);
  }
}

/** Readable text for any value (strings unquoted at the top level), and whether it holds NaN/±∞. */
export function formatValue(value: unknown): { text: string; nonFinite: boolean } {
  const state: FormatState = { seen: new Set(), nonFinite: false };
  const text = format(value, state, 0, false);
  return { text, nonFinite: state.nonFinite };
}

type TableCell = string | number | boolean | null;

/** A table when `value` is a non-empty array of plain objects that all have the same keys. */
export function asTable(value: unknown): Extract<CellOutput, { kind: 'table' }> | null {
  if (!Array.isArray(value) || value.length === 0 || !value.every(isPlainObject)) return null;
  const columns = Object.keys(value[0] as object);
  if (columns.length === 0) return null;
  const sameKeys = (row: Record<string, unknown>) => {
    const keys = Object.keys(row);
    return keys.length === columns.length && keys.every((k) => columns.includes(k));
  };
  if (!(value as Record<string, unknown>[]).every(sameKeys)) return null;
  let nonFinite = false;
  const cell = (v: unknown): TableCell => {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) nonFinite = true;
      return Number.isFinite(v) && !Object.is(v, -0) ? v : formatNumber(v);
    }
    if (typeof v === 'string' || typeof v === 'boolean' || v === null) return v;
    if (v === undefined) return null;
    const f = formatValue(v);
    if (f.nonFinite) nonFinite = true;
    return f.text;
  };
  const shown = (value as Record<string, unknown>[]).slice(0, MAX_TABLE_ROWS);
  const table: Extract<CellOutput, { kind: 'table' }> = {
    kind: 'table',
    columns,
    rows: shown.map((row) => columns.map((c) => cell(row[c]))),
  };
  if (value.length > shown.length) table.more = value.length - shown.length;
  if (nonFinite) table.nonFinite = true;
  return table;
}

/** [H, W, C] of a tensor that can be drawn as heatmaps: 2-D, 3-D [H, W, C] or 4-D [1, H, W, C]. */
export function heatmapGeometry(shape: readonly number[]): [number, number, number] | null {
  let hwc: [number, number, number] | null = null;
  if (shape.length === 2) hwc = [shape[0]!, shape[1]!, 1];
  else if (shape.length === 3) hwc = [shape[0]!, shape[1]!, shape[2]!];
  else if (shape.length === 4 && shape[0] === 1) hwc = [shape[1]!, shape[2]!, shape[3]!];
  if (!hwc) return null;
  const [h, w, c] = hwc;
  if (h < 1 || w < 1 || c < 1 || h > MAX_HEATMAP_SIDE || w > MAX_HEATMAP_SIDE) return null;
  return hwc;
}

/**
 * A tensor's output: shape, dtype and size; its values (nested arrays) when it has at most
 * `MAX_TENSOR_VALUES` elements; one heatmap per channel (the first `MAX_HEATMAP_CHANNELS`) for
 * 2-D, [H, W, C] and [1, H, W, C] tensors up to 64 × 64 with finite values.
 */
export function tensorOutput(t: TensorLike): Extract<CellOutput, { kind: 'tensor' }> {
  if (t.isDisposed)
    throw new Error(`show: this tensor (${t.dtype}, [${t.shape.join(', ')}]) was already disposed`);
  const out: Extract<CellOutput, { kind: 'tensor' }> = {
    kind: 'tensor',
    shape: [...t.shape],
    dtype: t.dtype,
    size: t.size,
  };
  const numeric = t.dtype !== 'string' && t.dtype !== 'complex64';
  const data = numeric ? Array.from(t.dataSync() as ArrayLike<number>, Number) : null;
  const nonFinite = data ? data.some((v) => !Number.isFinite(v)) : false;
  if (nonFinite) out.nonFinite = true;
  if (t.size <= MAX_TENSOR_VALUES) {
    const values = t.arraySync();
    // NaN/Infinity do not survive JSON: write them as words (the build refuses them anyway).
    out.values = nonFinite ? replaceNonFinite(values) : values;
  }
  const geometry = data && !nonFinite ? heatmapGeometry(t.shape) : null;
  if (geometry && data) {
    const [h, w, c] = geometry;
    const heatmaps: HeatmapData[] = [];
    for (let ch = 0; ch < Math.min(c, MAX_HEATMAP_CHANNELS); ch++) {
      const grid = Array.from({ length: h * w }, (_, i) => data[i * c + ch]!);
      let min = Infinity;
      let max = -Infinity;
      for (const v of grid) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
      const map: HeatmapData = {
        label: t.shape.length === 2 ? '' : `channel ${ch}`,
        rows: h,
        cols: w,
        data: grid,
        min,
        max,
      };
      if (t.shape.length !== 2) map.channel = ch;
      heatmaps.push(map);
    }
    out.heatmaps = heatmaps;
    if (c > MAX_HEATMAP_CHANNELS) out.channelsShown = MAX_HEATMAP_CHANNELS;
  }
  return out;
}

function replaceNonFinite(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(replaceNonFinite);
  if (typeof value === 'number' && !Number.isFinite(value)) return formatNumber(value);
  return value;
}

/** The output for `show(value)` (and a cell's last expression). */
export function toOutput(value: unknown): CellOutput {
  if (typeof value === 'string') return { kind: 'text', text: value };
  if (isTensorLike(value)) return tensorOutput(value);
  const table = asTable(value);
  if (table) return table;
  const { text, nonFinite } = formatValue(value);
  return nonFinite ? { kind: 'value', text, nonFinite } : { kind: 'value', text };
}

/** The output for `console.log(a, b, …)`: the arguments' texts joined by spaces. */
export function consoleOutput(stream: 'log' | 'info' | 'warn' | 'error', args: unknown[]): CellOutput {
  let nonFinite = false;
  const text = args
    .map((a) => {
      const f = formatValue(a);
      if (f.nonFinite) nonFinite = true;
      return f.text;
    })
    .join(' ');
  const out: CellOutput = { kind: 'text', text, stream };
  if (nonFinite) out.nonFinite = true;
  return out;
}

/** A plot spec that `show.plot` refused, with what is wrong. */
export class PlotSpecError extends TypeError {
  constructor(message: string) {
    super(`show.plot: ${message}`);
    this.name = 'PlotSpecError';
  }
}

export const PLOT_MARKS: readonly PlotMarkSpec['mark'][] = [
  'line',
  'lineY',
  'dot',
  'barY',
  'ruleY',
  'cell',
  'text',
];
/** Rows per mark a chart may carry. */
export const MAX_PLOT_ROWS = 10_000;

const describe = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : formatValue(v).text);

function checkScale(name: string, scale: unknown): PlotScaleSpec {
  if (!isPlainObject(scale)) throw new PlotSpecError(`${name} must be an object like { label: "…" }`);
  const out: PlotScaleSpec = {};
  for (const [key, v] of Object.entries(scale)) {
    if (key === 'label') {
      if (typeof v !== 'string') throw new PlotSpecError(`${name}.label must be a string`);
      out.label = v;
    } else if (key === 'type') {
      if (v !== 'linear' && v !== 'log' && v !== 'band')
        throw new PlotSpecError(`${name}.type must be "linear", "log" or "band" (got ${describe(v)})`);
      out.type = v;
    } else if (key === 'domain') {
      if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => typeof x === 'number' && Number.isFinite(x)))
        throw new PlotSpecError(`${name}.domain must be two finite numbers [min, max]`);
      out.domain = [v[0], v[1]];
    } else throw new PlotSpecError(`${name} has an unknown key "${key}" (use label, type, domain)`);
  }
  return out;
}

function checkMark(mark: unknown, i: number): PlotMarkSpec {
  const at = `marks[${i}]`;
  if (!isPlainObject(mark))
    throw new PlotSpecError(`${at} must be an object like { mark: "line", data: […] }`);
  if (!PLOT_MARKS.includes(mark.mark as PlotMarkSpec['mark']))
    throw new PlotSpecError(
      `${at}.mark must be one of ${PLOT_MARKS.join(', ')} (got ${describe(mark.mark)})`,
    );
  const kind = mark.mark as PlotMarkSpec['mark'];
  const data = mark.data;
  if (!Array.isArray(data)) throw new PlotSpecError(`${at}.data must be an array`);
  if (data.length > MAX_PLOT_ROWS)
    throw new PlotSpecError(`${at}.data has ${data.length} rows; at most ${MAX_PLOT_ROWS} can be drawn`);
  const numbersOnly = data.every((d) => typeof d === 'number');
  if (numbersOnly && data.length > 0 && kind !== 'lineY' && kind !== 'barY')
    throw new PlotSpecError(
      `${at}.data is a list of numbers, which only lineY and barY accept; use rows like { x, y }`,
    );
  const finite = (v: unknown, where: string) => {
    if (typeof v === 'number' && !Number.isFinite(v))
      throw new PlotSpecError(`${where} is ${formatNumber(v)}; a chart needs finite numbers`);
  };
  let rows: PlotMarkSpec['data'];
  if (numbersOnly) {
    (data as number[]).forEach((v, r) => finite(v, `${at}.data[${r}]`));
    rows = [...(data as number[])];
  } else {
    rows = data.map((row, r) => {
      if (!isPlainObject(row))
        throw new PlotSpecError(`${at}.data[${r}] must be an object of plain values (got ${describe(row)})`);
      const clean: Record<string, number | string | boolean | null> = {};
      for (const [k, v] of Object.entries(row)) {
        if (v !== null && typeof v !== 'number' && typeof v !== 'string' && typeof v !== 'boolean')
          throw new PlotSpecError(`${at}.data[${r}].${k} must be a number, string, boolean or null`);
        finite(v, `${at}.data[${r}].${k}`);
        clean[k] = v;
      }
      return clean;
    });
  }
  const out: PlotMarkSpec = { mark: kind, data: rows };
  if (mark.options !== undefined) {
    if (!isPlainObject(mark.options)) throw new PlotSpecError(`${at}.options must be an object`);
    const options: Record<string, string | number | boolean> = {};
    for (const [k, v] of Object.entries(mark.options)) {
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')
        throw new PlotSpecError(
          `${at}.options.${k} must be a field name, number or boolean (functions cannot cross to the page)`,
        );
      finite(v, `${at}.options.${k}`);
      options[k] = v;
    }
    out.options = options;
  }
  for (const key of Object.keys(mark))
    if (key !== 'mark' && key !== 'data' && key !== 'options')
      throw new PlotSpecError(`${at} has an unknown key "${key}" (use mark, data, options)`);
  return out;
}

/**
 * Checks a chart description and returns a plain copy, or throws `PlotSpecError` naming what is
 * wrong (unknown mark, data that is not rows of plain values, NaN, a function as an option …).
 */
export function validatePlotSpec(spec: unknown): PlotSpec {
  if (!isPlainObject(spec))
    throw new PlotSpecError('expects an object like { marks: [{ mark: "line", data: […] }] }');
  if (!Array.isArray(spec.marks) || spec.marks.length === 0)
    throw new PlotSpecError('needs a non-empty "marks" array');
  const out: PlotSpec = { marks: spec.marks.map(checkMark) };
  for (const [key, v] of Object.entries(spec)) {
    if (key === 'marks') continue;
    if (key === 'x' || key === 'y') out[key] = checkScale(key, v);
    else if (key === 'color') {
      if (
        !isPlainObject(v) ||
        Object.keys(v).some((k) => k !== 'legend') ||
        (v.legend !== undefined && typeof v.legend !== 'boolean')
      )
        throw new PlotSpecError('color must be { legend: true | false }');
      out.color = v.legend === undefined ? {} : { legend: v.legend as boolean };
    } else if (key === 'ariaLabel') {
      if (typeof v !== 'string') throw new PlotSpecError('ariaLabel must be a string');
      out.ariaLabel = v;
    } else if (key === 'height') {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 40 || v > 1200)
        throw new PlotSpecError('height must be a number of pixels between 40 and 1200');
      out.height = v;
    } else throw new PlotSpecError(`unknown key "${key}" (use marks, x, y, color, ariaLabel, height)`);
  }
  return out;
}

/** Whether an output holds NaN or ±Infinity (the build refuses such outputs). */
export function isNonFinite(output: CellOutput): boolean {
  return 'nonFinite' in output && output.nonFinite === true;
}
