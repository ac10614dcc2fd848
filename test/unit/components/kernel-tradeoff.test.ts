import { describe, expect, it } from 'vitest';
import katex from 'katex';
import {
  computeFigure,
  defaultSettings,
  formulaTex,
  layersFor,
  metricValues,
  type Settings,
} from '~/components/widgets/KernelTradeoff/kernel-tradeoff';
import { chartRows } from '~/components/widgets/KernelTradeoff/charts';
import { english } from '../english';

const settings = (over: Partial<Settings>): Settings => ({ ...defaultSettings, ...over });
const ok = (s: Settings) => {
  const f = computeFigure(s);
  if (!f.ok) throw new Error(f.problems.map(english).join('; '));
  return f;
};

describe('computeFigure', () => {
  it.each([
    // C, H, W, target, stacked weights, single weights, stacked MACs, single MACs, biases s/1, nonlinearities s/1
    [64, 56, 56, 5, 73_728, 102_400, 231_211_008, 321_126_400, 128, 64, 2, 1],
    [64, 56, 56, 7, 110_592, 200_704, 346_816_512, 629_407_744, 192, 64, 3, 1],
    [10, 1, 1, 5, 1_800, 2_500, 1_800, 2_500, 20, 10, 2, 1],
    [256, 28, 14, 7, 1_769_472, 3_211_264, 693_633_024, 1_258_815_488, 768, 256, 3, 1],
  ] as const)('C=%i H=%i W=%i r=%i', (c, h, w, target, ws, w1, ms, m1, bs, b1, ns, n1) => {
    const f = ok(settings({ c, h, w, target }));
    expect(metricValues(f, 'weights')).toEqual({ stacked: ws, single: w1 });
    expect(metricValues(f, 'macs')).toEqual({ stacked: ms, single: m1 });
    expect(metricValues(f, 'biases')).toEqual({ stacked: bs, single: b1 });
    expect(metricValues(f, 'total')).toEqual({ stacked: ws + bs, single: w1 + b1 });
    expect(metricValues(f, 'nonlinearities')).toEqual({ stacked: ns, single: n1 });
    expect(metricValues(f, 'field')).toEqual({ stacked: target, single: target });
  });

  it.each([
    [5, 2],
    [7, 3],
  ] as const)('target %i needs %i stacked 3×3 layers', (target, n) => expect(layersFor(target)).toBe(n));

  it.each([
    ['C = 0', { c: 0 }, 'notPositive'],
    ['C too large', { c: 5000 }, 'tooLarge'],
    ['fractional H', { h: 2.5 }, 'notInteger'],
    ['empty W', { w: '' }, 'missing'],
    ['negative W', { w: -3 }, 'notPositive'],
    ['text C', { c: 'x' }, 'missing'],
  ])('%s is a problem, never NaN', (_label, over, code) => {
    const f = computeFigure(settings(over as Partial<Settings>));
    expect(f.ok).toBe(false);
    if (!f.ok) {
      expect(f.problems.map((p) => p.code)).toContain(code);
      for (const p of f.problems) expect(english(p)).not.toMatch(/NaN|undefined|\[missing/);
    }
  });

  it('the largest allowed setting still counts exactly (below 2^53)', () => {
    const f = ok(settings({ c: 4096, h: 1024, w: 1024, target: 7 }));
    expect(Number.isSafeInteger(f.result.single.macs)).toBe(true);
  });
});

describe('formulaTex', () => {
  it('shows the current numbers and renders with KaTeX', () => {
    const tex = formulaTex(ok(defaultSettings));
    expect(tex).toContain('2\\cdot 9 \\cdot 64^2 = 73{,}728');
    expect(tex).toContain('25 \\cdot 64^2 = 102{,}400');
    expect(tex).toContain('\\frac{18}{25} \\approx 0.72');
    expect(tex).toContain('1 + n\\,(3-1) = 5');
    expect(tex).toContain('1 + (5-1) = 5');
    expect(() => katex.renderToString(tex, { throwOnError: true, displayMode: true })).not.toThrow();
  });

  it('7×7: 27C² vs 49C²', () => {
    const tex = formulaTex(ok(settings({ target: 7, c: 8 })));
    expect(tex).toContain('3\\cdot 9 \\cdot 8^2 = 1{,}728');
    expect(tex).toContain('49 \\cdot 8^2 = 3{,}136');
    expect(tex).toContain('\\frac{27}{49}');
  });
});

describe('chart', () => {
  it('rows: the large kernel is 100 %, the stack 72 % of its weights, 200 % of its nonlinearities', () => {
    const rows = chartRows(ok(defaultSettings));
    const get = (metric: string, option: string) =>
      rows.find((r) => r.metric === metric && r.option === option)!.percent;
    expect(get('weights', 'single')).toBe(100);
    expect(get('weights', 'stacked')).toBe(72);
    expect(get('field', 'stacked')).toBe(100);
    expect(get('nonlinearities', 'stacked')).toBe(200);
    expect(get('biases', 'stacked')).toBe(200);
  });
});
