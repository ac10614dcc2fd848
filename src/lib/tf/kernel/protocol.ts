/**
 * Notebook cells: the contract between a page's cells (main thread), the kernel that runs them
 * (a module Web Worker in the browser; a Node worker thread at build time) and the HTML the build
 * prerenders. Types only: importing this file loads no tfjs.
 *
 * A page's cells share one kernel and run in page order, like Jupyter: names a cell declares at
 * its top level (`const`, `let`, `function`, `class`) are visible to every later cell. Cell code
 * is JavaScript with top-level `await`; it sees these globals:
 *   - `tf`    TensorFlow.js (tfjs-core with gradients, and tfjs-layers for `tf.sequential` & co.)
 *   - `cnn`   the course engine (`~/lib/cnn`: outputSize, receptiveField, countParams, presets …)
 *   - `show(value)`   appends an output (see `CellOutput`); `show.plot(spec)` appends a chart
 *   - `console.log/info/warn/error`   append text outputs
 * The value of the cell's last expression statement, when not `undefined`, is shown as if passed
 * to `show` (like a notebook).
 *
 * Everything here crosses `postMessage` and is embedded in the built HTML as JSON, so it must be
 * plain, structured-cloneable data.
 */

import type { BackendInfo } from '../protocol';

/** One numeric grid shown as a heatmap (a 2-D tensor, or one channel of a 3-D [H, W, C] one). */
export interface HeatmapData {
  /** e.g. "channel 0"; empty for a 2-D tensor */
  label: string;
  rows: number;
  cols: number;
  /** row-major, rows × cols finite numbers */
  data: number[];
  min: number;
  max: number;
}

/** A chart description that the main thread (or the build) renders with Observable Plot. */
export interface PlotSpec {
  marks: PlotMarkSpec[];
  x?: PlotScaleSpec;
  y?: PlotScaleSpec;
  color?: { legend?: boolean };
  /** text alternative; defaults to a sentence generated from the marks */
  ariaLabel?: string;
  height?: number;
}

export interface PlotMarkSpec {
  /** the Plot mark to draw */
  mark: 'line' | 'lineY' | 'dot' | 'barY' | 'ruleY' | 'cell' | 'text';
  /** rows of plain values; for `lineY`/`barY` a plain number[] is allowed */
  data: Record<string, number | string | boolean | null>[] | number[];
  /** channel → field name or constant, e.g. { x: 'layer', y: 'norm', stroke: 'net' } */
  options?: Record<string, string | number | boolean>;
}

export interface PlotScaleSpec {
  label?: string;
  type?: 'linear' | 'log' | 'band';
  domain?: [number, number];
}

/** What a cell printed or showed, in order. */
export type CellOutput =
  /** console output, or a string passed to `show` */
  | { kind: 'text'; text: string; stream?: 'log' | 'info' | 'warn' | 'error' }
  /** a number, boolean, array or object formatted for reading (numbers locale-independent) */
  | { kind: 'value'; text: string }
  /** an array of plain objects with the same keys */
  | { kind: 'table'; columns: string[]; rows: (string | number | boolean | null)[][] }
  /**
   * A tensor: its shape and dtype always; `values` (nested arrays, as `tensor.arraySync()`) when it
   * has at most 64 elements; `heatmaps` for 2-D tensors and 3-D [H, W, C] ones (one per channel, at
   * most 8 channels) when H and W are at most 64.
   */
  | {
      kind: 'tensor';
      shape: number[];
      dtype: string;
      size: number;
      values?: unknown;
      heatmaps?: HeatmapData[];
      /** true when values are not all finite (the build refuses NaN) */
      nonFinite?: boolean;
    }
  | { kind: 'plot'; spec: PlotSpec }
  /** an exception: the message, and the line/column in the cell's own code when known (1-based) */
  | { kind: 'error'; name: string; message: string; line?: number; column?: number };

/** Main thread → kernel. */
export type KernelRequest =
  /** run one cell's code; `cell` is the cell's index on the page (for messages) */
  | { id: number; type: 'run'; cell: number; code: string }
  /** forget every name the cells defined and dispose every tensor they made */
  | { id: number; type: 'reset' };

/** Kernel → main thread: exactly one response per request, never a thrown error. */
export interface KernelResponse {
  id: number;
  /** false when the cell threw (the last output is then the `error`) */
  ok: boolean;
  outputs: CellOutput[];
  /** time spent running the code (ms) */
  ms: number;
  /** the backend the kernel runs on (webgl, or cpu with the fallback reason) */
  backend: BackendInfo;
  /** `tf.memory().numTensors` after the run, and how many of them this run created */
  numTensors: number;
  tensorsCreated: number;
}

/** Per-cell options an author writes after `js cell` in the fence's meta string. */
export interface CellOptions {
  /** shown under the cell */
  caption?: string;
  /** hidden setup code: runs, but is not shown or editable */
  setup?: boolean;
  /** time limit in ms (default `DEFAULT_CELL_TIMEOUT_MS`) */
  timeout?: number;
}

export const DEFAULT_CELL_TIMEOUT_MS = 10_000;
