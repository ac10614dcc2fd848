/**
 * The Architecture Lab scales linearly (issue 12): the pure path's work grows in proportion to
 * the network's length, and what the browser draws per edit is bounded by the view, not by the
 * network. No absolute milliseconds: the timing guard compares 1,000 and 5,000 lines on the same
 * machine at the same moment (a quadratic path would be ~25× slower, a linear one ~5×), in CPU
 * time (process.cpuUsage), which a busy machine does not inflate the way it does wall time, and
 * as medians, which a garbage collection in one run does not move.
 */
import { describe, expect, it } from 'vitest';
import { analyzeText, lineCount, lineStart } from '~/components/widgets/ArchitectureLab/lab-state';
import {
  chartCount,
  chartData,
  chartKey,
  largestInOrder,
  MAX_CHART_BARS,
} from '~/components/widgets/shared/architecture/architecture';
import { itemWindow } from '~/components/widgets/shared/virtual-window';
import { formatNetwork, parseNetwork } from '~/lib/cnn/text-format';
import { labNetworkText } from '../../../scripts/lab-network.mjs';

/** CPU time of f in ms (user + system, this process). */
function cpuTime(f: () => void): number {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Median CPU times of f and g over `runs` interleaved runs (after warming both up). */
function medianTimes(f: () => void, g: () => void, runs = 9): [number, number] {
  for (let i = 0; i < 3; i++) (f(), g());
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(cpuTime(f));
    b.push(cpuTime(g));
  }
  return [median(a), median(b)];
}

describe('labNetworkText', () => {
  it.each([8, 200, 1000, 5000])('has exactly %i lines and analyses', (lines) => {
    const text = labNetworkText(lines);
    expect(lineCount(text.replace(/\n$/, ''))).toBe(lines);
    expect(analyzeText(text).ok).toBe(true);
  });
});

describe('the pure path grows linearly', () => {
  const small = labNetworkText(1000);
  const large = labNetworkText(5000);

  it('5,000 lines: every layer analysed, one table row each, 5× the rows of 1,000 lines ±1%', () => {
    const a = analyzeText(small);
    const b = analyzeText(large);
    if (!a.ok || !b.ok) throw new Error('expected both to analyse');
    expect(b.analysis.rows.length / a.analysis.rows.length).toBeCloseTo(5, 1);
  });

  it('analyzeText on 5× the lines takes < 10× the CPU time (medians of 9 interleaved runs)', () => {
    const [t1, t5] = medianTimes(
      () => analyzeText(small),
      () => analyzeText(large),
    );
    expect(t5 / t1).toBeLessThan(10);
  });

  it('formatNetwork on 5× the layers takes < 10× the CPU time', () => {
    const a = parseNetwork(small);
    const b = parseNetwork(large);
    if (!a.ok || !b.ok) throw new Error('expected both to parse');
    // formatNetwork is fast (≈ 1 ms for 5,000 lines): time 10 calls at once, above the clock's grain
    const ten = (f: () => void) => () => {
      for (let i = 0; i < 10; i++) f();
    };
    const [t1, t5] = medianTimes(
      ten(() => formatNetwork(a.value.network, a.value.input)),
      ten(() => formatNetwork(b.value.network, b.value.input)),
    );
    expect(t5 / t1).toBeLessThan(10);
  });
});

describe('what the browser draws is bounded by the view', () => {
  it('the chart draws at most MAX_CHART_BARS bars, the largest ones, in network order', () => {
    const r = analyzeText(labNetworkText(5000));
    if (!r.ok) throw new Error('expected ok');
    const groups = { conv: 'c', fc: 'f', norm: 'n', none: '-', block: 'b' };
    const data = chartData(r.analysis, { groups });
    expect(data).toHaveLength(MAX_CHART_BARS);
    // 4,997 lines between the input line and the gap/fc head: ⌊4997 / 6⌋ residual units, then fc
    expect(chartCount(r.analysis)).toEqual({ shown: MAX_CHART_BARS, of: Math.floor(4997 / 6) + 1 });
    // fc 1000 on 64 channels (65,000) is the largest and comes last; every residual unit holds 3·3·64·64 + 2·64 = 36,992 (conv without bias, bn)
    expect(data.at(-1)).toEqual({ name: 'fc1', params: 65_000, group: 'f' });
    expect(data.slice(0, -1).every((d) => d.params === 3 * 3 * 64 * 64 + 2 * 64)).toBe(true);
    // ties keep the earliest: res1 … res79
    expect(data[0]!.name).toBe('res1');
    expect(data[78]!.name).toBe('res79');
  });

  it('largestInOrder keeps the largest, in their order, earlier first on ties; all when few', () => {
    const size = (x: number) => x;
    expect(largestInOrder([5, 1, 9, 3, 9, 7], 3, size)).toEqual([9, 9, 7]);
    expect(largestInOrder([5, 1, 9, 3, 9, 7], 4, size)).toEqual([5, 9, 9, 7]);
    expect(largestInOrder([2, 2, 2], 2, (x) => x)).toEqual([2, 2]);
    expect(largestInOrder([1, 2], 5, size)).toEqual([1, 2]);
    expect(largestInOrder([], 5, size)).toEqual([]);
    expect(largestInOrder([3, 4], 0, size)).toEqual([]);
  });

  it('presets are charted whole (DenseNet-121, the longest, has 68 bars)', async () => {
    const { presets, presetKeys } = await import('~/lib/cnn/presets');
    for (const key of presetKeys) {
      const r = analyzeText(formatNetwork(presets[key].network, presets[key].input));
      if (!r.ok) throw new Error(key);
      const c = chartCount(r.analysis);
      expect(c.shown, key).toBe(c.of);
    }
  });
});

describe('itemWindow', () => {
  const h = 20;
  it.each([
    // count, scrollTop, viewHeight, overscan → start, end
    [100, 0, 200, 5, 0, 16], // rows 0–10 visible (⌈200/20⌉ + 1 = 11), + 5 after
    [100, 400, 200, 5, 15, 36], // first visible 20
    [100, 410, 200, 0, 20, 31],
    [100, 1900, 200, 5, 90, 100], // clipped at the end
    [100, 99999, 200, 5, 95, 100], // scrolled past the end (clamped to n·h): last m items
    [100, -50, 200, 5, 0, 16], // negative scroll clamps to 0
    [0, 0, 200, 5, 0, 0],
    [3, 0, 200, 5, 0, 3],
  ])(
    '%i items, scrollTop %i, view %i, overscan %i → [%i, %i)',
    (count, scrollTop, viewHeight, overscan, start, end) => {
      const w = itemWindow({ count, itemHeight: h, scrollTop, viewHeight, overscan });
      expect([w.start, w.end]).toEqual([start, end]);
      expect(w.before).toBe(start * h);
      expect(w.after).toBe((count - end) * h);
    },
  );

  it('before + rendered + after always spans the whole list', () => {
    for (const scrollTop of [0, 7, 333, 1e4, 1e6])
      for (const count of [0, 1, 50, 5000, 1e6]) {
        const w = itemWindow({ count, itemHeight: 28.5, scrollTop, viewHeight: 576, overscan: 12 });
        expect(w.before + (w.end - w.start) * 28.5 + w.after).toBeCloseTo(count * 28.5, 6);
      }
  });

  it('renders the same number of items at 300 or 300,000 (the work per scroll or edit)', () => {
    const at = (count: number) =>
      itemWindow({ count, itemHeight: 28, scrollTop: 2800, viewHeight: 560, overscan: 12 });
    const a = at(300);
    const b = at(300_000);
    expect(b.end - b.start).toBe(a.end - a.start);
    expect(b.end - b.start).toBe(12 + 21 + 12);
  });

  it.each([
    ['no item height yet', 0, 500],
    ['no view height yet', 20, 0],
    ['NaN height', Number.NaN, 500],
    ['infinite view', 20, Infinity],
  ])('before layout (%s): the first 2m items, no spacers', (_name, itemHeight, viewHeight) => {
    const w = itemWindow({ count: 1000, itemHeight, scrollTop: 0, viewHeight, overscan: 8 });
    expect([w.start, w.end, w.before]).toEqual([0, 16, 0]);
    expect(Number.isFinite(w.after)).toBe(true);
  });
});

describe('lines of the editor', () => {
  it.each([
    ['', 1],
    ['a', 1],
    ['a\n', 2],
    ['a\nb\nc', 3],
    ['\n\n', 3],
  ])('lineCount(%j) = %i, as text.split("\\n") counts', (text, n) => {
    expect(lineCount(text)).toBe(n);
    expect(lineCount(text)).toBe(text.split('\n').length);
  });

  it('lineStart finds each line; before line 1 → 0; past the end → the length', () => {
    const text = 'input 8x8x3\nconv 4 k3\n\nfc 10';
    expect([0, 1, 2, 3, 4, 5, 9].map((l) => lineStart(text, l))).toEqual([0, 0, 12, 22, 23, 28, 28]);
  });
});

describe('chartKey', () => {
  const keyOf = (text: string) => {
    const r = analyzeText(text);
    if (!r.ok) throw new Error(text);
    return chartKey(r.analysis);
  };
  it('is unchanged by edits the chart does not show, changed by those it does', () => {
    const base = keyOf('input 8x8x3\nconv 4 k3\nrelu\nflatten\nfc 10\n');
    expect(keyOf('input 8x8x3\n# a comment\nconv 4 k3   \nrelu\nflatten\nfc 10\n')).toBe(base);
    expect(keyOf('input 8x8x3\nconv 4 k3\nsigmoid\nflatten\nfc 10\n')).toBe(base); // no parameters either way
    expect(keyOf('input 8x8x3\nconv 5 k3\nrelu\nflatten\nfc 10\n')).not.toBe(base); // a count
    expect(keyOf('input 8x8x3\nc: conv 4 k3\nrelu\nflatten\nfc 10\n')).not.toBe(base); // a name
    expect(keyOf('input 8x8x3\nconv 4 k3\nbn\nrelu\nflatten\nfc 10\n')).not.toBe(base); // a bar
  });
});
