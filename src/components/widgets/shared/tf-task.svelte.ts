/**
 * `TfTask`: TensorFlow.js work in a widget, as reactive state (Svelte 5 runes). The logic lives in
 * `tf-task.ts` (lazy client, latest request wins, slow flag, progress, cancel); this class only
 * mirrors it into `$state` so markup can read `task.view`, `task.slow`, `task.progress`.
 *
 * Recompute whenever the inputs change — the request supersedes the previous one, and the
 * returned cleanup cancels it when the effect re-runs or the component goes away:
 *
 *   const task = new TfTask<Volume>();
 *   $effect(() => {
 *     const args = toConv2dArgs(input, kernels, bias, s, p); // read the reactive inputs here
 *     return task.start(async (ctx) => {
 *       const out = await ctx.run('conv2d', args);
 *       return out.ok ? { ok: true, value: fromTensorResult(out.result) } : out;
 *     });
 *   });
 *
 * A long run on request, reporting progress after each step and stoppable by the reader:
 *
 *   const training = new TfTask<Summary, Step>();
 *   $effect(() => () => training.cancel()); // stop when the widget goes away
 *   function train() {
 *     training.start(async (ctx) => {
 *       for (let step = 0; step < STEPS; step++) {
 *         const out = await ctx.run('trainStep', argsFor(step)); // rejects once cancelled: the loop ends
 *         if (!out.ok) return out;
 *         ctx.progress({ step, loss: out.result.loss }); // → training.progress
 *       }
 *       return { ok: true, value: summary() };
 *     });
 *   }
 *   // <button onclick={() => training.cancel()} disabled={!training.running}>Stop</button>
 *
 * The status line: `backendSentence(t, task.backend)` when `task.backend` is set.
 */
import type { BackendInfo } from '../../../lib/tf/protocol';
import {
  backendOf,
  createTaskRunner,
  type TaskDone,
  type TaskJob,
  type TaskOptions,
  type TaskRunner,
  type TaskView,
} from './tf-task';

export class TfTask<R, P = never> {
  /** the current request: idle, running, done (value + stats) or error (an error value) */
  view: TaskView<R> = $state.raw({ state: 'idle' });
  /** the last finished answer, kept while a newer request runs */
  last: TaskDone<R> | null = $state.raw(null);
  /** true once the running request has taken longer than `slowMs` (300 ms) */
  slow = $state(false);
  /** the latest progress of the current (or last cancelled) request; null when it reported none */
  progress: P | null = $state.raw(null);

  #runner: TaskRunner<R, P>;

  constructor(options: TaskOptions = {}) {
    this.#runner = createTaskRunner<R, P>(
      {
        view: (view) => {
          this.view = view;
          if (view.state === 'done') this.last = view;
        },
        slow: (slow) => (this.slow = slow),
        progress: (value) => (this.progress = value),
      },
      options,
    );
  }

  /** Whether a request is running. */
  get running(): boolean {
    return this.view.state === 'running';
  }

  /** The backend behind the numbers shown: the current answer's, else the last answer's. */
  get backend(): BackendInfo | undefined {
    return backendOf(this.view, this.last);
  }

  /** Starts `job`, superseding any running request; returns a cleanup that cancels it. */
  start(job: TaskJob<R, P>): () => void {
    return this.#runner.start(job);
  }

  /** Stops the running request (its later answers are dropped); the view goes back to idle. */
  cancel(): void {
    this.#runner.cancel();
  }
}
