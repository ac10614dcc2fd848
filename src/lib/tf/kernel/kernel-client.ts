/**
 * The main-thread side of the notebook kernel: a lazy client for `kernel-worker.ts`. Importing it
 * loads no tfjs and starts nothing; the worker starts on the first `run` or `reset`. Requests go
 * one at a time in call order (cells run in page order). Every call resolves, never rejects:
 *
 *   - the kernel's answer (outputs, time, backend, tensor counts);
 *   - `failure: 'timeout'` when a run exceeds its time limit: the worker is terminated (an endless
 *     loop cannot be interrupted any other way), the call resolves with a TimeoutError output, and
 *     the next call starts a fresh kernel;
 *   - `failure: 'stopped'` for calls pending when `terminate()` is called (the Stop button) or when
 *     an earlier call timed out (a run-all stops there: the later cells' names are gone);
 *   - `failure: 'crashed'` when the worker cannot start, crashes or sends garbage.
 * Whenever `failure` is set the kernel was lost: every name and tensor the cells made is gone
 * (`generation` tells a page whether it must run its setup cells again).
 *
 *   const kernel = getKernel();
 *   const r = await kernel.run(code, 2, { timeoutMs: 5000 });
 *   if (r.failure) …; else render(r.outputs, r.backend, r.tensorsCreated);
 */
import type { BackendInfo } from '~/lib/tf/protocol';
import type { WorkerLike } from '~/lib/tf/client';
import {
  DEFAULT_CELL_TIMEOUT_MS,
  type CellOutput,
  type KernelRequest,
  type KernelResponse,
} from './protocol';

/** How long a fresh worker may take to load tfjs and start its backend before it counts as crashed. */
export const KERNEL_START_TIMEOUT_MS = 60_000;

export type KernelFailure = 'timeout' | 'stopped' | 'crashed';

export interface KernelResult {
  /** false when the cell threw or the kernel failed (the last output is then an `error`) */
  ok: boolean;
  outputs: CellOutput[];
  /** time the code ran inside the kernel, or until the time limit (ms) */
  ms: number;
  /** from the call to the answer, including waiting for earlier calls and starting the worker (ms) */
  roundTripMs: number;
  /** set when the kernel answered */
  backend?: BackendInfo;
  numTensors?: number;
  tensorsCreated?: number;
  /** set when the kernel did not answer: it was lost (see the module comment) */
  failure?: KernelFailure;
}

export interface KernelRunOptions {
  /** the cell's time limit in ms (default `DEFAULT_CELL_TIMEOUT_MS`) */
  timeoutMs?: number;
}

export interface KernelClient {
  /** Runs one cell's code (`cell`: its index on the page) after every earlier call. Never rejects. */
  run(code: string, cell: number, options?: KernelRunOptions): Promise<KernelResult>;
  /** Forgets every name and disposes every tensor the cells made, keeping the worker. Never rejects. */
  reset(): Promise<KernelResult>;
  /** Stops the worker now; pending calls resolve with `failure: 'stopped'`. The next call starts a new one. */
  terminate(): void;
  /** Whether a worker is running. */
  readonly started: boolean;
  /** How many workers have been started (0 before the first call); changes whenever the kernel is lost. */
  readonly generation: number;
  /** Whether a call is running or waiting. */
  readonly busy: boolean;
}

/** `Omit` applied to each member of a union. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

interface Queued {
  request: DistributiveOmit<KernelRequest, 'id'>;
  timeoutMs: number;
  resolve: (result: KernelResult) => void;
  called: number;
}

const failureOutput = (name: string, message: string): CellOutput => ({ kind: 'error', name, message });
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A client over workers made by `makeWorker` (called lazily, and again after the kernel is lost). */
export function createKernelClient(makeWorker: () => WorkerLike): KernelClient {
  let worker: WorkerLike | null = null;
  let generation = 0;
  let nextId = 1;
  const queue: Queued[] = [];
  let current: { job: Queued; id: number; timer: ReturnType<typeof setTimeout>; sent: number } | null = null;
  /** the warm-up reset of a fresh worker: not timed by the cell's limit */
  let warming: { id: number; timer: ReturnType<typeof setTimeout> } | null = null;

  const finish = (job: Queued, result: Omit<KernelResult, 'roundTripMs'>) =>
    job.resolve({ ...result, roundTripMs: performance.now() - job.called });

  /** Drops the worker and fails every call: the running one with `failure`, the waiting ones as stopped. */
  const lose = (failure: KernelFailure, message: string) => {
    const w = worker;
    worker = null;
    w?.terminate();
    if (warming) clearTimeout(warming.timer);
    warming = null;
    const running = current;
    current = null;
    if (running) {
      clearTimeout(running.timer);
      const name = failure === 'timeout' ? 'TimeoutError' : failure === 'stopped' ? 'Stopped' : 'KernelError';
      finish(running.job, {
        ok: false,
        outputs: [failureOutput(name, message)],
        ms: performance.now() - running.sent,
        failure,
      });
    }
    for (const job of queue.splice(0))
      finish(job, {
        ok: false,
        outputs: [
          running || failure === 'stopped'
            ? failureOutput('Stopped', 'Not run: the kernel was restarted before this cell’s turn')
            : failureOutput('KernelError', message),
        ],
        ms: 0,
        failure: running || failure === 'stopped' ? 'stopped' : failure,
      });
  };

  const onMessage = (w: WorkerLike) => (event: Event) => {
    if (worker !== w) return;
    const response = (event as MessageEvent).data as KernelResponse | undefined;
    if (typeof response !== 'object' || response === null || typeof response.id !== 'number') return;
    if (warming && response.id === warming.id) {
      clearTimeout(warming.timer);
      warming = null;
      pump();
      return;
    }
    if (!current || response.id !== current.id) return;
    if (!Array.isArray(response.outputs) || typeof response.ok !== 'boolean' || !response.backend) {
      lose('crashed', 'The kernel sent a malformed response');
      return;
    }
    const { job, timer } = current;
    clearTimeout(timer);
    current = null;
    finish(job, {
      ok: response.ok,
      outputs: response.outputs,
      ms: response.ms,
      backend: response.backend,
      numTensors: response.numTensors,
      tensorsCreated: response.tensorsCreated,
    });
    pump();
  };

  /** Starts a worker and its warm-up; false when it cannot be created. */
  const start = (): boolean => {
    let w: WorkerLike;
    try {
      w = makeWorker();
    } catch (error) {
      const message = `The kernel could not start: ${messageOf(error)}`;
      for (const job of queue.splice(0))
        finish(job, {
          ok: false,
          outputs: [failureOutput('KernelError', message)],
          ms: 0,
          failure: 'crashed',
        });
      return false;
    }
    worker = w;
    generation++;
    w.addEventListener('message', onMessage(w));
    w.addEventListener('error', (event) => {
      event.preventDefault(); // an error value for the cell, not an uncaught error on the page
      if (worker === w)
        lose(
          'crashed',
          `The kernel stopped: ${(event as ErrorEvent).message || 'it failed to load or crashed'}`,
        );
    });
    w.addEventListener('messageerror', () => {
      if (worker === w) lose('crashed', 'A message from the kernel could not be read');
    });
    const id = nextId++;
    warming = {
      id,
      timer: setTimeout(
        () => lose('crashed', `The kernel did not start within ${KERNEL_START_TIMEOUT_MS / 1000} s`),
        KERNEL_START_TIMEOUT_MS,
      ),
    };
    post(w, { id, type: 'reset' });
    return true;
  };

  const post = (w: WorkerLike, request: KernelRequest) => {
    try {
      w.postMessage(request);
    } catch (error) {
      lose('crashed', `The request could not be sent: ${messageOf(error)}`);
    }
  };

  /** Sends the next waiting call when the kernel is idle. */
  function pump() {
    if (current || warming || queue.length === 0) return;
    if (!worker && !start()) return;
    if (warming || !worker) return;
    const job = queue.shift()!;
    const id = nextId++;
    const timer = setTimeout(
      () =>
        lose(
          'timeout',
          `The cell did not finish within ${job.timeoutMs / 1000} s, so the kernel was restarted`,
        ),
      job.timeoutMs,
    );
    current = { job, id, timer, sent: performance.now() };
    post(worker, { ...job.request, id } as KernelRequest);
  }

  const enqueue = (request: Queued['request'], timeoutMs: number) =>
    new Promise<KernelResult>((resolve) => {
      queue.push({ request, timeoutMs, resolve, called: performance.now() });
      pump();
    });

  return {
    run: (code, cell, options = {}) =>
      enqueue({ type: 'run', cell, code }, options.timeoutMs ?? DEFAULT_CELL_TIMEOUT_MS),
    reset: () => enqueue({ type: 'reset' }, DEFAULT_CELL_TIMEOUT_MS),
    terminate: () => lose('stopped', 'The run was stopped, so the kernel was restarted'),
    get started() {
      return worker !== null;
    },
    get generation() {
      return generation;
    },
    get busy() {
      return current !== null || warming !== null || queue.length > 0;
    },
  };
}

let shared: KernelClient | null = null;

/** The page's notebook kernel; its worker starts on the first call. */
export function getKernel(): KernelClient {
  shared ??= createKernelClient(
    () =>
      new Worker(new URL('./kernel-worker.ts', import.meta.url), {
        type: 'module',
        name: 'notebook-kernel',
      }) as WorkerLike,
  );
  return shared;
}
