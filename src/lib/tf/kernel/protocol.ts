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

import type { BackendInfo } from '~/lib/tf/protocol';

/** One numeric grid shown as a heatmap (a 2-D tensor, or one channel of a 3-D [H, W, C] one). */
export interface HeatmapData {
  /** e.g. "channel 0"; empty for a 2-D tensor */
  label: string;
  /** the channel index for a 3-D/4-D tensor's heatmap (so the page can label it in its language) */
  channel?: number;
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
  | { kind: 'text'; text: string; stream?: 'log' | 'info' | 'warn' | 'error'; nonFinite?: boolean }
  /**
   * a number, boolean, array or object formatted for reading (numbers locale-independent; NaN,
   * Infinity, -0 spelled out; long arrays end with "… N more"); `nonFinite` when it holds NaN/±∞
   */
  | { kind: 'value'; text: string; nonFinite?: boolean }
  /**
   * an array of plain objects with the same keys; at most 200 rows, `more` counts the rest.
   * Non-finite numbers arrive as the strings "NaN", "Infinity", "-Infinity" (and -0 as "-0").
   */
  | {
      kind: 'table';
      columns: string[];
      rows: (string | number | boolean | null)[][];
      more?: number;
      nonFinite?: boolean;
    }
  /**
   * A tensor: its shape and dtype always; `values` (nested arrays, as `tensor.arraySync()`) when it
   * has at most 64 elements; `heatmaps` for 2-D tensors and 3-D [H, W, C] ones (also [1, H, W, C],
   * the batch of one that tf.conv2d returns; one per channel, at most 8 channels) when H and W are
   * at most 64 and every value is finite. Non-finite values arrive as the strings "NaN", "Infinity".
   */
  | {
      kind: 'tensor';
      shape: number[];
      dtype: string;
      size: number;
      values?: unknown;
      heatmaps?: HeatmapData[];
      /** set when the tensor has more channels than heatmaps (only the first ones are drawn) */
      channelsShown?: number;
      /** true when values are not all finite (the build refuses NaN) */
      nonFinite?: boolean;
    }
  | { kind: 'plot'; spec: PlotSpec }
  /** an exception: the message, and the line/column in the cell's own code when known (1-based) */
  | {
      kind: 'error';
      name: string;
      message: string;
      line?: number;
      column?: number;
      /**
       * set when the line is in another cell than the one that ran (a function an earlier cell
       * defined threw): that cell's index on the page
       */
      cell?: number;
    };

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
