import { describe, expect, it } from 'vitest';
import { analyze, stackedVsSingle, type Layer } from '~/lib/cnn';

describe('stackedVsSingle with biases, MACs, nonlinearities and fields', () => {
  it.each([
    // C, n, H, W, stacked weights, single weights, stacked MACs, single MACs (hand-derived:
    // weights n·9·C² and (2n+1)²·C², MACs H·W·weights)
    [64, 2, 56, 56, 73_728, 102_400, 231_211_008, 321_126_400],
    [64, 3, 56, 56, 110_592, 200_704, 346_816_512, 629_407_744],
    [1, 2, 1, 1, 18, 25, 18, 25],
    [512, 2, 14, 14, 4_718_592, 6_553_600, 924_844_032, 1_284_505_600],
    [3, 1, 4, 5, 81, 81, 1_620, 1_620],
  ])('C=%i n=%i on %i×%i', (c, n, h, w, ws, w1, ms, m1) => {
    const r = stackedVsSingle(c, n, { h, w });
    expect([r.stacked.weights, r.single.weights]).toEqual([ws, w1]);
    expect([r.stacked.macs, r.single.macs]).toEqual([ms, m1]);
    expect([r.stacked.biases, r.single.biases]).toEqual([n * c, c]);
    expect(r.stacked.total).toBe(ws + n * c);
    expect([r.stacked.nonlinearities, r.single.nonlinearities]).toEqual([n, 1]);
  });

  it.each([
    [1, 3],
    [2, 5],
    [3, 7],
    [5, 11],
  ])('n=%i: both fields are %i×%i', (n, field) => {
    const r = stackedVsSingle(8, n);
    expect(r.stacked.field).toBe(field);
    expect(r.single.field).toBe(field);
    expect(r.field).toBe(field);
    expect(r.single.kernel).toBe(field);
  });

  it('18C² vs 25C² and 27C² vs 49C², whatever C', () => {
    for (const c of [1, 3, 64, 256]) {
      expect(stackedVsSingle(c, 2).stacked.weights / (c * c)).toBe(18);
      expect(stackedVsSingle(c, 2).single.weights / (c * c)).toBe(25);
      expect(stackedVsSingle(c, 3).stacked.weights / (c * c)).toBe(27);
      expect(stackedVsSingle(c, 3).single.weights / (c * c)).toBe(49);
    }
  });

  it('default map is 1×1: MACs per output position equal the weights', () => {
    const r = stackedVsSingle(16, 2);
    expect(r.stacked.macs).toBe(r.stacked.weights);
  });

  it.each([2, 3])('agrees with analyze on the networks it describes (n=%i)', (n) => {
    const c = 32;
    const k = 2 * n + 1;
    const stack: Layer[] = Array.from({ length: n }, () => [
      { kind: 'conv', out: c, k: 3, p: 'same' } as Layer,
      { kind: 'relu' } as Layer,
    ]).flat();
    const single: Layer[] = [{ kind: 'conv', out: c, k, p: 'same' }, { kind: 'relu' }];
    const input = { h: 20, w: 24, c };
    const a = analyze(stack, input);
    const b = analyze(single, input);
    if (!a.ok || !b.ok) throw new Error('analyze failed');
    const r = stackedVsSingle(c, n, { h: 20, w: 24 });
    expect(a.value.totals.params).toEqual({
      weights: r.stacked.weights,
      biases: r.stacked.biases,
      total: r.stacked.total,
    });
    expect(b.value.totals.params).toEqual({
      weights: r.single.weights,
      biases: r.single.biases,
      total: r.single.total,
    });
    expect([a.value.totals.macs, b.value.totals.macs]).toEqual([r.stacked.macs, r.single.macs]);
    expect([a.value.rf.h.r, b.value.rf.h.r]).toEqual([k, k]);
  });
});
