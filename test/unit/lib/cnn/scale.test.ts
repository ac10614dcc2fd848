import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../src/lib/cnn/analyze';
import { macsOfKind, paramsOfKind, percentOf, powerOfTen } from '../../../../src/lib/cnn/scale';
import { presets } from '../../../../src/lib/cnn/presets';
import { concat, conv, plain } from '../../../../src/lib/cnn/presets/build';
import { english } from '../../english';

describe('powerOfTen: 10^e ≤ n < 10^(e+1)', () => {
  it.each([
    [1, 0],
    [9, 0],
    [10, 1],
    [99, 1],
    [999, 2],
    [1000, 3],
    [34_944, 4], // AlexNet conv1
    [885_120, 5], // AlexNet conv3
    [37_752_832, 7], // AlexNet fc6
    [60_965_224, 7], // AlexNet total
    [138_357_544, 8], // VGG-16 total
    [1e15, 15],
    [999_999_999_999_999, 14],
    [Number.MAX_SAFE_INTEGER, 15],
    [1.5, 0],
  ])('%d → %d', (n, e) => expect(powerOfTen(n)).toBe(e));

  it.each([0, 0.5, -10, Number.NaN, Number.POSITIVE_INFINITY])('%d has no power of ten', (n) =>
    expect(powerOfTen(n)).toBeNull(),
  );

  it('is exact at every power of ten up to 10^15 and just below it', () => {
    for (let e = 0; e <= 15; e++) {
      expect(powerOfTen(10 ** e)).toBe(e);
      if (e > 0) expect(powerOfTen(10 ** e - 1)).toBe(e - 1);
    }
  });
});

describe('paramsOfKind', () => {
  const p = presets['alexnet-2012'];
  const a = analyze(p.network, p.input);
  if (!a.ok) throw new Error('AlexNet must analyze');
  const rows = a.value.rows;

  it.each([
    // sums of the published per-layer counts (DESIGN.md reference numbers)
    [['fc'], 37_752_832 + 16_781_312 + 4_097_000],
    [['conv'], 34_944 + 307_456 + 885_120 + 663_936 + 442_624],
    [['conv', 'fc'], 60_965_224],
    [['bn'], 0],
    [['relu', 'maxpool'], 0],
  ] as const)('AlexNet %j: %i', (kinds, total) => {
    expect(paramsOfKind(rows, ...kinds).total).toBe(total);
  });

  it('keeps weights and biases apart (AlexNet fc: biases 4096 + 4096 + 1000)', () => {
    const fc = paramsOfKind(rows, 'fc');
    expect(fc.biases).toBe(4096 + 4096 + 1000);
    expect(fc.weights + fc.biases).toBe(fc.total);
  });

  it('counts layers inside a block once (the block row has its own kind)', () => {
    // two branches on 8×8×4: 1×1 → 2 (4·2 + 2 = 10) and 3×3 → 3 (9·4·3 + 3 = 111)
    const net = [concat('mix', [[conv(2, 1)], [conv(3, 3, { p: 1 })]]), plain('gap')];
    const r = analyze(net, { h: 8, w: 8, c: 4 });
    if (!r.ok) throw new Error(english(r.problems[0]!));
    expect(paramsOfKind(r.value.rows, 'conv').total).toBe(10 + 111);
    expect(paramsOfKind(r.value.rows, 'conv', 'concat').total).toBe(2 * (10 + 111));
  });

  it('an empty list of rows has no parameters', () =>
    expect(paramsOfKind([], 'conv')).toEqual({ weights: 0, biases: 0, total: 0 }));
});

describe('macsOfKind', () => {
  const p = presets['alexnet-2012'];
  const a = analyze(p.network, p.input);
  if (!a.ok) throw new Error('AlexNet must analyze');
  const rows = a.value.rows;

  it.each([
    // H_out·W_out·C_out·k·k·C_in/g per layer, by hand:
    // conv1 55·55·96·363 = 105,415,200; conv2 27·27·256·1200 = 223,948,800; conv3 13·13·384·2304 = 149,520,384;
    // conv4 13·13·384·1728 = 112,140,288; conv5 13·13·256·1728 = 74,760,192
    [['conv'], 105_415_200 + 223_948_800 + 149_520_384 + 112_140_288 + 74_760_192],
    // fc: n_in·n_out = 9216·4096 + 4096·4096 + 4096·1000
    [['fc'], 9216 * 4096 + 4096 * 4096 + 4096 * 1000],
    [['relu', 'maxpool', 'lrn'], 0],
  ] as const)('AlexNet %j: %i', (kinds, macs) => expect(macsOfKind(rows, ...kinds)).toBe(macs));

  it('counts layers inside a block once', () => {
    // 4×4×2 input: 1×1 → 3 is 16·3·2 = 96 MACs; 3×3 (p 1) → 1 is 16·1·18 = 288 MACs
    const r = analyze([concat('mix', [[conv(3, 1)], [conv(1, 3, { p: 1 })]])], { h: 4, w: 4, c: 2 });
    if (!r.ok) throw new Error(english(r.problems[0]!));
    expect(macsOfKind(r.value.rows, 'conv')).toBe(96 + 288);
  });
});

describe('percentOf', () => {
  it.each([
    [1, 4, 25],
    [0, 5, 0],
    [5, 5, 100],
    [3, 2, 150],
  ])('%d of %d = %d %', (part, whole, pct) => expect(percentOf(part, whole)).toBe(pct));

  it('AlexNet: the fc layers hold about 96 % of the parameters', () => {
    const pct = percentOf(58_631_144, 60_965_224)!;
    expect(pct).toBeGreaterThan(96.1);
    expect(pct).toBeLessThan(96.2);
  });

  it.each([
    [1, 0],
    [Number.NaN, 3],
    [2, Number.POSITIVE_INFINITY],
  ])('%d of %d has no percentage', (part, whole) => expect(percentOf(part, whole)).toBeNull());
});
