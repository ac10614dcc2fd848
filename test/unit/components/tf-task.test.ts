/**
 * The shared TensorFlow.js task core with a fake client: the client is loaded once and only on the
 * first request, the latest request wins (answers and progress of superseded ones are dropped),
 * the slow flag, cancel, errors as values, and the one backend sentence.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  backendSentence,
  backendStatus,
  createTaskRunner,
  statsOf,
  taskStatusSentence,
  type TaskContext,
  type TaskView,
} from '~/components/widgets/shared/tf-task';
import type { TfClient } from '~/lib/tf/client';
import type { BackendInfo, OpName, RunStats, TfOutcome } from '~/lib/tf/protocol';

const webgl: BackendInfo = { name: 'webgl', webglVersion: 2 };
const cpu: BackendInfo = { name: 'cpu', fallback: { code: 'noWebglContext', detail: 'no context' } };
const statsOn = (backend: BackendInfo, numTensors = 0): RunStats => ({ backend, ms: 2, numTensors });

interface Call {
  op: OpName;
  args: unknown;
  answer(outcome: TfOutcome): void;
}

/** A client whose calls stay pending until the test answers them. */
function fakeClient() {
  const calls: Call[] = [];
  const client: TfClient = {
    started: true,
    terminate() {},
    run(op, args) {
      return new Promise((resolve) => calls.push({ op, args, answer: resolve as (o: TfOutcome) => void }));
    },
  };
  return { client, calls };
}

/** A runner whose reports are recorded in order. */
function setup() {
  const { client, calls } = fakeClient();
  const load = vi.fn(() => Promise.resolve(client));
  const views: TaskView<number>[] = [];
  const slow: boolean[] = [];
  const progress: Array<number | null> = [];
  const runner = createTaskRunner<number, number>(
    { view: (v) => views.push(v), slow: (s) => slow.push(s), progress: (p) => progress.push(p) },
    { load, slowMs: 300 },
  );
  const last = () => views[views.length - 1];
  return { runner, calls, load, views, slow, progress, last };
}

const ok = (value: number, backend = webgl): TfOutcome<'info'> => ({
  ok: true,
  result: { version: String(value), ops: [] },
  stats: statsOn(backend),
  roundTripMs: 5,
});
/** A job running one op and returning its version as a number. */
const single = (tag: number) => async (ctx: TaskContext<number>) => {
  const out = await ctx.run('info', {});
  expect(tag).toBeGreaterThan(0);
  return out.ok ? { ok: true as const, value: Number(out.result.version) } : out;
};
/** Lets pending promise callbacks run (the fake client answers synchronously when told to). */
const flush = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

// Only timers are faked (the slow flag's); promises run for real, drained by `flush`.
beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
afterEach(() => vi.useRealTimers());

describe('createTaskRunner', () => {
  it('loads the client on the first request only, and reports running then done with stats', async () => {
    const { runner, calls, load, views, last } = setup();
    expect(load).not.toHaveBeenCalled();
    runner.start(single(1));
    expect(last()).toEqual({ state: 'running' });
    await flush();
    expect(calls).toHaveLength(1);
    calls[0]!.answer(ok(7));
    await flush();
    expect(last()?.state).toBe('done');
    expect(last()).toEqual({ state: 'done', value: 7, stats: statsOn(webgl), roundTripMs: 5 });
    runner.start(single(2));
    await flush();
    expect(calls).toHaveLength(2);
    expect(load).toHaveBeenCalledTimes(1);
    expect(views.map((v) => v.state)).toEqual(['running', 'done', 'running']);
  });

  it('drops the answer of a superseded request, even when it arrives last', async () => {
    const { runner, calls, views, last } = setup();
    runner.start(single(1));
    await flush();
    expect(calls).toHaveLength(1);
    runner.start(single(2));
    await flush();
    expect(calls).toHaveLength(2);
    calls[1]!.answer(ok(2));
    await flush();
    expect(last()?.state).toBe('done');
    calls[0]!.answer(ok(1));
    await flush();
    expect(views.filter((v) => v.state === 'done')).toEqual([
      { state: 'done', value: 2, stats: statsOn(webgl), roundTripMs: 5 },
    ]);
  });

  it('aborts a superseded multi-step job: its next op is never sent and its progress is dropped', async () => {
    const { runner, calls, progress, last } = setup();
    const seen: AbortSignal[] = [];
    runner.start(async (ctx) => {
      seen.push(ctx.signal);
      for (let step = 0; step < 5; step++) {
        const out = await ctx.run('info', {});
        if (!out.ok) return out;
        ctx.progress(step);
      }
      return { ok: true, value: 99 };
    });
    await flush();
    expect(calls).toHaveLength(1);
    calls[0]!.answer(ok(0));
    await flush();
    expect(calls).toHaveLength(2);
    expect(progress).toEqual([null, 0]);
    runner.start(single(5));
    expect(seen[0]!.aborted).toBe(true);
    await flush();
    expect(calls).toHaveLength(3);
    calls[1]!.answer(ok(1)); // the old loop's step 1 answers late: dropped, and the loop ends
    calls[2]!.answer(ok(5));
    await flush();
    expect(last()?.state).toBe('done');
    await flush();
    expect(calls).toHaveLength(3);
    expect(progress).toEqual([null, 0, null]);
    expect(last()).toMatchObject({ value: 5 });
  });

  it('cancel stops the running request and returns to idle; the late answer is dropped', async () => {
    const { runner, calls, views, last } = setup();
    const cleanup = runner.start(single(1));
    await flush();
    expect(calls).toHaveLength(1);
    cleanup();
    expect(last()).toEqual({ state: 'idle' });
    calls[0]!.answer(ok(1));
    await flush();
    expect(views.map((v) => v.state)).toEqual(['running', 'idle']);
    runner.cancel(); // nothing running: nothing reported
    expect(views).toHaveLength(2);
  });

  it("a superseded request's cleanup does not cancel the newer one", async () => {
    const { runner, calls, last } = setup();
    const first = runner.start(single(1));
    runner.start(single(2));
    first();
    expect(last()).toEqual({ state: 'running' });
    await flush();
    expect(calls).toHaveLength(1);
    calls[0]!.answer(ok(2));
    await flush();
    expect(last()).toMatchObject({ state: 'done', value: 2 });
  });

  it('turns slow after slowMs, only for the current request, and clears when it answers', async () => {
    const { runner, calls, slow } = setup();
    runner.start(single(1));
    await flush();
    expect(calls).toHaveLength(1);
    vi.advanceTimersByTime(299);
    expect(slow).toEqual([false]);
    vi.advanceTimersByTime(1);
    expect(slow).toEqual([false, true]);
    calls[0]!.answer(ok(1));
    await flush();
    expect(slow).toEqual([false, true, false]);
    runner.start(single(2));
    runner.start(single(3)); // the first timer is cleared: one slow report, for the latest
    vi.advanceTimersByTime(300);
    expect(slow.filter(Boolean)).toHaveLength(2);
  });

  it('an error outcome becomes an error view that keeps the failing op’s stats', async () => {
    const { runner, calls, last } = setup();
    runner.start(single(1));
    await flush();
    expect(calls).toHaveLength(1);
    calls[0]!.answer({ ok: false, error: { code: 'badArgs', message: 'bad' }, stats: statsOn(cpu, 3) });
    await flush();
    expect(last()?.state).toBe('error');
    expect(last()).toEqual({
      state: 'error',
      error: { code: 'badArgs', message: 'bad' },
      stats: statsOn(cpu, 3),
    });
  });

  it('a job that throws becomes an opFailed error value, not an exception', async () => {
    const { runner, last } = setup();
    runner.start(async () => {
      throw new Error('bug in the job');
    });
    await flush();
    expect(last()?.state).toBe('error');
    expect(last()).toEqual({
      state: 'error',
      error: { code: 'opFailed', message: 'bug in the job' },
      stats: null,
    });
  });
});

describe('statsOf', () => {
  const lastStats = statsOn(cpu, 4);
  const done = { state: 'done' as const, value: 1, stats: lastStats, roundTripMs: 1 };
  const mine = statsOn(webgl, 2);
  it.each([
    ['idle, nothing answered yet', { state: 'idle' }, null, null],
    ['idle after a cancel: the last answer’s', { state: 'idle' }, done, lastStats],
    ['running: the last answer’s', { state: 'running' }, done, lastStats],
    ['done: its own', { ...done, stats: mine }, done, mine],
    [
      'error with stats: its own',
      { state: 'error', error: { code: 'opFailed', message: '' }, stats: mine },
      done,
      mine,
    ],
    [
      'error without stats: none',
      { state: 'error', error: { code: 'timeout', message: '' }, stats: null },
      done,
      null,
    ],
  ] as const)('%s', (_, view, last, want) => {
    expect(statsOf(view as TaskView<number>, last)).toEqual(want);
  });
});

describe('the backend sentence', () => {
  const strings: Record<string, string> = {
    'tf.computedWebgl': 'WebGL {version}.',
    'tf.computedCpu': 'CPU: {reason}',
    'tf.fallback.noOffscreenCanvas': 'no OffscreenCanvas',
    'tf.fallback.noWebglContext': 'no context',
    'tf.fallback.webglInitFailed': 'init failed',
    'tf.restarted': '(restarted)',
  };
  const t = (key: string, values: Record<string, string | number> = {}) =>
    strings[key]!.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));

  it.each([
    [webgl, { code: 'webgl', version: 2 }, 'WebGL 2.'],
    [{ name: 'webgl' } as BackendInfo, { code: 'webgl', version: null }, 'WebGL .'],
    [cpu, { code: 'cpu', reason: 'noWebglContext' }, 'CPU: no context'],
    [
      { name: 'cpu', fallback: { code: 'noOffscreenCanvas', detail: '' } } as BackendInfo,
      { code: 'cpu', reason: 'noOffscreenCanvas' },
      'CPU: no OffscreenCanvas',
    ],
    [{ name: 'cpu' } as BackendInfo, { code: 'cpu', reason: null }, 'CPU: '],
    [{ ...webgl, restarts: 1 }, { code: 'webgl', version: 2 }, 'WebGL 2. (restarted)'],
  ] as const)('%o → %o', (backend, status, sentence) => {
    expect(backendStatus(backend)).toEqual(status);
    expect(backendSentence(t, backend)).toBe(sentence);
  });
});

describe('the status sentence', () => {
  const strings: Record<string, string> = {
    'tf.computedWebgl': 'WebGL {version}.',
    'tf.computedCpu': 'CPU: {reason}',
    'tf.fallback.noWebglContext': 'no context',
    'transposedConv.statusServer': 'server',
    'transposedConv.statusComputing': 'computing',
    'transposedConv.statusError': 'error ({message})',
  };
  const t = (key: string, values: Record<string, string | number> = {}) =>
    strings[key]!.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));
  const doneOn = (backend: BackendInfo) =>
    ({ state: 'done', value: 1, stats: statsOn(backend), roundTripMs: 3 }) as const;

  it.each([
    ['before any request', { view: { state: 'idle' }, slow: false, last: null }, 'server'],
    [
      'an error, with its message',
      {
        view: { state: 'error', error: { code: 'timeout', message: 'too slow' }, stats: null },
        slow: false,
        last: null,
      },
      'error (too slow)',
    ],
    ['the answer shown', { view: doneOn(cpu), slow: false, last: doneOn(cpu) }, 'CPU: no context'],
    [
      'a quick recomputation keeps the last answer',
      { view: { state: 'running' }, slow: false, last: doneOn(webgl) },
      'WebGL 2.',
    ],
    ['a slow recomputation', { view: { state: 'running' }, slow: true, last: doneOn(webgl) }, 'computing'],
    ['the first request', { view: { state: 'running' }, slow: false, last: null }, 'computing'],
    [
      'an answer without stats',
      { view: { state: 'done', value: 1, stats: null, roundTripMs: null }, slow: false, last: null },
      'computing',
    ],
  ] as const)('%s', (_, task, sentence) => {
    expect(taskStatusSentence(t, 'transposedConv', task as Parameters<typeof taskStatusSentence>[2])).toBe(
      sentence,
    );
  });
});
