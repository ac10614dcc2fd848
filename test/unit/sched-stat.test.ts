import { describe, expect, it } from 'vitest';
import {
  chromiumProcessType,
  cpuTicks,
  mainThreadAndGpu,
  parentPid,
  parseCpuTicks,
  parseSchedstat,
  schedDelta,
  snapshotThreads,
  stealPercentBetween,
  type ThreadStat,
} from '../../scripts/sched-stat.mjs';

describe('parseSchedstat', () => {
  it.each([
    { text: '184000000 255000000 518\n', want: { runMs: 184, waitMs: 255 } },
    { text: '0 0 0', want: { runMs: 0, waitMs: 0 } },
    { text: '1500000 2500000 3', want: { runMs: 1.5, waitMs: 2.5 } },
    { text: '', want: undefined },
    { text: '1 2', want: undefined },
    { text: '1 2 3 4', want: undefined },
    { text: '1 -2 3', want: undefined },
    { text: 'a b c', want: undefined },
  ])('$text → $want', ({ text, want }) => expect(parseSchedstat(text)).toEqual(want));
});

describe('chromiumProcessType', () => {
  it.each([
    {
      what: 'the browser (NUL-separated, no --type)',
      cmdline: '/usr/lib/chromium/chromium\0--no-sandbox\0',
      want: 'browser',
    },
    {
      what: 'a zygote-forked renderer (one space-separated string)',
      cmdline: '/usr/lib/chromium/chromium --type=renderer --enable-crash-reporter=,built on Debian\0',
      want: 'renderer',
    },
    {
      what: 'the GPU process',
      cmdline: '/usr/lib/chromium/chromium --type=gpu-process --no-sandbox\0',
      want: 'gpu-process',
    },
    { what: 'Chrome', cmdline: '/opt/google/chrome/chrome\0--type=utility\0', want: 'utility' },
    { what: 'another program', cmdline: 'node\0scripts/bench.mjs\0--type=renderer\0', want: null },
    {
      what: "Chromium's crash handler",
      cmdline: '/usr/lib/chromium/chrome_crashpad_handler\0--monitor-self\0',
      want: null,
    },
    { what: 'an empty command line (a kernel thread)', cmdline: '', want: null },
  ])('$what', ({ cmdline, want }) => expect(chromiumProcessType(cmdline)).toBe(want));
});

describe('parentPid', () => {
  it.each([
    { text: '7329 (chromium) S 7318 7329 7316 0 -1', want: 7318 },
    { text: '12 (a) b) c) R 1 12 12', want: 1 }, // a command name holding ") "
    { text: '5 (x) S', want: undefined },
    { text: '', want: undefined },
  ])('$text → $want', ({ text, want }) => expect(parentPid(text)).toBe(want));
});

const thread = (type: string, main: boolean, runMs: number, waitMs: number): ThreadStat => ({
  type,
  main,
  runMs,
  waitMs,
});

describe('schedDelta and mainThreadAndGpu', () => {
  const before = new Map([
    ['1/1', thread('browser', true, 100, 10)],
    ['2/2', thread('gpu-process', true, 50, 5)],
    ['2/3', thread('gpu-process', false, 20, 1)],
    ['3/3', thread('renderer', true, 40, 4)], // a renderer that stays idle
    ['4/4', thread('renderer', true, 60, 6)], // the page's
    ['4/5', thread('renderer', false, 10, 0)],
  ]);
  const after = new Map([
    ['1/1', thread('browser', true, 120, 12)],
    ['2/2', thread('gpu-process', true, 130, 25)],
    ['2/3', thread('gpu-process', false, 60, 9)],
    ['2/9', thread('gpu-process', false, 20, 2)], // a thread started in between
    ['3/3', thread('renderer', true, 41, 4)],
    ['4/4', thread('renderer', true, 160, 86)],
    ['4/5', thread('renderer', false, 30, 1)],
  ]);
  it('sums run time by process type and picks the renderer main thread that ran most', () => {
    expect(schedDelta(before, after)).toEqual({
      cpuMsByType: { browser: 20, 'gpu-process': 140, renderer: 121 },
      rendererMain: { runMs: 100, waitMs: 80 },
    });
  });
  it('divides by the number of changes, to a tenth of a ms', () => {
    expect(schedDelta(before, after, 3)).toEqual({
      cpuMsByType: { browser: 6.7, 'gpu-process': 46.7, renderer: 40.3 },
      rendererMain: { runMs: 33.3, waitMs: 26.7 },
    });
    expect(mainThreadAndGpu(schedDelta(before, after, 4))).toEqual({
      mainRunMs: 25,
      mainWaitMs: 20,
      gpuCpuMs: 35,
    });
  });
  it('is undefined without both snapshots, and reports zeros where nothing ran', () => {
    expect(schedDelta(undefined, after)).toBeUndefined();
    expect(schedDelta(before, undefined)).toBeUndefined();
    expect(mainThreadAndGpu(undefined)).toBeUndefined();
    const browserOnly = new Map([['1/1', thread('browser', true, 5, 0)]]);
    expect(mainThreadAndGpu(schedDelta(browserOnly, browserOnly))).toEqual({
      mainRunMs: 0,
      mainWaitMs: 0,
      gpuCpuMs: 0,
    });
  });
});

describe('parseCpuTicks and stealPercentBetween', () => {
  it.each([
    {
      text: 'cpu  7165009 19361 1578009 6955295 29719 0 27354 463064 0 0\ncpu0 1 2 3',
      want: { total: 7165009 + 19361 + 1578009 + 6955295 + 29719 + 0 + 27354 + 463064, steal: 463064 },
    },
    { text: 'cpu0 1 2 3 4 5 6 7 8', want: undefined },
    { text: 'cpu 1 2 3', want: undefined },
    { text: '', want: undefined },
  ])('$text', ({ text, want }) => expect(parseCpuTicks(text)).toEqual(want));
  it.each([
    { from: { total: 1000, steal: 10 }, to: { total: 2000, steal: 76 }, want: 6.6 },
    { from: { total: 1000, steal: 10 }, to: { total: 1000, steal: 10 }, want: undefined },
    { from: undefined, to: { total: 1, steal: 0 }, want: undefined },
  ])('$from → $to: $want %', ({ from, to, want }) => expect(stealPercentBetween(from, to)).toBe(want));
});

// On Linux, a live reading: this process (no Chromium under it) yields an empty snapshot, and the
// machine's counters parse.
describe.runIf(process.platform === 'linux')('on this machine', () => {
  it('reads /proc', () => {
    expect(snapshotThreads()?.size).toBe(0);
    expect(cpuTicks()?.total).toBeGreaterThan(0);
  });
});
