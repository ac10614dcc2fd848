import { describe, expect, it } from 'vitest';
import type { KernelResult } from '~/lib/tf/kernel/kernel-client';
import { Notebook, type CellPhase, type NotebookKernel } from '~/components/notebook/notebook';
import { statusText, formatMs } from '~/components/notebook/cell-status';
import { createTranslator } from '~/components/widgets/shared/translator';
import { stringsFor } from '~/i18n/ui';

const webgl = { name: 'webgl' as const, webglVersion: 2 };

/**
 * A fake kernel: runs are recorded; a run whose code is 'loop' never answers until terminate();
 * code 'throw' answers ok: false; 'timeout' answers with failure 'timeout'.
 */
function fakeKernel() {
  const ran: string[] = [];
  let live = 0;
  let hanging: ((r: KernelResult) => void)[] = [];
  let started = false;
  const answer = (code: string): KernelResult => {
    if (code === 'throw')
      return {
        ok: false,
        outputs: [{ kind: 'error', name: 'Error', message: 'boom', line: 1 }],
        ms: 1,
        roundTripMs: 1,
        backend: webgl,
        numTensors: live,
        tensorsCreated: 0,
      };
    if (code === 'timeout')
      return {
        ok: false,
        outputs: [{ kind: 'error', name: 'TimeoutError', message: 'x' }],
        ms: 2000,
        roundTripMs: 2000,
        failure: 'timeout',
      };
    live += 1;
    return {
      ok: true,
      outputs: [{ kind: 'value', text: code }],
      ms: 3,
      roundTripMs: 4,
      backend: webgl,
      numTensors: live,
      tensorsCreated: 1,
    };
  };
  const kernel: NotebookKernel & { ran: string[]; loads: number } = {
    ran,
    loads: 0,
    get started() {
      return started;
    },
    run(code, cell) {
      started = true;
      ran.push(`${cell}:${code}`);
      if (code === 'loop') return new Promise((resolve) => hanging.push(resolve));
      const r = answer(code);
      if (r.failure) started = false;
      return Promise.resolve(r);
    },
    reset() {
      live = 0;
      return Promise.resolve({
        ok: true,
        outputs: [],
        ms: 0,
        roundTripMs: 0,
        backend: webgl,
        numTensors: 0,
        tensorsCreated: 0,
      });
    },
    terminate() {
      started = false;
      live = 0;
      for (const resolve of hanging)
        resolve({ ok: false, outputs: [], ms: 0, roundTripMs: 0, failure: 'stopped' });
      hanging = [];
    },
  };
  return kernel;
}

function notebookWith(cells: [number, string, boolean?][]) {
  const kernel = fakeKernel();
  const nb = new Notebook({
    load: async () => {
      kernel.loads++;
      return kernel;
    },
  });
  const code = new Map<number, string>();
  for (const [index, text, setup = false] of cells) {
    code.set(index, text);
    nb.register({ index, setup, code: () => code.get(index)! });
  }
  return { nb, kernel, code };
}

describe('Notebook', () => {
  it('runs one cell after the setup cells before it, once per kernel', async () => {
    const { nb, kernel } = notebookWith([
      [0, 'setup', true],
      [1, 'a'],
      [2, 'b'],
      [3, 'late setup', true],
    ]);
    await nb.run(2);
    await nb.run(1);
    expect(kernel.ran).toEqual(['0:setup', '2:b', '1:a']);
    expect(kernel.loads).toBe(1);
    const phase = nb.phase(2);
    expect(phase.state).toBe('done');
    expect(nb.busy).toBe(false);
  });

  it('runs all cells in page order, whatever order they registered in', async () => {
    const kernel = fakeKernel();
    const nb = new Notebook({ load: async () => kernel });
    for (const [index, code] of [
      [2, 'c'],
      [0, 'a'],
      [1, 'b'],
    ] as const)
      nb.register({ index, setup: false, code: () => code });
    await nb.runAll();
    expect(kernel.ran).toEqual(['0:a', '1:b', '2:c']);
  });

  it('stops a run-all at the first error and leaves the rest idle', async () => {
    const { nb, kernel } = notebookWith([
      [0, 'a'],
      [1, 'throw'],
      [2, 'c'],
    ]);
    await nb.runAll();
    expect(kernel.ran).toEqual(['0:a', '1:throw']);
    expect(nb.phase(1)).toMatchObject({ state: 'done', response: { ok: false } });
    expect(nb.phase(2).state).toBe('idle');
    expect(nb.busy).toBe(false);
  });

  it('runs the code the cell holds now (the reader’s edit)', async () => {
    const { nb, kernel, code } = notebookWith([[0, 'a']]);
    code.set(0, 'edited');
    await nb.run(0);
    expect(kernel.ran).toEqual(['0:edited']);
  });

  it('Stop ends an endless loop: running → stopped, queued → idle, and the next run works', async () => {
    const { nb, kernel } = notebookWith([
      [0, 'setup', true],
      [1, 'loop'],
      [2, 'b'],
    ]);
    const all = nb.runAll();
    await new Promise((r) => setTimeout(r, 0));
    expect(nb.phase(1).state).toBe('running');
    expect(nb.phase(2).state).toBe('queued');
    expect(nb.busy).toBe(true);
    nb.stop();
    await all;
    expect(nb.phase(1).state).toBe('stopped');
    expect(nb.phase(2).state).toBe('idle');
    expect(nb.busy).toBe(false);
    await nb.run(2);
    // the new kernel gets the setup cell again before cell 2
    expect(kernel.ran).toEqual(['0:setup', '1:loop', '0:setup', '2:b']);
    expect(nb.phase(2)).toMatchObject({ state: 'done', response: { ok: true } });
  });

  it('runs setup cells again after the kernel was lost at a time limit', async () => {
    const { nb, kernel } = notebookWith([
      [0, 'setup', true],
      [1, 'timeout'],
      [2, 'b'],
    ]);
    await nb.run(1);
    await nb.run(2);
    expect(kernel.ran).toEqual(['0:setup', '1:timeout', '0:setup', '2:b']);
  });

  it('Restart resets a started kernel and reports the live tensors; before any run it starts nothing', async () => {
    const { nb, kernel } = notebookWith([
      [0, 'setup', true],
      [1, 'a'],
    ]);
    await nb.restart(1);
    expect(kernel.loads).toBe(0);
    expect(nb.phase(1)).toEqual({ state: 'restarted', numTensors: 0 });
    await nb.run(1);
    expect(nb.phase(1)).toMatchObject({ response: { numTensors: 2 } });
    await nb.restart(1);
    expect(nb.phase(1)).toEqual({ state: 'restarted', numTensors: 0 });
    await nb.run(1);
    expect(kernel.ran).toEqual(['0:setup', '1:a', '0:setup', '1:a']);
  });

  it('tells subscribers about every change, and unregistered cells are not run', async () => {
    const { nb, kernel } = notebookWith([[0, 'a']]);
    const off = nb.register({ index: 1, setup: false, code: () => 'gone' });
    off();
    let calls = 0;
    const unsubscribe = nb.subscribe(() => calls++);
    await nb.runAll();
    expect(kernel.ran).toEqual(['0:a']);
    expect(calls).toBeGreaterThanOrEqual(3);
    unsubscribe();
    const before = calls;
    await nb.run(0);
    expect(calls).toBe(before);
  });

  it('waits for sleeping cells to wake before running', async () => {
    const kernel = fakeKernel();
    const nb: Notebook = new Notebook({
      load: async () => kernel,
      wake: async () => {
        nb.register({ index: 1, setup: false, code: () => 'woken' });
      },
    });
    nb.register({ index: 0, setup: false, code: () => 'a' });
    await nb.runAll();
    expect(kernel.ran).toEqual(['0:a', '1:woken']);
  });
});

describe('statusText', () => {
  const en = createTranslator(stringsFor('en', 'cell.', 'tf.fallback.'), 'en').t;
  const ko = createTranslator(stringsFor('ko', 'cell.', 'tf.fallback.'), 'ko').t;
  const done = (r: Partial<KernelResult>): CellPhase => ({
    state: 'done',
    response: { ok: true, outputs: [], ms: 12.3, roundTripMs: 20, ...r },
  });

  it.each([
    [{ state: 'idle' } as const, {}, ''],
    [
      { state: 'idle' } as const,
      { backend: 'cpu', ms: 17 },
      'Output computed when the site was built, by TensorFlow.js on the CPU in 17 ms.',
    ],
    [{ state: 'queued' } as const, {}, 'Waiting for the cells before it…'],
    [{ state: 'running' } as const, {}, 'Running…'],
    [
      { state: 'restarted', numTensors: 0 } as const,
      {},
      'Kernel restarted: every name is forgotten and 0 tensors are left in memory.',
    ],
    [
      done({ backend: webgl, numTensors: 5, tensorsCreated: 2 }),
      {},
      'Ran in 12 ms on WebGL 2. Tensors: 2 created by this run, 5 in memory.',
    ],
    [
      done({
        ok: false,
        ms: 3.25,
        backend: { name: 'cpu', fallback: { code: 'noWebglContext', detail: '' } },
        numTensors: 1,
        tensorsCreated: 0,
      }),
      {},
      'The cell stopped with an error. Ran in 3.3 ms on the CPU, not on WebGL: WebGL is not available here (it may be turned off, or blocked for this graphics card). Tensors: 0 created by this run, 1 in memory.',
    ],
    [done({ ok: false, ms: 2000, failure: 'timeout' }), {}, expect.stringContaining('time limit (2 s)')],
    [done({ ok: false, failure: 'stopped' }), {}, expect.stringMatching(/^Stopped\./)],
    [done({ ok: false, failure: 'crashed' }), {}, expect.stringContaining('unexpectedly')],
  ])('%j', (phase, built, text) => {
    expect(statusText(en, phase, built)).toEqual(text);
  });

  it('speaks Korean on Korean pages', () => {
    expect(statusText(ko, { state: 'running' }, {})).toBe('실행 중…');
    expect(statusText(ko, done({ ok: false, ms: 10_000, failure: 'timeout' }), {})).toContain('10초');
  });

  it.each([
    [0.04, '0.0'],
    [3.25, '3.3'],
    [9.94, '9.9'],
    [10, '10'],
    [220.4, '220'],
  ])('formatMs(%s) = %s', (ms, text) => {
    expect(formatMs(ms)).toBe(text);
  });
});
