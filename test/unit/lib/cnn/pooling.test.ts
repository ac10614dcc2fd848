import { describe, expect, it } from 'vitest';
import { outputSize, placementCount, placementCounts } from '~/lib/cnn/conv-arithmetic';
import { pool2d, poolWindow } from '~/lib/cnn/pooling';

describe('outputSize in ceil mode: o = ⌈(n + 2p − k)/s⌉ + 1', () => {
  it.each([
    // n, k, p, s, floor, ceil — hand computations and published networks
    [112, 3, 0, 2, 55, 56], // GoogLeNet pool1 (Caffe): 109/2 = 54.5
    [56, 3, 0, 2, 27, 28], // GoogLeNet pool2 → inception 3a is 28×28
    [28, 3, 0, 2, 13, 14], // GoogLeNet pool3
    [14, 3, 0, 2, 6, 7], // GoogLeNet pool4
    [55, 3, 0, 2, 27, 27], // AlexNet pool1: (55 − 3)/2 is whole, both agree
    [13, 3, 0, 2, 6, 6], // AlexNet pool5
    [5, 2, 0, 2, 2, 3], // odd map, 2×2 pool: the last column gets its own window
    [4, 2, 0, 2, 2, 2],
    [7, 3, 0, 3, 2, 3],
    [1, 1, 0, 1, 1, 1],
    [6, 2, 1, 2, 4, 4], // ceil would start a window at 8 ≥ n + p = 7: dropped again
    [5, 3, 1, 2, 3, 3],
  ])('n=%i k=%i p=%i s=%i → floor %i, ceil %i', (n, k, p, s, floor, ceil) => {
    expect(outputSize(n, k, p, s)).toBe(floor);
    expect(outputSize(n, k, p, s, 1, true)).toBe(ceil);
  });

  it('is still null when the window fits nowhere', () => expect(outputSize(2, 3, 0, 1, 1, true)).toBeNull());
});

describe('placementCount: how many kernel placements read each pixel', () => {
  it.each([
    // i, n, k, p, s, d, count
    [0, 8, 3, 1, 1, 1, 2], // same padding: the border row is read twice …
    [1, 8, 3, 1, 1, 1, 3], // … the next one three times
    [4, 8, 3, 1, 1, 1, 3],
    [7, 8, 3, 1, 1, 1, 2],
    [0, 8, 3, 0, 1, 1, 1], // valid: the corner is read once
    [2, 8, 3, 0, 1, 1, 3],
    [0, 8, 3, 2, 1, 1, 3], // p = k − 1 ("full"): every pixel 3 times
    [7, 8, 3, 2, 1, 1, 3],
    [0, 8, 5, 2, 1, 1, 3], // k = 5 same padding: 3, 4, 5, …
    [1, 8, 5, 2, 1, 1, 4],
    [2, 8, 5, 2, 1, 1, 5],
    [0, 8, 3, 0, 2, 1, 1], // stride 2, valid: 1, 1, 2, 1, 2, 1, 1, 0
    [2, 8, 3, 0, 2, 1, 2],
    [7, 8, 3, 0, 2, 1, 0], // never read (the floor drops it)
    [2, 8, 3, 0, 1, 2, 2], // dilation 2: taps j, j + 2, j + 4 with j = 0 … 3 reach pixel 2 twice
  ])('pixel %i of n=%i, k=%i, p=%i, s=%i, d=%i → %i', (i, n, k, p, s, d, count) => {
    expect(placementCount(i, n, k, p, s, d)).toBe(count);
  });

  it('gives corner 4, edge 6, interior 9 in 2-D for k = 3, p = 1 (row count × column count)', () => {
    const along = placementCounts(8, 3, 1);
    expect(along[0]! * along[0]!).toBe(4);
    expect(along[0]! * along[3]!).toBe(6);
    expect(along[3]! * along[3]!).toBe(9);
  });

  it('is uniform only for p = k − 1', () => {
    for (const k of [1, 3, 5])
      for (let p = 0; p < k; p++) {
        const counts = placementCounts(9, k, p);
        expect(new Set(counts).size === 1).toBe(p === k - 1);
      }
  });

  it.each([
    [-1, 8, 3, 1],
    [8, 8, 3, 1],
    [0.5, 8, 3, 1],
    [0, 2, 5, 0],
  ])('is null for pixel %s of n=%i k=%i p=%i', (i, n, k, p) => expect(placementCount(i, n, k, p)).toBeNull());
  it('lists nothing for an impossible setting', () => expect(placementCounts(2, 5, 0)).toEqual([]));

  it('agrees with counting every placement j and tap t by hand, over many settings', () => {
    for (const [n, k, p, s, d] of [
      [9, 3, 1, 2, 1],
      [10, 3, 0, 3, 2],
      [12, 4, 3, 2, 3],
      [7, 7, 3, 1, 1],
      [11, 2, 1, 4, 5],
      [6, 1, 0, 5, 1],
    ] as const) {
      const o = Math.floor((n + 2 * p - (k + (k - 1) * (d - 1))) / s) + 1;
      const byHand = Array.from({ length: n }, (_, i) => {
        let count = 0;
        for (let j = 0; j < o; j++) for (let t = 0; t < k; t++) if (j * s + t * d === i + p) count += 1;
        return count;
      });
      expect(placementCounts(n, k, p, s, d), `n=${n} k=${k} p=${p} s=${s} d=${d}`).toEqual(byHand);
    }
  });

  it('counts a 100 000-pixel axis at once (linear in n·k)', () => {
    const started = performance.now();
    const along = placementCounts(100_000, 3, 1);
    expect(along).toHaveLength(100_000);
    expect([along[0], along[50_000], along[99_999]]).toEqual([2, 3, 2]);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('pool2d: max and average pooling reference', () => {
  const x = [
    [1, 3, 2, 4],
    [5, 6, 1, 0],
    [7, 2, 9, 8],
    [3, 4, 6, 5],
  ];

  it('max-pools 2×2 windows with stride 2', () => {
    const r = pool2d(x, { k: 2, s: 2, mode: 'max' });
    expect(r.ok && r.value.output).toEqual([
      [6, 4],
      [7, 9],
    ]);
    expect(r.ok && r.value.argmax).toEqual([
      [
        [1, 1],
        [0, 3],
      ],
      [
        [2, 0],
        [2, 2],
      ],
    ]);
  });

  it('average-pools 2×2 windows with stride 2', () => {
    const r = pool2d(x, { k: 2, s: 2, mode: 'avg' });
    expect(r.ok && r.value.output).toEqual([
      [15 / 4, 7 / 4],
      [16 / 4, 28 / 4],
    ]);
  });

  it('overlaps 3×3 windows with stride 1 (AlexNet-style overlap)', () => {
    const r = pool2d(x, { k: 3, s: 1, mode: 'max' });
    expect(r.ok && r.value.output).toEqual([
      [9, 9],
      [9, 9],
    ]);
  });

  it('adds a clipped window in ceil mode and averages only the cells it covers', () => {
    const y = [
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ];
    const floor = pool2d(y, { k: 2, s: 2, mode: 'avg' });
    expect(floor.ok && floor.value.output).toEqual([[3]]);
    const ceil = pool2d(y, { k: 2, s: 2, mode: 'avg', ceil: true });
    expect(ceil.ok && ceil.value.output).toEqual([
      [3, 4.5],
      [7.5, 9],
    ]);
    expect(ceil.ok && ceil.value.windows[1]![1]).toEqual({
      row: 2,
      col: 2,
      rowEnd: 2,
      colEnd: 2,
      clipped: true,
    });
    const max = pool2d(y, { k: 2, s: 2, mode: 'max', ceil: true });
    expect(max.ok && max.value.output).toEqual([
      [5, 6],
      [8, 9],
    ]);
  });

  it('keeps the first maximum on ties', () => {
    const r = pool2d(
      [
        [2, 2],
        [2, 2],
      ],
      { k: 2, s: 2, mode: 'max' },
    );
    expect(r.ok && r.value.argmax[0]![0]).toEqual([0, 0]);
  });

  it.each([
    [{ k: 0, s: 1 }, 'notPositive'],
    [{ k: 2, s: 1.5 }, 'notInteger'],
    [{ k: 5, s: 1 }, 'kernelTooLarge'],
  ])('reports %j as %s', (bad, code) => {
    const r = pool2d(x, { ...bad, mode: 'max' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.code)).toContain(code);
  });

  it('rejects a ragged or non-finite input', () => {
    expect(pool2d([[1, 2], [3]], { k: 1, s: 1, mode: 'max' }).ok).toBe(false);
    expect(pool2d([[1, Number.NaN]], { k: 1, s: 1, mode: 'max' }).ok).toBe(false);
    expect(pool2d([], { k: 1, s: 1, mode: 'max' }).ok).toBe(false);
  });

  it('windows are k wide except at the clipped edge', () =>
    expect(poolWindow(0, 1, 4, 4, 2, 2)).toEqual({ row: 0, col: 2, rowEnd: 1, colEnd: 3, clipped: false }));
});
