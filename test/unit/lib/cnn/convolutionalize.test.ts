import { describe, expect, it } from 'vitest';
import { analyze, denseToConvFilter, fcAsConv, presets, vgg16Convolutionalized } from '~/lib/cnn';

describe('fcAsConv: a dense layer on an h×w×C map = an h×w convolution, same parameters', () => {
  it.each([
    // map, units, bias, weights, biases — the lecture note's two examples, and AlexNet / VGG fc6
    [{ h: 20, w: 20, c: 1000 }, 1000, false, 400_000_000, 0],
    [{ h: 4, w: 4, c: 16 }, 10, true, 2_560, 10],
    [{ h: 6, w: 6, c: 256 }, 4096, true, 37_748_736, 4096],
    [{ h: 7, w: 7, c: 512 }, 4096, true, 102_760_448, 4096],
    [{ h: 1, w: 1, c: 4096 }, 4096, true, 16_777_216, 4096],
  ])('%j → %i (bias %s): %i weights + %i biases both ways', (map, units, bias, weights, biases) => {
    const r = fcAsConv(map, units, bias);
    expect(r.nIn).toBe(map.h * map.w * map.c);
    expect(r.fc).toEqual({ weights, biases, total: weights + biases });
    expect(r.conv).toEqual(r.fc);
  });
  it('the note’s "20×20×1000×100" is off by a factor of 10 from the real 4×10⁸', () => {
    const r = fcAsConv({ h: 20, w: 20, c: 1000 }, 1000, false);
    expect(r.conv.weights / (20 * 20 * 1000 * 100)).toBe(10);
    expect(r.conv.weights).toBe(4e8);
  });
  it('agrees with analyze: flatten + fc and the h×w convolution count the same, and only the conv accepts a larger map', () => {
    const small = { h: 4, w: 4, c: 16 };
    const dense = analyze([{ kind: 'flatten' }, { kind: 'fc', out: 10 }], small);
    const conv = analyze([{ kind: 'conv', out: 10, k: 4 }], small);
    if (!dense.ok || !conv.ok) throw new Error('expected ok');
    expect(dense.value.totals.params).toEqual(fcAsConv(small, 10).fc);
    expect(conv.value.totals.params).toEqual(fcAsConv(small, 10).conv);
    expect(conv.value.output).toEqual({ h: 1, w: 1, c: 10 });
    // on a 9×9 map the convolution slides: a 6×6 grid of 10 scores; flatten + fc would need 1,296 inputs
    const big = analyze([{ kind: 'conv', out: 10, k: 4 }], { h: 9, w: 9, c: 16 });
    if (!big.ok) throw new Error('expected ok');
    expect(big.value.output).toEqual({ h: 6, w: 6, c: 10 });
  });
});

describe('denseToConvFilter: F[y][x][c][m] = W[(y·w + x)·C + c][m]', () => {
  it('moves every weight to its (y, x, c, m) place — in TensorFlow layouts the data is unchanged', () => {
    const map = { h: 2, w: 3, c: 2 };
    const units = 4;
    const weights = Array.from({ length: 12 * units }, (_, i) => i + 0.5);
    const f = denseToConvFilter(weights, map, units);
    expect(f.shape).toEqual([2, 3, 2, 4]);
    // W[n = (1·3 + 2)·2 + 1 = 11][m = 3] sits at F[1][2][1][3]
    expect(f.data[((1 * 3 + 2) * 2 + 1) * 4 + 3]).toBe(weights[11 * 4 + 3]);
    expect(Array.from(f.data)).toEqual(weights);
  });
});

describe('VGG-16 convolutionalised', () => {
  const net = vgg16Convolutionalized();
  it.each([
    // input side, score map side: pool5 is side/32, the 7×7 fc6 leaves side/32 − 6
    [224, 1],
    [256, 2],
    [384, 6],
    [512, 10],
  ])('on %i×%i: %i×%i×1000 scores, the same 138,357,544 parameters as VGG-16', (side, out) => {
    const a = analyze(net, { h: side, w: side, c: 3 });
    if (!a.ok) throw new Error(a.problems[0]!.code);
    expect(a.value.output).toEqual({ h: out, w: out, c: 1000 });
    expect(a.value.totals.params.total).toBe(138_357_544);
  });
  it('on 224×224 it costs exactly what VGG-16 costs', () => {
    const a = analyze(net, { h: 224, w: 224, c: 3 });
    const v = analyze(presets.vgg16.network, presets.vgg16.input);
    if (!a.ok || !v.ok) throw new Error('expected ok');
    expect(a.value.totals.macs).toBe(v.value.totals.macs);
  });
  it('VGG-16 with its dense classifier cannot take 384×384: fc6 would get 73,728 values, not 25,088', () => {
    const a = analyze(presets.vgg16.network, { h: 384, w: 384, c: 3 });
    // analyze counts a dense layer on any vector length; the weights trained for 7·7·512 inputs do not fit
    if (!a.ok) throw new Error('expected ok');
    expect(a.value.rows.find((r) => r.name === 'fc6')!.input).toEqual({ size: 12 * 12 * 512 });
    expect(7 * 7 * 512).toBe(25_088);
  });
});
