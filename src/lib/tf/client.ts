/**
 * The main-thread side: a lazy client for the TensorFlow.js worker. Importing this module loads
 * no tfjs and starts nothing; the worker starts on the first `run` (so a page whose tensor widget
 * never becomes visible never downloads tfjs). Every call resolves — with a result or an error
 * value — and never rejects: a worker that fails to start, crashes, sends garbage or stays silent
 * becomes a `TfError` the widget can show.
 *
 *   const out = await runConv2d({ input, filter, bias, stride: 1, pad: 1 });
 *   if (out.ok) show(out.result.data, out.stats.backend.name); else showError(out.error.message);
 */
import { messageOf } from './error-message';
import type { OpArgs, OpName, TfError, TfOutcome, TfResponse, Conv2dArgs } from './protocol';

/** What the client needs of a Worker (tests pass a fake). */
export interface WorkerLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: Event) => void): void;
  terminate(): void;
}

export interface RunOptions {
  /** give up after this many milliseconds (default 60 000) and resolve with a `timeout` error */
  timeoutMs?: number;
}

export interface TfClient {
  /** Runs a named op in the worker (starting it if needed). Never rejects. */
  run<N extends OpName>(op: N, args: OpArgs<N>, options?: RunOptions): Promise<TfOutcome<N>>;
  /** Whether the worker has been started. */
  readonly started: boolean;
  /** Stops the worker; pending calls resolve with `workerFailed`. A later `run` starts a new one. */
  terminate(): void;
}

interface Pending {
  resolve: (outcome: TfOutcome) => void;
  timer: ReturnType<typeof setTimeout>;
  start: number;
}

export const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * How many times a page's client restarts its worker after the WebGL context was lost (each
 * restart gets a fresh context); one more loss is reported as a `contextLost` error.
 */
export const MAX_CONTEXT_RESTARTS = 3;

/** A client over workers made by `makeWorker` (called lazily, again after a crash). */
export function createTfClient(makeWorker: () => WorkerLike): TfClient {
  let worker: WorkerLike | null = null;
  /** counts the workers started, so a lost context restarts its own worker only once */
  let generation = 0;
  let restarts = 0;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const settle = (id: number, outcome: TfOutcome) => {
    const p = pending.get(id);
    if (!p) return; // already timed out or failed
    pending.delete(id);
    clearTimeout(p.timer);
    p.resolve(outcome);
  };

  const failAll = (error: TfError) => {
    for (const id of [...pending.keys()]) settle(id, { ok: false, error });
  };

  const stop = (error: TfError) => {
    const w = worker;
    worker = null;
    w?.terminate();
    failAll(error);
  };

  const onMessage = (event: Event) => {
    const response = (event as MessageEvent).data as TfResponse | undefined;
    if (typeof response !== 'object' || response === null || typeof response.id !== 'number') return;
    const p = pending.get(response.id);
    if (!p) return;
    if (response.ok === true && 'result' in response && response.stats)
      settle(response.id, {
        ok: true,
        result: response.result,
        stats: response.stats,
        roundTripMs: performance.now() - p.start,
      });
    else if (response.ok === false && response.error && typeof response.error.message === 'string')
      settle(
        response.id,
        response.stats
          ? { ok: false, error: response.error, stats: response.stats }
          : { ok: false, error: response.error },
      );
    else
      settle(response.id, {
        ok: false,
        error: { code: 'workerFailed', message: 'The worker sent a malformed response' },
      });
  };

  const start = (): WorkerLike | TfError => {
    if (worker) return worker;
    let w: WorkerLike;
    try {
      w = makeWorker();
    } catch (error) {
      return {
        code: 'workerFailed',
        message: `The TensorFlow.js worker could not start: ${messageOf(error)}`,
      };
    }
    w.addEventListener('message', onMessage);
    w.addEventListener('error', (event) => {
      // Handled here: it becomes an error value, not an uncaught error on the page.
      event.preventDefault();
      const detail = (event as ErrorEvent).message || 'it failed to load or crashed';
      if (worker === w)
        stop({ code: 'workerFailed', message: `The TensorFlow.js worker stopped: ${detail}` });
    });
    w.addEventListener('messageerror', () => {
      if (worker === w)
        failAll({
          code: 'workerFailed',
          message: 'A message from the TensorFlow.js worker could not be read',
        });
    });
    worker = w;
    generation += 1;
    return w;
  };

  /** Sends one request to the current worker (starting one if needed); resolves with its outcome. */
  const send = <N extends OpName>(
    op: N,
    args: OpArgs<N>,
    options: RunOptions,
  ): Promise<{ outcome: TfOutcome<N>; from: number }> =>
    new Promise((resolve) => {
      const w = start();
      if ('code' in w) return resolve({ outcome: { ok: false, error: w }, from: generation });
      const from = generation;
      const done = (outcome: TfOutcome) => resolve({ outcome: outcome as TfOutcome<N>, from });
      const id = nextId++;
      const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const timer = setTimeout(
        () =>
          settle(id, {
            ok: false,
            error: {
              code: 'timeout',
              message: `TensorFlow.js did not answer within ${timeoutMs / 1000} s`,
            },
          }),
        timeoutMs,
      );
      pending.set(id, { resolve: done, timer, start: performance.now() });
      try {
        w.postMessage({ id, op, args });
      } catch (error) {
        settle(id, {
          ok: false,
          error: { code: 'badArgs', message: `The request could not be sent: ${messageOf(error)}` },
        });
      }
    });

  /**
   * Runs a request; when the worker answers that its WebGL context was lost, stops that worker
   * (once, however many requests it had) and asks a fresh one, up to MAX_CONTEXT_RESTARTS times
   * per page. Answers after a restart say so in `stats.backend.restarts`.
   */
  const runRecovering = async <N extends OpName>(
    op: N,
    args: OpArgs<N>,
    options: RunOptions,
  ): Promise<TfOutcome<N>> => {
    for (;;) {
      const { outcome, from } = await send(op, args, options);
      if (outcome.ok || outcome.error.code !== 'contextLost') {
        if (restarts > 0 && outcome.stats)
          outcome.stats = { ...outcome.stats, backend: { ...outcome.stats.backend, restarts } };
        return outcome;
      }
      if (from === generation && worker) {
        // this request's worker is still the current one: it lost its context, replace it
        if (restarts >= MAX_CONTEXT_RESTARTS)
          return {
            ok: false,
            error: {
              code: 'contextLost',
              message: `The WebGL context of TensorFlow.js was lost ${restarts + 1} times; it was not restarted again`,
            },
          };
        restarts += 1;
        stop({ code: 'contextLost', message: 'The WebGL context of TensorFlow.js was lost' });
      }
    }
  };

  return {
    get started() {
      return worker !== null;
    },
    run<N extends OpName>(op: N, args: OpArgs<N>, options: RunOptions = {}): Promise<TfOutcome<N>> {
      return runRecovering(op, args, options);
    },
    terminate() {
      stop({ code: 'workerFailed', message: 'The TensorFlow.js worker was stopped' });
    },
  };
}

let shared: TfClient | null = null;

/** The page's shared client; its worker starts on the first `run`. */
export function getTf(): TfClient {
  shared ??= createTfClient(
    () =>
      new Worker(new URL('./tf-worker.ts', import.meta.url), {
        type: 'module',
        name: 'tensorflow',
      }) as WorkerLike,
  );
  return shared;
}

/** Shorthand: one 2-D convolution in the worker (see `Conv2dArgs`). */
export function runConv2d(args: Conv2dArgs, options?: RunOptions): Promise<TfOutcome<'conv2d'>> {
  return getTf().run('conv2d', args, options);
}
