import { describe, expect, it } from 'vitest';
import {
  bnParams,
  convParams,
  convTParams,
  fcParams,
  receptiveField,
  stackedVsSingle,
} from '~/lib/cnn/formulas';

describe('convParams: weights = k_h·k_w·(C_in/groups)·C_out, biases = C_out', () => {
  it.each([
    // label, input, weights, biases
    ['AlexNet conv1', { k: 11, cIn: 3, cOut: 96 }, 34_848, 96],
    ['AlexNet conv2 (2 groups)', { k: 5, cIn: 96, cOut: 256, groups: 2 }, 307_200, 256],
    ['AlexNet conv3', { k: 3, cIn: 256, cOut: 384 }, 884_736, 384],
    ['3×3, 64 → 64, no bias', { k: 3, cIn: 64, cOut: 64, bias: false }, 36_864, 0],
    ['1×7 kernel', { kh: 1, kw: 7, cIn: 16, cOut: 8 }, 896, 8],
    ['depthwise 3×3 on 32 channels', { k: 3, cIn: 32, cOut: 32, groups: 32 }, 288, 32],
    ['1×1, 256 → 64', { k: 1, cIn: 256, cOut: 64, bias: false }, 16_384, 0],
  ] as const)('%s', (_label, input, weights, biases) => {
    expect(convParams(input)).toEqual({ weights, biases, total: weights + biases });
  });

  it('ResNet bottleneck at 256-d (1×1 64, 3×3 64, 1×1 256) has 69,632 weights', () => {
    const w = [
      convParams({ k: 1, cIn: 256, cOut: 64, bias: false }),
      convParams({ k: 3, cIn: 64, cOut: 64, bias: false }),
      convParams({ k: 1, cIn: 64, cOut: 256, bias: false }),
    ].reduce((a, p) => a + p.weights, 0);
    expect(w).toBe(69_632);
  });

  // Invariant: grouping divides the weights by the number of groups, biases unchanged.
  it.each([
    [3, 96, 256, 2],
    [5, 64, 128, 4],
    [1, 48, 48, 48],
    [3, 192, 384, 3],
  ])('k=%i %i→%i: groups=%i gives 1/groups of the weights', (k, cIn, cOut, groups) => {
    const one = convParams({ k, cIn, cOut });
    const grouped = convParams({ k, cIn, cOut, groups });
    expect(grouped.weights * groups).toBe(one.weights);
    expect(grouped.biases).toBe(one.biases);
  });
});

describe('fcParams, convTParams, bnParams', () => {
  it.each([
    [9216, 4096, true, 37_752_832], // AlexNet fc6
    [4096, 4096, true, 16_781_312], // fc7
    [4096, 1000, true, 4_097_000], // fc8
    [25_088, 4096, true, 102_764_544], // VGG-16 fc6
    [10, 5, false, 50],
  ])('fc %i → %i (bias %s) = %i', (nIn, nOut, bias, total) =>
    expect(fcParams(nIn, nOut, bias).total).toBe(total),
  );
  it('convT 4×4, 128 → 64: 131,072 weights + 64 biases', () => {
    expect(convTParams(4, 4, 128, 64)).toEqual({ weights: 131_072, biases: 64, total: 131_136 });
  });
  it('bn has γ and β per channel', () =>
    expect(bnParams(64)).toEqual({ weights: 64, biases: 64, total: 128 }));
});

describe("receptiveField: r = 1 + Σ (k'_l − 1)·Π_{i<l} s_i", () => {
  it.each([
    ['one 3×3', [{ k: 3 }], 3, 1],
    ['two 3×3', [{ k: 3 }, { k: 3 }], 5, 1],
    ['three 3×3', [{ k: 3 }, { k: 3 }, { k: 3 }], 7, 1],
    ['3×3 dilation 2', [{ k: 3, d: 2 }], 5, 1],
    ['2×2/2 pool then 3×3', [{ k: 2, s: 2 }, { k: 3 }], 6, 2],
    [
      'AlexNet to pool5',
      [
        { k: 11, s: 4 },
        { k: 3, s: 2 },
        { k: 5 },
        { k: 3, s: 2 },
        { k: 3 },
        { k: 3 },
        { k: 3 },
        { k: 3, s: 2 },
      ],
      195,
      32,
    ],
  ] as const)('%s: r=%i, j=%i', (_label, layers, r, j) => {
    const f = receptiveField([...layers]);
    expect(f.r).toBe(r);
    expect(f.j).toBe(j);
    expect(f.layers).toHaveLength(layers.length);
  });
  it('padding moves the start: two 3×3 with p=1 start at −2', () => {
    expect(
      receptiveField([
        { k: 3, p: 1 },
        { k: 3, p: 1 },
      ]),
    ).toMatchObject({ r: 5, j: 1, start: -2 });
  });
  it('AlexNet per-layer fields', () => {
    const f = receptiveField([
      { k: 11, s: 4 },
      { k: 3, s: 2 },
      { k: 5, p: 2 },
    ]);
    expect(f.layers.map((x) => x.r)).toEqual([11, 19, 51]);
    expect(f.layers.map((x) => x.j)).toEqual([4, 8, 8]);
  });
});

describe('stackedVsSingle: n·9·C² vs (2n + 1)²·C²', () => {
  it.each([
    [2, 18, 25, 5],
    [3, 27, 49, 7],
    [1, 9, 9, 3],
  ])('n=%i: %iC² vs %iC², field %i', (n, stacked, single, field) => {
    const c = 64;
    const r = stackedVsSingle(c, n);
    expect(r.stacked.weights).toBe(stacked * c * c);
    expect(r.single.weights).toBe(single * c * c);
    expect(r.field).toBe(field);
    expect(r.ratio).toBeCloseTo(stacked / single);
  });
});
