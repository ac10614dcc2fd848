/**
 * The one way widgets run TensorFlow.js work: the pure core of `TfTask` (`tf-task.svelte.ts`),
 * with no runes and no DOM so that it runs in unit tests.
 *
 * - Lazy: the `src/lib/tf` client is imported on the first request, so neither tfjs nor the
 *   client is part of an island's first download.
 * - Latest wins: every `start` gets a serial number and an AbortSignal; starting again (or
 *   `cancel`) aborts the previous request, and anything it reports afterwards (progress, result,
 *   error) is dropped.
 * - Slow flag: `slow` turns true when the current request has run longer than `slowMs`, so a
 *   widget can keep showing the last answer during quick recomputations and say "computing…"
 *   only when it takes long.
 * - Progress: a job may call `ctx.progress(value)` any number of times (a training loop after each
 *   step); each value reaches the widget while the request is current.
 * - Backend: every op answer's `RunStats` is recorded, so the widget knows which backend computed
 *   its numbers and says so with `backendSentence` (the one place that sentence is built).
 */
import type {
  BackendInfo,
  FallbackCode,
  OpArgs,
  OpName,
  RunStats,
  TfError,
  TfOutcome,
} from '~/lib/tf/protocol';
import type { RunOptions, TfClient } from '~/lib/tf/client';
import type { UiKey } from '~/i18n/translate';

/** What a job finally returns: its value, or an error value (never a throw). */
export type TaskOutcome<R> = { ok: true; value: R } | { ok: false; error: TfError };

/** What a job gets to work with. */
export interface TaskContext<P> {
  /** the page's TensorFlow.js client (already loaded) */
  readonly tf: TfClient;
  /** aborted as soon as a newer request supersedes this one or the task is cancelled */
  readonly signal: AbortSignal;
  /**
   * Runs one op in the worker and records its stats. Resolves with the op's outcome (an error is
   * a value, as with `TfClient.run`); rejects with an `AbortError` when this request was
   * superseded or cancelled before or while the op ran, which ends a multi-step loop by itself.
   */
  run<N extends OpName>(op: N, args: OpArgs<N>, options?: RunOptions): Promise<TfOutcome<N>>;
  /** Reports progress to the widget (dropped once the request is stale). */
  progress(value: P): void;
}

/**
 * A request: an async function of the context. A single op is
 * `async (ctx) => { const out = await ctx.run('conv2d', args); return out.ok ? { ok: true, value: out.result } : out; }`;
 * a loop calls `ctx.run` once per step and `ctx.progress` after each.
 */
export type TaskJob<R, P = never> = (ctx: TaskContext<P>) => Promise<TaskOutcome<R>>;

/** Where the current request stands. `stats` are those of the request's last answered op. */
export type TaskView<R> =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; value: R; stats: RunStats | null; roundTripMs: number | null }
  | { state: 'error'; error: TfError; stats: RunStats | null };

export type TaskDone<R> = Extract<TaskView<R>, { state: 'done' }>;

/** What the core reports to its owner (the runes wrapper sets its `$state` fields from these). */
export interface TaskSink<R, P> {
  view(view: TaskView<R>): void;
  slow(slow: boolean): void;
  progress(value: P | null): void;
}

export interface TaskOptions {
  /** loads the client; default: `getTf()` from `src/lib/tf`, imported on first use */
  load?: () => Promise<TfClient>;
  /** milliseconds before a running request counts as slow (default 300) */
  slowMs?: number;
}

export interface TaskRunner<R, P> {
  /**
   * Starts `job`, superseding (aborting) any request still running. Returns a cleanup that
   * cancels this request if it is still the current one — return it from an `$effect`.
   */
  start(job: TaskJob<R, P>): () => void;
  /** Aborts the current request, if any; the view goes back to idle. */
  cancel(): void;
}

export const SLOW_MS = 300;

let client: Promise<TfClient> | null = null;
/** The page's shared client, its module imported on the first call. */
export function loadTfClient(): Promise<TfClient> {
  client ??= import('~/lib/tf/client').then((m) => m.getTf());
  return client;
}

const abortError = () => new DOMException('The request was superseded', 'AbortError');

/** Builds the core of a task; `sink` receives every change the widget should see. */
export function createTaskRunner<R, P = never>(
  sink: TaskSink<R, P>,
  options: TaskOptions = {},
): TaskRunner<R, P> {
  let loaded: Promise<TfClient> | null = null;
  const load = () => (loaded ??= (options.load ?? loadTfClient)());
  const slowMs = options.slowMs ?? SLOW_MS;
  let serial = 0;
  let controller: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const stop = () => {
    clearTimeout(timer);
    controller?.abort();
    controller = null;
  };

  const cancel = () => {
    if (!controller) return;
    serial++;
    stop();
    sink.slow(false);
    sink.view({ state: 'idle' });
  };

  const start = (job: TaskJob<R, P>) => {
    stop();
    const mine = ++serial;
    const own = new AbortController();
    controller = own;
    const current = () => mine === serial;
    sink.view({ state: 'running' });
    sink.slow(false);
    sink.progress(null);
    timer = setTimeout(() => {
      if (current()) sink.slow(true);
    }, slowMs);

    // the stats of this request's last answered op, and the round trip of its last success
    const seen: { stats: RunStats | null; roundTripMs: number | null } = { stats: null, roundTripMs: null };
    const finish = (view: TaskView<R>) => {
      if (!current()) return;
      clearTimeout(timer);
      controller = null;
      sink.slow(false);
      sink.view(view);
    };

    void (async () => {
      let outcome: TaskOutcome<R>;
      try {
        const tf = await load();
        if (own.signal.aborted) return;
        outcome = await job({
          tf,
          signal: own.signal,
          async run(op, args, runOptions) {
            if (own.signal.aborted) throw abortError();
            const out = await tf.run(op, args, runOptions);
            if (own.signal.aborted) throw abortError();
            if (out.stats) seen.stats = out.stats;
            seen.roundTripMs = out.ok ? out.roundTripMs : null;
            return out;
          },
          progress(value) {
            if (current()) sink.progress(value);
          },
        });
      } catch (error) {
        if (own.signal.aborted) return;
        outcome = {
          ok: false,
          error: { code: 'opFailed', message: error instanceof Error ? error.message : String(error) },
        };
      }
      finish(
        outcome.ok
          ? { state: 'done', value: outcome.value, stats: seen.stats, roundTripMs: seen.roundTripMs }
          : { state: 'error', error: outcome.error, stats: seen.stats },
      );
    })();

    return () => {
      if (current()) cancel();
    };
  };

  return { start, cancel };
}

/**
 * The stats behind the numbers shown (backend, time, tensor count): the current answer's (done or
 * error), else — while a request runs or after a cancel — the last answer's.
 */
export function statsOf<R>(view: TaskView<R>, last: TaskDone<R> | null): RunStats | null {
  if (view.state === 'done' || view.state === 'error') return view.stats;
  return last?.stats ?? null;
}

/** Which backend computed, as a code: WebGL (with its version) or the CPU (with why not WebGL). */
export type BackendStatus =
  { code: 'webgl'; version: number | null } | { code: 'cpu'; reason: FallbackCode | null };

/** `BackendInfo` reduced to its status code and reason. */
export function backendStatus(backend: BackendInfo): BackendStatus {
  return backend.name === 'webgl'
    ? { code: 'webgl', version: backend.webglVersion ?? null }
    : { code: 'cpu', reason: backend.fallback?.code ?? null };
}

/** The string keys `backendSentence` needs (present in en.json and ko.json). */
export type BackendSentenceKey =
  'tf.computedWebgl' | 'tf.computedCpu' | 'tf.restarted' | `tf.fallback.${FallbackCode}`;

/**
 * The one sentence saying which backend computed: "Computed by TensorFlow.js on WebGL 2." or
 * "… on the CPU, not on WebGL: <reason>", followed by a note when the worker was restarted after
 * its WebGL context was lost. `t` is the widget's translator.
 */
export function backendSentence(
  t: (key: BackendSentenceKey, values?: Record<string, string | number>) => string,
  backend: BackendInfo,
): string {
  const status = backendStatus(backend);
  const sentence =
    status.code === 'webgl'
      ? t('tf.computedWebgl', { version: status.version ?? '' })
      : t('tf.computedCpu', { reason: status.reason ? t(`tf.fallback.${status.reason}`) : '' });
  return backend.restarts ? `${sentence} ${t('tf.restarted')}` : sentence;
}

/** What a status line reads of a task (a `TfTask` of any value type). */
export interface TaskStatus {
  readonly view: TaskView<unknown>;
  readonly slow: boolean;
  readonly last: TaskDone<unknown> | null;
  readonly backend?: BackendInfo | undefined;
}

type StatusWidgetOf<K> = K extends `${infer W}.statusServer`
  ? [`${W}.statusComputing` | `${W}.statusError`] extends [UiKey]
    ? W
    : never
  : never;

/** Widgets whose strings hold `<widget>.statusServer`, `.statusComputing` and `.statusError`. */
export type TfStatusWidget = StatusWidgetOf<UiKey>;

/**
 * The status sentence of a widget's TensorFlow.js task: `<widget>.statusServer` before any request
 * (the numbers are the server's), `<widget>.statusError` with the error's message, else the backend
 * sentence of the answer shown — the current one, or the last one during a quick recomputation —
 * and `<widget>.statusComputing` only once a recomputation is slow (so the line does not flicker).
 */
export function taskStatusSentence(
  t: (key: UiKey, values?: Record<string, string | number>) => string,
  widget: TfStatusWidget,
  task: TaskStatus,
): string {
  const view = task.view;
  if (view.state === 'idle') return t(`${widget}.statusServer`);
  if (view.state === 'error') return t(`${widget}.statusError`, { message: view.error.message });
  const done = view.state === 'done' ? view : task.slow ? null : task.last;
  return done?.stats ? backendSentence(t, done.stats.backend) : t(`${widget}.statusComputing`);
}
