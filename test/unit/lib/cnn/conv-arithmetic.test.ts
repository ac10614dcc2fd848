import { describe, expect, it } from 'vitest';
import {
  checkWhole,
  convOutput,
  effectiveKernel,
  kernelTaps,
  outputSize,
  samePadding,
  transposedOutput,
} from '~/lib/cnn/conv-arithmetic';

describe("effectiveKernel: k' = k + (k − 1)(d − 1)", () => {
  it.each([
    [3, 1, 3],
    [3, 2, 5],
    [3, 4, 9],
    [5, 2, 9],
    [1, 7, 1],
  ])('k=%i d=%i → %i', (k, d, expected) => expect(effectiveKernel(k, d)).toBe(expected));
});

describe("outputSize: o = ⌊(n + 2p − k')/s⌋ + 1", () => {
  it.each([
    // n, k, p, s, d, o
    [227, 11, 0, 4, 1, 55], // AlexNet conv1
    [55, 3, 0, 2, 1, 27], // AlexNet pool1
    [27, 5, 2, 1, 1, 27], // AlexNet conv2
    [13, 3, 0, 2, 1, 6], // AlexNet pool5
    [224, 3, 1, 1, 1, 224], // VGG "same"
    [224, 7, 3, 2, 1, 112], // ResNet stem
    [112, 3, 1, 2, 1, 56], // ResNet max pool
    [10, 3, 0, 2, 1, 4], // floor drops one column
    [7, 3, 0, 1, 2, 3], // dilation 2: k' = 5
    [5, 3, 0, 1, 2, 1],
    [32, 3, 2, 1, 2, 32], // dilated "same": p = d
    [4, 5, 1, 1, 1, 2],
    [1, 1, 0, 1, 1, 1],
  ])('n=%i k=%i p=%i s=%i d=%i → %i', (n, k, p, s, d, o) => expect(outputSize(n, k, p, s, d)).toBe(o));

  it.each([
    [4, 5, 0, 1, 1, 'kernelTooLarge'],
    [5, 3, 0, 1, 3, 'kernelTooLarge'], // k' = 7 > 5
    [8, 3, 0, 0, 1, 'notPositive'],
    [8, 3, -1, 1, 1, 'negative'],
    [8, 3, 0, 1.5, 1, 'notInteger'],
    [8, 0, 0, 1, 1, 'notPositive'],
    [8, 3, 0, 1, 0, 'notPositive'],
    [200_000, 3, 0, 1, 1, 'tooLarge'],
  ])('n=%i k=%i p=%i s=%i d=%i is impossible (%s)', (n, k, p, s, d, code) => {
    expect(outputSize(n, k, p, s, d)).toBeNull();
    const r = convOutput({ n, k, p, s, d });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((x) => x.code)).toContain(code);
  });

  it("reports the untouched rest (n + 2p − k') mod s", () => {
    const r = convOutput({ n: 10, k: 3, p: 0, s: 2, d: 1 });
    expect(r.ok && r.value).toEqual({ o: 4, kEff: 3, padded: 10, span: 7, rest: 1 });
  });

  it('kernelTooLarge names the sizes', () => {
    const r = convOutput({ n: 4, k: 5, p: 0, s: 1, d: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.values).toMatchObject({ k: 5, padded: 4 });
  });
});

describe("samePadding: p = (k' − 1)/2 at stride 1", () => {
  it.each([
    [1, 1, 0],
    [3, 1, 1],
    [5, 1, 2],
    [7, 1, 3],
    [3, 2, 2],
    [3, 3, 3],
  ])('k=%i d=%i → p=%i', (k, d, p) => {
    const r = samePadding(k, d);
    expect(r).toEqual({ ok: true, value: p });
  });
  it.each([
    [2, 1, 1, 'sameNotInteger'],
    [4, 1, 1, 'sameNotInteger'],
    [2, 3, 1, 'sameNotInteger'], // k' = 4
    [3, 1, 2, 'sameNeedsStride1'],
    [0, 1, 1, 'notPositive'],
  ])('k=%i d=%i s=%i → %s', (k, d, s, code) => {
    const r = samePadding(k, d, s);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.code).toBe(code);
  });
});

describe("transposedOutput: o = s(i − 1) + a + k' − 2p", () => {
  it.each([
    // i, k, s, p, a, d, o
    [4, 4, 2, 1, 0, 1, 8], // the usual ×2 upsampling
    [7, 3, 2, 1, 1, 1, 14],
    [1, 4, 1, 0, 0, 1, 4],
    [3, 3, 1, 0, 0, 2, 7], // k' = 5
    [16, 64, 32, 16, 0, 1, 512], // FCN-32s style
  ])('i=%i k=%i s=%i p=%i a=%i d=%i → %i', (i, k, s, p, a, d, o) =>
    expect(transposedOutput(i, k, s, p, a, d)).toEqual({ ok: true, value: o }),
  );
  it.each([
    [4, 4, 2, 1, 2, 1, 'outputPaddingTooLarge'],
    [2, 3, 1, 5, 0, 1, 'paddingTooLarge'],
    [0, 3, 1, 0, 0, 1, 'notPositive'],
    [4, 3, 0, 0, 0, 1, 'notPositive'],
  ])('i=%i k=%i s=%i p=%i a=%i d=%i → %s', (i, k, s, p, a, d, code) => {
    const r = transposedOutput(i, k, s, p, a, d);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.code).toBe(code);
  });
});

describe('checkWhole and kernelTaps', () => {
  it.each([
    [3, 1, null],
    [0, 0, null],
    [0, 1, 'notPositive'],
    [-1, 0, 'negative'],
    [2.5, 0, 'notInteger'],
    [Number.POSITIVE_INFINITY, 0, 'notInteger'],
    [Number.NaN, 0, 'missing'],
  ] as const)('%s (min %i) → %s', (v, min, code) => {
    expect(checkWhole('k', v, min)?.code ?? null).toBe(code);
  });
  it('kernelTaps: placement j covers j·s + t·d', () => {
    expect(kernelTaps(2, 3, 2)).toEqual([4, 5, 6]);
    expect(kernelTaps(1, 3, 1, 2)).toEqual([1, 3, 5]);
  });
});
