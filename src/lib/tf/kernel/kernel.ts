/**
 * The notebook kernel: runs cells in one shared scope and answers `KernelRequest`s with
 * `KernelResponse`s. Free of worker and Node globals, so the browser's module worker
 * (`kernel-worker.ts`), the build's Node worker thread (`kernel-node.ts`) and unit tests all drive
 * the same code; they pass in `tf` (already including tfjs-layers), `cnn` and how to start a
 * backend.
 *
 * Reader code runs through the `AsyncFunction` constructor (`new Function` for async code), so
 * this module must only ever be loaded inside a worker: the page's Content-Security-Policy forbids
 * eval on the main thread.
 *
 * Tensor accounting: while a cell runs, every tensor tfjs creates is recorded (by wrapping the
 * engine's `trackTensor`, through which every tensor and variable passes). `tensorsCreated` is
 * `numTensors` after the run minus before; `reset` disposes every recorded tensor still alive —
 * including ones the cell `tf.keep`-ed and variables — and forgets every name.
 */
import type { BackendInfo } from '~/lib/tf/protocol';
import type { CellOutput, KernelRequest, KernelResponse, PlotSpec } from './protocol';
import { consoleOutput, toOutput, validatePlotSpec } from './serialize';
import {
  CAPTURE_PARAM,
  CellSyntaxError,
  SCOPE_PARAM,
  toCellPosition,
  transformCell,
  type CellProgram,
  type Scope,
} from './transform';

/** What the kernel needs of tfjs: memory counts and the engine (for tensor accounting). */
export interface KernelTf {
  memory(): { numTensors: number };
  engine(): unknown;
}

/** The tensor methods reset uses. */
interface TrackedTensor {
  isDisposed: boolean;
  dispose(): void;
}

export interface KernelOptions {
  /** the tfjs namespace the cells see as `tf` */
  tf: KernelTf & object;
  /** the course engine the cells see as `cnn` */
  cnn: object;
  /** starts the backend once (WebGL first in the browser, CPU at build time) */
  backend: () => Promise<BackendInfo | { code: string; message: string }>;
}

export interface Kernel {
  /** Answers one request (anything that arrived by postMessage); never rejects. */
  handle(message: unknown): Promise<KernelResponse>;
}

/** The `show` function the cells see. */
export interface Show {
  (value: unknown): void;
  plot(spec: PlotSpec): void;
}

const AsyncFunction = (async () => {}).constructor as new (
  ...args: string[]
) => (...args: unknown[]) => Promise<unknown>;

/** A stack frame position in generated cell code: `cell-<token>-<n>.js:<line>:<column>`. */
const frameRe = (token: string) => new RegExp(`cell-${token}-(\\d+)\\.js:(\\d+):(\\d+)`);

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createKernel({ tf, cnn, backend }: KernelOptions): Kernel {
  const token = Math.random().toString(36).slice(2, 8);
  let scope: Scope = new Map();
  const programs = new Map<number, { program: CellProgram; cell: number }>();
  let runs = 0;
  let outputs: CellOutput[] | null = null;
  let chosen: Promise<BackendInfo | { code: string; message: string }> | null = null;
  const start = () => (chosen ??= backend());
  /** tf.memory().numTensors, or 0 when tfjs has no backend to ask */
  const numTensors = () => {
    try {
      return tf.memory().numTensors;
    } catch {
      return 0;
    }
  };

  // Tensor accounting: record every tensor made while a cell runs.
  const made = new Set<TrackedTensor>();
  let recording = false;
  const engine = tf.engine() as { trackTensor?: (t: TrackedTensor, backend: unknown) => void };
  if (typeof engine.trackTensor === 'function') {
    const track = engine.trackTensor.bind(engine);
    engine.trackTensor = (t, b) => {
      if (recording) made.add(t);
      track(t, b);
    };
  }
  const forgetDisposed = () => {
    for (const t of made) if (t.isDisposed) made.delete(t);
  };

  /** lines the engine's AsyncFunction puts before the body (V8: 2), measured on the first request */
  let headerLines: number | null = null;

  const emit = (output: CellOutput) => {
    if (outputs) outputs.push(output);
  };
  const show = ((value: unknown) => emit(toOutput(value))) as Show;
  show.plot = (spec: PlotSpec) => emit({ kind: 'plot', spec: validatePlotSpec(spec) });
  const streams = ['log', 'info', 'warn', 'error'] as const;
  const cellConsole = Object.fromEntries([
    ...streams.map((s) => [s, (...args: unknown[]) => emit(consoleOutput(s, args))]),
    ['debug', (...args: unknown[]) => emit(consoleOutput('log', args))],
    ['table', (value: unknown) => emit(toOutput(value))],
  ]);

  const seed = (): Scope =>
    new Map([
      ['tf', { kind: 'const', value: tf }],
      ['cnn', { kind: 'const', value: cnn }],
      ['show', { kind: 'const', value: show }],
      ['console', { kind: 'const', value: cellConsole }],
    ]);
  scope = seed();

  /** The error output for `error` thrown by the run `runId`, with the reader's line when known. */
  const errorOutput = (error: unknown, runId: number): CellOutput => {
    if (error instanceof CellSyntaxError)
      return {
        kind: 'error',
        name: 'SyntaxError',
        message: error.message,
        line: error.line,
        column: error.column,
      };
    const isError = error instanceof Error;
    const out: CellOutput = {
      kind: 'error',
      name: isError ? error.name : 'Uncaught',
      message: isError ? error.message : messageOf(error),
    };
    const stack = isError ? (error.stack ?? '') : '';
    const re = new RegExp(frameRe(token).source, 'g');
    for (const match of stack.matchAll(re)) {
      const ran = programs.get(Number(match[1]));
      if (!ran) continue;
      const pos = toCellPosition(ran.program, Number(match[2]) - (headerLines ?? 2), Number(match[3]));
      if (!pos) continue;
      out.line = pos.line;
      out.column = pos.column;
      if (Number(match[1]) !== runId) out.cell = ran.cell;
      break;
    }
    return out;
  };

  async function run(code: string, cell: number): Promise<{ ok: boolean; outputs: CellOutput[] }> {
    const runId = ++runs;
    const own: CellOutput[] = [];
    outputs = own;
    let program: CellProgram;
    try {
      program = transformCell(code, scope);
    } catch (error) {
      own.push(errorOutput(error, runId));
      outputs = null;
      return { ok: false, outputs: own };
    }
    programs.set(runId, { program, cell });
    let getters: Record<string, unknown> = {};
    const capture = (g: Record<string, unknown>) => {
      getters = g;
    };
    let ok = true;
    recording = true;
    try {
      const fn = new AsyncFunction(
        SCOPE_PARAM,
        CAPTURE_PARAM,
        `${program.body}//# sourceURL=cell-${token}-${runId}.js`,
      );
      const value = await fn(scope, capture);
      if (program.returnsValue && value !== undefined) show(value);
    } catch (error) {
      ok = false;
      own.push(errorOutput(error, runId));
    } finally {
      recording = false;
      outputs = null;
    }
    // Keep every name that now has a value (a name in its temporal dead zone keeps its old one).
    const next: Scope = new Map(scope);
    for (const name of Object.keys(getters)) {
      let value: unknown;
      try {
        value = getters[name];
      } catch {
        continue;
      }
      const kind = program.declared.get(name) ?? scope.get(name)?.kind ?? 'let';
      next.set(name, { kind, value });
    }
    scope = next;
    forgetDisposed();
    return { ok, outputs: own };
  }

  function reset() {
    for (const t of made) if (!t.isDisposed) t.dispose();
    made.clear();
    scope = seed();
    programs.clear();
  }

  async function handleOne(message: unknown): Promise<KernelResponse> {
    const request = message as Partial<KernelRequest> | null;
    const id = typeof request?.id === 'number' ? request.id : -1;
    const info = await start();
    const backendInfo: BackendInfo = 'code' in info ? { name: 'cpu' } : info;
    const before = numTensors();
    const t0 = performance.now();
    const respond = (ok: boolean, outs: CellOutput[]): KernelResponse => ({
      id,
      ok,
      outputs: outs,
      ms: performance.now() - t0,
      backend: backendInfo,
      numTensors: numTensors(),
      tensorsCreated: numTensors() - before,
    });
    if ('code' in info)
      return respond(false, [{ kind: 'error', name: 'BackendError', message: info.message }]);
    headerLines ??= await measureHeaderAsync(token);
    if (request?.type === 'reset') {
      reset();
      return respond(true, []);
    }
    if (request?.type === 'run' && typeof request.code === 'string') {
      const result = await run(request.code, typeof request.cell === 'number' ? request.cell : -1);
      return respond(result.ok, result.outputs);
    }
    return respond(false, [
      {
        kind: 'error',
        name: 'KernelError',
        message: 'A request must be { id, type: "run", cell, code } or { id, type: "reset" }',
      },
    ]);
  }

  // One request at a time, in arrival order (a cell awaiting must not let the next one start).
  let queue: Promise<unknown> = Promise.resolve();
  function handle(message: unknown): Promise<KernelResponse> {
    const next = queue
      .then(() => handleOne(message))
      .catch((error: unknown): KernelResponse => ({
        id:
          typeof (message as { id?: unknown } | null)?.id === 'number' ? (message as { id: number }).id : -1,
        ok: false,
        outputs: [{ kind: 'error', name: 'KernelError', message: messageOf(error) }],
        ms: 0,
        backend: { name: 'cpu' },
        numTensors: numTensors(),
        tensorsCreated: 0,
      }));
    queue = next.catch(() => undefined);
    return next;
  }

  return { handle };
}

/** Lines the `AsyncFunction` constructor puts before the body in this engine (V8: 2). */
async function measureHeaderAsync(token: string): Promise<number> {
  const fn = new AsyncFunction(`\nthrow new Error('probe');\n//# sourceURL=cell-${token}-0.js`);
  try {
    await fn();
  } catch (error) {
    const match = error instanceof Error ? frameRe(token).exec(error.stack ?? '') : null;
    if (match) return Number(match[2]) - 2;
  }
  return 2;
}
