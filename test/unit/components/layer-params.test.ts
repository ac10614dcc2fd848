import { describe, expect, it } from 'vitest';
import katex from 'katex';
import {
  computeLayer,
  defaultSettings,
  formulaTex,
  type LayerComparison,
  type Settings,
} from '~/components/widgets/LayerParams/layer-params';
import { english } from '../english';

const settings = (over: Partial<Settings>): Settings => ({ ...defaultSettings, ...over });
const ok = (s: Settings): LayerComparison => {
  const r = computeLayer(s);
  if (!r.ok) throw new Error(r.problems.map(english).join('; '));
  return r;
};

describe('computeLayer', () => {
  it.each([
    // name, settings, conv total, H'×W', fc inputs, fc outputs, fc total — all by hand:
    // conv = k·k·C_in·C_out + C_out; H' = H − k + 1; fc = (H·W·C_in)·(H'·W'·C_out) + H'·W'·C_out
    [
      'lesson 1: 32×32×3 → 28×28×4 with four 5×5×3 kernels',
      {},
      5 * 5 * 3 * 4 + 4,
      [28, 28],
      3072,
      3136,
      3072 * 3136 + 3136,
    ],
    ['no biases', { bias: false }, 300, [28, 28], 3072, 3136, 9_633_792],
    [
      'smallest layer: 1×1, one channel, 1×1 input',
      { cIn: 1, cOut: 1, k: 1, h: 1, w: 1 },
      2,
      [1, 1],
      1,
      1,
      2,
    ],
    [
      'kernel as large as the input is a fully-connected layer',
      { cIn: 1, cOut: 1, k: 5, h: 5, w: 5 },
      26,
      [1, 1],
      25,
      1,
      26,
    ],
    ['non-square input', { cIn: 2, cOut: 5, k: 3, h: 10, w: 20 }, 95, [8, 18], 400, 720, 288_720],
    // AlexNet conv1's kernels (34,944 published) at stride 1 on 227×227: 217×217×96 outputs
    [
      'AlexNet conv1 kernels, stride 1',
      { cIn: 3, cOut: 96, k: 11, h: 227, w: 227 },
      34_944,
      [217, 217],
      154_587,
      4_520_544,
      698_821_855_872,
    ],
  ])('%s', (_name, over, conv, [outH, outW], nIn, nOut, fc) => {
    const r = ok(settings(over as Partial<Settings>));
    expect(r.conv.total).toBe(conv);
    expect([r.outH, r.outW]).toEqual([outH, outW]);
    expect(r.fc?.nIn).toBe(nIn);
    expect(r.fc?.nOut).toBe(nOut);
    expect(r.fc?.params.total).toBe(fc);
    expect(r.ratio).toBeCloseTo(fc / conv, 9);
  });

  it('keeps weights and biases apart', () => {
    const r = ok(defaultSettings);
    expect(r.conv).toEqual({ weights: 300, biases: 4, total: 304 });
    expect(r.fc?.params).toEqual({ weights: 9_633_792, biases: 3136, total: 9_636_928 });
    const nb = ok(settings({ bias: false }));
    expect(nb.conv.biases).toBe(0);
    expect(nb.fc?.params.biases).toBe(0);
  });

  it('the fully-connected layer of the default is about 31,700 times larger', () => {
    expect(Math.round(ok(defaultSettings).ratio!)).toBe(31_700);
  });

  it('reports a fully-connected count past 2^53 as too large instead of a rounded number', () => {
    const r = ok(settings({ cIn: 4096, cOut: 4096, k: 1, h: 4096, w: 4096 }));
    expect(r.conv.total).toBe(4096 * 4096 + 4096);
    expect(r.fc).toBeNull();
    expect(r.ratio).toBeNull();
  });

  it.each([
    ['zero input channels', { cIn: 0 }, ['notPositive']],
    ['empty output channels', { cOut: '' }, ['missing']],
    ['text kernel', { k: 'five' }, ['missing']],
    ['fractional kernel', { k: 2.5 }, ['notInteger']],
    ['negative height', { h: -1 }, ['notPositive']],
    ['huge width', { w: 5000 }, ['tooLarge']],
    ['null field', { cIn: null }, ['missing']],
    ['two bad fields at once', { cIn: 0, w: 1.5 }, ['notPositive', 'notInteger']],
    ['kernel larger than the height', { k: 7, h: 5, w: 10 }, ['kernelTooLarge']],
    ['kernel larger than the width', { k: 7, h: 10, w: 5 }, ['kernelTooLarge']],
    ['kernel larger than both sides', { k: 9, h: 5, w: 6 }, ['kernelTooLarge']],
  ])('%s is a problem, never NaN', (_name, over, codes) => {
    const r = computeLayer(settings(over as Partial<Settings>));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.map((p) => p.code)).toEqual(codes);
      for (const p of r.problems) expect(english(p)).not.toMatch(/NaN|undefined|\[missing/);
    }
  });

  it('names the side the kernel does not fit', () => {
    const r = computeLayer(settings({ k: 7, h: 10, w: 5 }));
    expect(!r.ok && r.problems[0]!.values).toMatchObject({ k: 7, padded: 5 });
  });

  it('names height and width in the problem', () => {
    const r = computeLayer(settings({ h: 0, w: 0 }));
    expect(!r.ok && r.problems.map(english)).toEqual([
      'Input height H must be at least 1 (it is 0).',
      'Input width W must be at least 1 (it is 0).',
    ]);
  });
});

describe('formulaTex', () => {
  it('substitutes the numbers of the default layer', () => {
    const tex = formulaTex(ok(defaultSettings));
    expect(tex).toContain(String.raw`5 \cdot 5 \cdot 3 \cdot 4 + 4 = 304`);
    expect(tex).toContain(String.raw`3{,}072 \cdot 3{,}136 + 3{,}136`);
    expect(tex).toContain('9{,}636{,}928');
    // n_in = H·W·C_in and n_out = H'·W'·C_out spelled out
    expect(tex).toContain(String.raw`32 \cdot 32 \cdot 3 = 3{,}072`);
    expect(tex).toContain(String.raw`28 \cdot 28 \cdot 4 = 3{,}136`);
  });

  it('leaves the bias terms out without biases', () => {
    const tex = formulaTex(ok(settings({ bias: false })));
    expect(tex).toContain(String.raw`5 \cdot 5 \cdot 3 \cdot 4 = 300`);
    expect(tex).not.toContain('+');
  });

  it('shows only the convolution when the fully-connected count is too large', () => {
    const tex = formulaTex(ok(settings({ cIn: 4096, cOut: 4096, k: 1, h: 4096, w: 4096 })));
    expect(tex).not.toContain('FC');
  });

  it.each([{}, { bias: false }, { cIn: 4096, cOut: 4096, k: 1, h: 4096, w: 4096 }])(
    'is valid KaTeX (%j)',
    (over) => {
      expect(() =>
        katex.renderToString(formulaTex(ok(settings(over))), { throwOnError: true, displayMode: true }),
      ).not.toThrow();
    },
  );
});
