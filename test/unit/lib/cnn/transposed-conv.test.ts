import { describe, expect, it } from 'vitest';
import {
  applyMatrix,
  checkerboardExpected,
  convMatrix1d,
  transposeMatrix,
  overlapCounts1d,
  overlapPattern,
  referenceConvTranspose,
  scatterFootprint,
  transposedLayout,
} from '~/lib/cnn/transposed-conv';
import { mulberry32, referenceConv } from '~/lib/cnn';

describe('transposedLayout: o = s(i − 1) + a + k − 2p, canvas s(i − 1) + k', () => {
  it.each([
    // i, k, s, p, a, o, full
    [3, 3, 2, 0, 0, 7, 7],
    [3, 3, 2, 1, 0, 5, 7],
    [3, 3, 2, 1, 1, 6, 7],
    [4, 4, 2, 1, 0, 8, 10],
    [2, 3, 1, 0, 0, 4, 4],
    [16, 64, 32, 16, 0, 512, 544], // FCN-32s ×32
    [1, 1, 1, 0, 0, 1, 1],
  ])('i=%i k=%i s=%i p=%i a=%i → o=%i, canvas %i', (i, k, s, p, a, o, full) => {
    expect(transposedLayout({ i, k, s, p, a })).toEqual({ ok: true, value: { o, full } });
  });
  it.each([
    [{ i: 3, k: 3, s: 2, p: 0, a: 2 }, 'outputPaddingTooLarge'],
    [{ i: 1, k: 2, s: 1, p: 1, a: 0 }, 'paddingTooLarge'],
    [{ i: 0, k: 3, s: 1, p: 0, a: 0 }, 'notPositive'],
    [{ i: 3, k: 2.5, s: 1, p: 0, a: 0 }, 'notInteger'],
    [{ i: 3, k: 3, s: 1, p: -1, a: 0 }, 'negative'],
    [{ i: 3, k: 3, s: Number.NaN, p: 0, a: 0 }, 'missing'],
  ])('%j → %s', (axis, code) => {
    const r = transposedLayout(axis);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.code).toBe(code);
  });
});

describe('overlapCounts1d: how many kernel copies land on each output position', () => {
  it.each([
    // by hand: input positions j scatter k taps to j·s + t − p
    [{ i: 3, k: 3, s: 2, p: 0, a: 0 }, [1, 1, 2, 1, 2, 1, 1]],
    [{ i: 3, k: 4, s: 2, p: 0, a: 0 }, [1, 1, 2, 2, 2, 2, 1, 1]],
    [{ i: 3, k: 4, s: 2, p: 1, a: 0 }, [1, 2, 2, 2, 2, 1]],
    [{ i: 3, k: 1, s: 2, p: 0, a: 0 }, [1, 0, 1, 0, 1]], // k < s leaves holes
    [{ i: 3, k: 3, s: 1, p: 1, a: 0 }, [2, 3, 2]], // stride 1: an ordinary "same" conv's transpose
    [{ i: 2, k: 3, s: 2, p: 1, a: 1 }, [1, 2, 1, 1]], // output padding adds a row the scatter reaches
    [{ i: 2, k: 3, s: 3, p: 0, a: 2 }, [1, 1, 1, 1, 1, 1, 0, 0]], // … or one it never reaches
  ])('%j → %j', (axis, counts) => {
    expect(overlapCounts1d(axis)).toEqual({ ok: true, value: counts });
  });
  it('every count sums to i·k minus the taps cropped away', () => {
    const r = overlapCounts1d({ i: 5, k: 5, s: 3, p: 2, a: 0 });
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.reduce((a, b) => a + b, 0)).toBe(5 * 5 - 2 * 2);
  });
  it('passes problems through', () => {
    expect(overlapCounts1d({ i: 3, k: 3, s: 0, p: 0, a: 0 }).ok).toBe(false);
  });
});

describe('overlapPattern: the checkerboard appears exactly when s does not divide k', () => {
  it.each([
    [3, 2, true, [1, 2, 4]],
    [4, 2, false, [4]],
    [2, 2, false, [1]],
    [5, 2, true, [4, 6, 9]],
    [3, 3, false, [1]],
    [4, 3, true, [1, 2, 4]],
    [1, 2, true, [0, 1]],
    [3, 1, false, [9]],
    [16, 8, false, [4]],
  ])('k=%i s=%i → uneven %s, interior counts %j', (k, s, uneven, interior) => {
    const r = overlapPattern(6, 6, k, s, 0);
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.uneven).toBe(uneven);
    expect(r.value.interior).toEqual(interior);
    expect(checkerboardExpected(k, s)).toBe(uneven);
  });
  it('the grid is the outer product of the axis counts', () => {
    const r = overlapPattern(2, 3, 3, 2, 0);
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.rows).toEqual([1, 1, 2, 1, 1]);
    expect(r.value.cols).toEqual([1, 1, 2, 1, 2, 1, 1]);
    expect(r.value.grid[2]).toEqual([2, 2, 4, 2, 4, 2, 2]);
    expect([r.value.min, r.value.max]).toEqual([1, 4]);
  });
  it('reports problems of either axis once', () => {
    const r = overlapPattern(3, 3, 3, 2, 0, 5);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.code)).toEqual(['outputPaddingTooLarge']);
  });
});

/** x ⊛ᵀ w by its definition as a matrix: the transpose of the convolution's matrix applied to x. */
function transposeOfConv(
  input: number[][][],
  kernels: number[][][][],
  s: number,
  p: number,
  oh: number,
  ow: number,
): number[][][] {
  // Column (m, Y, X) of the convolution matrix: convolve a one-hot image at (m, Y, X) with the
  // kernels read as C_in → C_out (w[m][c] maps output channel m of the transposed conv to c).
  const cOut = kernels.length;
  const swapped = input.map((_, c) => kernels.map((bank) => bank[c]!));
  const out = Array.from({ length: cOut }, () =>
    Array.from({ length: oh }, () => new Array<number>(ow).fill(0)),
  );
  for (let m = 0; m < cOut; m++)
    for (let Y = 0; Y < oh; Y++)
      for (let X = 0; X < ow; X++) {
        const onehot = Array.from({ length: cOut }, (_, mm) =>
          Array.from({ length: oh }, (_, y) =>
            Array.from({ length: ow }, (_, x) => (mm === m && y === Y && x === X ? 1 : 0)),
          ),
        );
        const col = referenceConv(onehot, swapped, [], s, p);
        // ⟨conv(e), x⟩ is the (m, Y, X) entry of convᵀ(x)
        let dot = 0;
        for (let c = 0; c < input.length; c++)
          for (let r = 0; r < input[0]!.length; r++)
            for (let q = 0; q < input[0]![0]!.length; q++) dot += (col[c]?.[r]?.[q] ?? 0) * input[c]![r]![q]!;
        out[m]![Y]![X] = dot;
      }
  return out;
}

describe('referenceConvTranspose (scatter form)', () => {
  it('2×2 input, 3×3 kernel of ones, s = 2: overlaps add up (by hand)', () => {
    const ones = [
      [
        [
          [1, 1, 1],
          [1, 1, 1],
          [1, 1, 1],
        ],
      ],
    ];
    const r = referenceConvTranspose(
      [
        [
          [1, 2],
          [3, 4],
        ],
      ],
      ones,
      [0],
      2,
      0,
    );
    expect(r).toEqual({
      ok: true,
      value: [
        [
          [1, 1, 3, 2, 2],
          [1, 1, 3, 2, 2],
          [4, 4, 10, 6, 6],
          [3, 3, 7, 4, 4],
          [3, 3, 7, 4, 4],
        ],
      ],
    });
  });
  it('padding crops, output padding adds a row and column holding only the bias', () => {
    const k = [
      [
        [
          [1, 2],
          [3, 4],
        ],
      ],
    ];
    const r = referenceConvTranspose([[[1]]], k, [0.5], 2, 0, 1);
    expect(r).toEqual({
      ok: true,
      value: [
        [
          [1.5, 2.5, 0.5],
          [3.5, 4.5, 0.5],
          [0.5, 0.5, 0.5],
        ],
      ],
    });
    const cropped = referenceConvTranspose(
      [
        [
          [1, 1],
          [1, 1],
        ],
      ],
      [
        [
          [
            [1, 1, 1],
            [1, 1, 1],
            [1, 1, 1],
          ],
        ],
      ],
      [0],
      2,
      1,
    );
    expect(cropped).toEqual({
      ok: true,
      value: [
        [
          [1, 2, 1],
          [2, 4, 2],
          [1, 2, 1],
        ],
      ],
    });
  });
  it('with all-ones input and kernel it returns the overlap counts', () => {
    const ones = (n: number) => Array.from({ length: n }, () => new Array<number>(n).fill(1));
    for (const [k, s, p] of [
      [3, 2, 0],
      [4, 2, 1],
      [5, 3, 1],
    ] as const) {
      const r = referenceConvTranspose([ones(4)], [[ones(k)]], [0], s, p);
      const c = overlapPattern(4, 4, k, s, p);
      if (!r.ok || !c.ok) throw new Error('expected ok');
      expect(r.value[0]).toEqual(c.value.grid);
    }
  });
  it.each([
    [1, 2, 3, 2, 1],
    [2, 3, 3, 2, 0],
    [3, 2, 4, 2, 1],
    [2, 2, 3, 1, 1],
  ])('C_in=%i C_out=%i k=%i s=%i p=%i equals the transpose of the convolution', (cIn, cOut, k, s, p) => {
    const rnd = mulberry32(cIn * 100 + cOut * 10 + k);
    const input = Array.from({ length: cIn }, () =>
      Array.from({ length: 3 }, () => Array.from({ length: 3 }, () => rnd() - 0.5)),
    );
    const kernels = Array.from({ length: cOut }, () =>
      Array.from({ length: cIn }, () =>
        Array.from({ length: k }, () => Array.from({ length: k }, () => rnd() - 0.5)),
      ),
    );
    const r = referenceConvTranspose(input, kernels, [], s, p);
    if (!r.ok) throw new Error('expected ok');
    const oh = r.value[0]!.length;
    const expected = transposeOfConv(input, kernels, s, p, oh, oh);
    r.value.forEach((plane, m) =>
      plane.forEach((row, y) => row.forEach((v, x) => expect(v).toBeCloseTo(expected[m]![y]![x]!, 10))),
    );
  });
  it('steps scatter only the first input positions, in reading order', () => {
    const k = [
      [
        [
          [1, 1],
          [1, 1],
        ],
      ],
    ];
    const r = referenceConvTranspose(
      [
        [
          [1, 2],
          [3, 4],
        ],
      ],
      k,
      [0],
      1,
      0,
      0,
      2,
    );
    expect(r).toEqual({
      ok: true,
      value: [
        [
          [1, 3, 2],
          [1, 3, 2],
          [0, 0, 0],
        ],
      ],
    });
    const none = referenceConvTranspose(
      [
        [
          [1, 2],
          [3, 4],
        ],
      ],
      k,
      [0],
      1,
      0,
      0,
      0,
    );
    expect(none).toEqual({
      ok: true,
      value: [
        [
          [0, 0, 0],
          [0, 0, 0],
          [0, 0, 0],
        ],
      ],
    });
  });
  it('returns problems for impossible settings and mismatched channels', () => {
    expect(referenceConvTranspose([[[1]]], [[[[1]]]], [0], 2, 0, 2).ok).toBe(false);
    const r = referenceConvTranspose([[[1]], [[1]]], [[[[1]]]], [0], 1, 0);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toEqual({ code: 'channelMismatch', values: { kernel: 1, input: 2 } });
  });
});

describe('scatterFootprint', () => {
  it.each([
    [0, 0, 3, 2, 0, 7, 7, { top: 0, left: 0, bottom: 2, right: 2 }],
    [1, 2, 3, 2, 0, 7, 7, { top: 2, left: 4, bottom: 4, right: 6 }],
    [0, 0, 4, 2, 1, 6, 6, { top: 0, left: 0, bottom: 2, right: 2 }],
    [2, 2, 4, 2, 1, 6, 6, { top: 3, left: 3, bottom: 5, right: 5 }],
  ])('(%i, %i) k=%i s=%i p=%i in %i×%i → %j', (r, c, k, s, p, oh, ow, box) => {
    expect(scatterFootprint(r, c, k, s, p, oh, ow)).toEqual(box);
  });
});

describe('convMatrix1d, transposeMatrix, applyMatrix: the transposed convolution is Cᵀ', () => {
  it('C for i = 4, k = 3, s = 1 (by hand) and the lesson’s "not an inverse" example', () => {
    const c = convMatrix1d(4, [1, 1, 1]);
    expect(c).toEqual([
      [1, 1, 1, 0],
      [0, 1, 1, 1],
    ]);
    const y = applyMatrix(c, [1, 2, 3, 4]);
    expect(y).toEqual([6, 9]);
    expect(applyMatrix(transposeMatrix(c), y)).toEqual([6, 15, 15, 9]);
  });
  it('stride and padding: i = 5, k = 3, s = 2, p = 1', () => {
    expect(convMatrix1d(5, [1, 2, 3], 2, 1)).toEqual([
      [2, 3, 0, 0, 0],
      [0, 1, 2, 3, 0],
      [0, 0, 0, 1, 2],
    ]);
  });
  it.each([
    [3, [0.5, -1, 2], 2, 0],
    [4, [1, 2, 3, 4], 2, 1],
    [3, [2, -1, 0.5], 1, 1],
  ])('Cᵀ·y in 2-D (separable kernel) equals the scatter reference: i=%i w=%j s=%i p=%i', (i, w, s, p) => {
    const rnd = mulberry32(7);
    const yy = Array.from({ length: i }, () => rnd() - 0.5);
    // the transposed conv's output length o is the length the convolution C reads
    const lay = transposedLayout({ i, k: w.length, s, p, a: 0 });
    if (!lay.ok) throw new Error('expected ok');
    const ct = transposeMatrix(convMatrix1d(lay.value.o, w, s, p));
    const along = applyMatrix(ct, yy);
    const outer = (u: number[], v: number[]) => u.map((a) => v.map((b) => a * b));
    const r = referenceConvTranspose([outer(yy, yy)], [[outer(w, w)]], [0], s, p);
    if (!r.ok) throw new Error('expected ok');
    const expected = outer(along, along);
    r.value[0]!.forEach((row, a) => row.forEach((v, b) => expect(v).toBeCloseTo(expected[a]![b]!, 10)));
  });
});
