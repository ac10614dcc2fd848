/**
 * The page's notebook: the one place a page's cells coordinate. Each cell island registers here
 * (its index on the page, whether it is hidden setup code, a getter for its current code); runs go
 * through one queue to one kernel, so cells run one at a time and in the order asked, like Jupyter.
 *
 * - `run(i)`: runs cell i, after any setup cell before it that has not run in this kernel yet.
 * - `runAll()`: every registered cell in page order (setup cells included); stops at the first error.
 * - `stop()`: terminates the kernel's worker (an endless loop cannot freeze the page); the cell that
 *   was running is marked stopped, queued ones go back to idle; the next run starts a new kernel.
 * - `restart()`: forgets every name and disposes every tensor (a fresh kernel when one is running).
 * Before a run, `wake()` lets islands that have not hydrated yet register (see `cell-directive.ts`),
 * so "Run all" also reaches cells the reader has not scrolled to.
 *
 * No DOM and no tfjs here: the kernel is loaded through `load` (the page's real one is
 * `~/lib/tf/kernel/kernel-client`, imported on the first run), so the queue is unit-tested with a
 * fake kernel.
 */
import type { KernelClient, KernelResult } from '~/lib/tf/kernel/kernel-client';

/**
 * What the notebook needs of a kernel: `kernel-client.ts`'s client. `run` and `reset` never reject;
 * a result with `failure` set means the kernel was lost (time limit, Stop, crash) with every name.
 */
export type NotebookKernel = Pick<KernelClient, 'run' | 'reset' | 'terminate' | 'started'>;

/** A cell as the notebook sees it. */
export interface NotebookCell {
  index: number;
  setup: boolean;
  /** the code to run now (the reader's edit, or the author's code) */
  code: () => string;
  /** time limit in ms (the kernel's default when undefined) */
  timeout?: number;
}

/** Where a cell stands. */
export type CellPhase =
  | { state: 'idle' }
  | { state: 'queued' }
  | { state: 'running' }
  | { state: 'done'; response: KernelResult }
  /** the reader pressed Stop while it ran (the kernel was terminated) */
  | { state: 'stopped' }
  /** the reader restarted the kernel from this cell; `numTensors` live after the restart */
  | { state: 'restarted'; numTensors: number };

export interface NotebookOptions {
  load: () => Promise<NotebookKernel>;
  /** lets cells that have not hydrated yet register; resolves when they have (default: nothing to wait for) */
  wake?: () => Promise<void>;
}

/** The window event that asks every cell island on the page to hydrate (see `cell-directive.ts`). */
export const WAKE_EVENT = 'notebook:wake';

const IDLE: CellPhase = { state: 'idle' };

export class Notebook {
  readonly #cells = new Map<number, NotebookCell>();
  readonly #phases = new Map<number, CellPhase>();
  readonly #listeners = new Set<() => void>();
  readonly #options: NotebookOptions;
  #kernel: Promise<NotebookKernel> | null = null;
  #queue: Promise<void> = Promise.resolve();
  /** bumped by stop and restart: queued work of an older generation is dropped */
  #generation = 0;
  /** setup cells that ran in the current kernel */
  #setupDone = new Set<number>();
  #pending = 0;

  constructor(options: NotebookOptions) {
    this.#options = options;
  }

  /** Adds a cell (an island calls this when it hydrates); returns the function that removes it. */
  register(cell: NotebookCell): () => void {
    this.#cells.set(cell.index, cell);
    this.#notify();
    return () => {
      if (this.#cells.get(cell.index) === cell) this.#cells.delete(cell.index);
    };
  }

  /** Calls `listener` after every change of any cell's phase or of `busy`; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Cell `index`'s phase. */
  phase(index: number): CellPhase {
    return this.#phases.get(index) ?? IDLE;
  }

  /** Whether a cell is running or waiting to. */
  get busy(): boolean {
    return this.#pending > 0;
  }

  /** The indices of the registered cells, in page order. */
  get indices(): number[] {
    return [...this.#cells.keys()].sort((a, b) => a - b);
  }

  /** Runs cell `index` (after the setup cells before it); resolves when it has finished. */
  async run(index: number): Promise<void> {
    await this.#wake();
    return this.#enqueue([index], false);
  }

  /** Runs every cell in page order, stopping at the first error; resolves when done. */
  async runAll(): Promise<void> {
    await this.#wake();
    return this.#enqueue(this.indices, true);
  }

  /** Terminates the kernel now (a running cell is marked stopped, queued ones go idle). */
  stop(): void {
    this.#generation++;
    this.#setupDone.clear();
    if (this.#kernel) void this.#kernel.then((k) => k.terminate());
    for (const [index, phase] of this.#phases) {
      if (phase.state === 'running') this.#phases.set(index, { state: 'stopped' });
      else if (phase.state === 'queued') this.#phases.set(index, IDLE);
    }
    this.#pending = 0;
    this.#notify();
  }

  /**
   * Forgets every name and tensor: a reset request to a running kernel; when a cell is running,
   * Stop (the next run starts a fresh kernel); nothing to do before the kernel has started.
   */
  async restart(from: number): Promise<void> {
    const wasBusy = this.busy;
    if (wasBusy) this.stop();
    this.#generation++;
    this.#setupDone.clear();
    let numTensors = 0;
    if (!wasBusy && this.#kernel) {
      const kernel = await this.#kernel;
      if (kernel.started) numTensors = (await kernel.reset()).numTensors ?? 0;
    }
    this.#phases.set(from, { state: 'restarted', numTensors });
    this.#notify();
  }

  #load(): Promise<NotebookKernel> {
    this.#kernel ??= this.#options.load();
    return this.#kernel;
  }

  async #wake(): Promise<void> {
    await this.#options.wake?.();
  }

  #enqueue(indices: number[], stopOnError: boolean): Promise<void> {
    const generation = this.#generation;
    const mine = indices.filter((i) => this.#cells.has(i));
    for (const i of mine) this.#phases.set(i, { state: 'queued' });
    this.#pending += mine.length;
    this.#notify();
    const work = this.#queue.then(() => this.#runList(mine, generation, stopOnError));
    this.#queue = work.catch(() => undefined);
    return work;
  }

  async #runList(indices: number[], generation: number, stopOnError: boolean): Promise<void> {
    for (const [n, index] of indices.entries()) {
      if (generation !== this.#generation) return;
      const ok = await this.#runOne(index, generation);
      if (generation !== this.#generation) return;
      this.#pending--;
      this.#notify();
      if (!ok && stopOnError) {
        for (const rest of indices.slice(n + 1)) {
          this.#phases.set(rest, IDLE);
          this.#pending--;
        }
        this.#notify();
        return;
      }
    }
  }

  /** Runs the setup cells before `index` that have not run in this kernel, then the cell itself. */
  async #runOne(index: number, generation: number): Promise<boolean> {
    const cell = this.#cells.get(index);
    if (!cell) return true;
    this.#phases.set(index, { state: 'running' });
    this.#notify();
    const kernel = await this.#load();
    for (const setup of this.indices) {
      const s = this.#cells.get(setup)!;
      if (setup >= index || !s.setup || this.#setupDone.has(setup)) continue;
      const r = await kernel.run(s.code(), setup, { timeoutMs: s.timeout });
      if (generation !== this.#generation) return false;
      this.#setupDone.add(setup);
      if (!r.ok) return this.#finish(index, r);
    }
    const response = await kernel.run(cell.code(), index, { timeoutMs: cell.timeout });
    if (generation !== this.#generation) return false;
    if (cell.setup) this.#setupDone.add(index);
    return this.#finish(index, response);
  }

  #finish(index: number, response: KernelResult): boolean {
    // a lost kernel (time limit, crash) forgot the setup cells' names: run them again next time
    if (response.failure) this.#setupDone.clear();
    this.#phases.set(index, { state: 'done', response });
    this.#notify();
    return response.ok;
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }
}
