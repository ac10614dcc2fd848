import { describe, expect, it } from 'vitest';
import { bandScale, linearScale, linearTicks, px } from '~/components/widgets/shared/svg-chart';

describe('linearScale', () => {
  it.each([
    [[0, 10], [0, 100], 5, 50],
    [[0, 280], [210, 22], 0, 210],
    [[0, 280], [210, 22], 280, 22],
    [[-4, 4], [40, 248], 0, 144],
    [[3, 3], [0, 100], 3, 0], // an empty domain maps everything to r₀
  ] as const)('%o → %o: %d ↦ %d', (domain, range, x, want) =>
    expect(linearScale(domain, range)(x)).toBeCloseTo(want, 10),
  );
});

describe('linearTicks', () => {
  it.each([
    // DenseBlock's default axis: 0 … 1.12 × 256 with 5 ticks, step 50 (as Plot/d3 chose)
    [0, 286.72, 5, [0, 50, 100, 150, 200, 250]],
    [0, 1, 5, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [-0.05, 1.05, 5, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [-1.05, 1.05, 5, [-1, -0.5, 0, 0.5, 1]],
    [-4, 4, 5, [-4, -2, 0, 2, 4]],
    [1, 20, 5, [5, 10, 15, 20]],
    [1, 2, 1, [1, 2]],
    [0, 0.3, 3, [0, 0.1, 0.2, 0.3]], // no 0.30000000000000004
    [0, 12_000, 4, [0, 2000, 4000, 6000, 8000, 10_000, 12_000]], // 3000 is nearer 2000 than 5000 (by ratio)
  ])('[%d, %d], about %d ticks', (lo, hi, count, want) => expect(linearTicks(lo, hi, count)).toEqual(want));

  it('an empty or reversed range gives its one value', () => {
    expect(linearTicks(5, 5)).toEqual([5]);
    expect(linearTicks(5, 1)).toEqual([5]);
  });
});

describe('bandScale', () => {
  it('n bands of (1 − padding) steps with padding·step outside and between them', () => {
    const b = bandScale(['a', 'b', 'c'], [0, 310], 0.1);
    expect(b.step).toBeCloseTo(100, 10); // 310 / (3 + 0.1)
    expect(b.bandwidth).toBeCloseTo(90, 10);
    expect(b.x('a')).toBeCloseTo(10, 10);
    expect(b.x('c')).toBeCloseTo(210, 10);
    expect(b.x('c') + b.bandwidth + 0.1 * b.step).toBeCloseTo(310, 10); // ends at r₁
  });
});

describe('px', () => {
  it.each([
    [177.21540178571428, 177.2],
    [0.05, 0.1],
    [-3.04, -3],
  ])('%d → %d', (x, want) => expect(px(x)).toBe(want));
});
