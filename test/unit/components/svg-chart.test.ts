import { describe, expect, it } from 'vitest';
import {
  bandScale,
  linearScale,
  linearTicks,
  logScale,
  px,
  rectsPath,
} from '~/components/widgets/shared/svg-chart';

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

describe('logScale', () => {
  it.each([
    [[1, 1000], [0, 300], 1, 0],
    [[1, 1000], [0, 300], 10, 100],
    [[1, 1000], [0, 300], 1000, 300],
    [[1e9, 1e14], [112, 584], 1e12, 112 + (3 / 5) * 472],
    [[10, 1000], [300, 0], 100, 150], // a reversed range
    [[1, 1000], [0, 300], 0, 0], // no place on a log axis: r₀
    [[1, 1000], [0, 300], -5, 0],
    [[7, 7], [0, 100], 7, 0], // a domain of one point maps everything to r₀
    [[0, 100], [0, 100], 10, 0], // nor does a domain that starts at 0
  ] as const)('%o → %o: %d ↦ %d', (domain, range, x, want) =>
    expect(logScale(domain, range)(x)).toBeCloseTo(want, 10),
  );
});

describe('rectsPath', () => {
  it.each([
    ['none', [], ''],
    ['one', [{ x: 1, y: 2, width: 3, height: 4 }], 'M1 2h3v4h-3z'],
    [
      'two, in order, decimals kept',
      [
        { x: 10.5, y: 0, width: 7.2, height: 100 },
        { x: 0, y: 50.3, width: 7.2, height: 0 },
      ],
      'M10.5 0h7.2v100h-7.2zM0 50.3h7.2v0h-7.2z',
    ],
  ])('%s', (_name, rects, d) => {
    expect(rectsPath(rects)).toBe(d);
  });
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
