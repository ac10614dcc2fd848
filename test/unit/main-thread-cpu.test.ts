import { describe, expect, it } from 'vitest';
import { CHANGE_MARK, changeCpu, mainThreadCpu } from '../../scripts/main-thread-cpu.mjs';

// A small trace in Chromium's format: the renderer main thread (pid 1, tid 10) with its tasks,
// another thread of the same process (tid 11) and the browser's main thread (pid 2), whose
// tasks must not count. Times in µs; `tdur` is thread (CPU) time.
const MAIN = { pid: 1, tid: 10 };
const meta = [
  { name: 'thread_name', ph: 'M', pid: 1, tid: 10, args: { name: 'CrRendererMain' } },
  { name: 'thread_name', ph: 'M', pid: 1, tid: 11, args: { name: 'Compositor' } },
  { name: 'thread_name', ph: 'M', pid: 2, tid: 20, args: { name: 'CrBrowserMain' } },
];
const task = (ts: number, dur: number, tdur: number, at = MAIN) => ({
  name: 'RunTask',
  ph: 'X',
  ...at,
  ts,
  dur,
  tdur,
});
const mark = (ts: number, at = MAIN) => ({ name: CHANGE_MARK, ph: 'I', cat: 'blink.user_timing', ...at, ts });

describe('mainThreadCpu', () => {
  it.each([
    {
      what: 'sums the main thread’s task CPU per change and finds the longest',
      events: [
        ...meta,
        task(0, 5000, 4000),
        task(10_000, 9000, 6000),
        task(0, 50_000, 50_000, { pid: 1, tid: 11 }),
      ],
      changes: 2,
      expected: { perChange: 5, longest: 6 },
    },
    {
      what: 'ignores the browser process, even when it has a main thread of tasks',
      events: [...meta, task(0, 2000, 1500), task(0, 90_000, 90_000, { pid: 2, tid: 20 })],
      changes: 1,
      expected: { perChange: 1.5, longest: 2 },
    },
    {
      what: 'gives zeros for a trace without a renderer main thread',
      events: [meta[2], task(0, 2000, 1500, { pid: 2, tid: 20 })],
      changes: 3,
      expected: { perChange: 0, longest: 0 },
    },
    {
      what: 'does not divide by zero changes',
      events: [...meta, task(0, 2000, 1200)],
      changes: 0,
      expected: { perChange: 1.2, longest: 1 },
    },
  ])('$what', ({ events, changes, expected }) => {
    expect(mainThreadCpu({ traceEvents: events }, changes)).toEqual(expected);
    // Playwright's trace is an object; a bare array of events reads the same
    expect(mainThreadCpu(events, changes)).toEqual(expected);
  });
});

describe('changeCpu', () => {
  it.each([
    {
      what: 'counts the tasks inside each change’s latency, from its mark',
      // change 0 starts at 1000 and lasts 10 ms: the input task (holding the mark) and the frame;
      // the 200 ms of quiet after it hold a timer task that is not the change's
      events: [
        ...meta,
        mark(1000),
        task(900, 3000, 2500),
        task(6000, 4000, 3500),
        task(100_000, 500, 400),
        mark(300_000),
        task(299_500, 2000, 1000),
        task(304_000, 20_000, 15_000),
      ],
      times: [10, 30],
      expected: [6, 16],
    },
    {
      what: 'counts a task straddling the window’s end in full',
      events: [...meta, mark(0), task(0, 1000, 800), task(4000, 8000, 5000)],
      times: [5],
      expected: [5.8],
    },
    {
      what: 'leaves out other threads and processes, and the machine’s time away (dur beyond tdur)',
      events: [
        ...meta,
        mark(0),
        task(0, 12_000, 4000),
        task(0, 12_000, 12_000, { pid: 1, tid: 11 }),
        task(0, 12_000, 12_000, { pid: 2, tid: 20 }),
        mark(0, { pid: 2, tid: 20 }),
      ],
      times: [12],
      expected: [4],
    },
    {
      what: 'pairs marks with times in order, as far as both go',
      events: [...meta, mark(50_000), mark(0), mark(90_000), task(0, 1000, 1000), task(50_000, 2000, 2000)],
      times: [5, 5],
      expected: [1, 2],
    },
    { what: 'gives none without marks', events: [...meta, task(0, 1000, 1000)], times: [5], expected: [] },
    { what: 'gives none without a renderer main thread', events: [mark(0)], times: [5], expected: [] },
  ])('$what', ({ events, times, expected }) => {
    expect(changeCpu({ traceEvents: events }, times)).toEqual(expected);
  });
});
