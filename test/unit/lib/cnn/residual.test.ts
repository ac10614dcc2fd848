import { describe, expect, it } from 'vitest';
import {
  CLASSES,
  KERNEL,
  MAX_BLOCKS,
  SMALL_STD,
  barImages,
  barLength,
  chanceLoss,
  checkResidualConfig,
  checkTrainConfig,
  compareGradients,
  defaultResidualConfig,
  defaultTrainConfig,
  divergedAt,
  gradientNorm,
  initStd,
  initWeights,
  isResidualConfig,
  oneHot,
  recentLoss,
  residualParamCount,
  type GradientNorms,
  type ResidualConfig,
} from '~/lib/cnn/residual';

const config = (over: Partial<ResidualConfig> = {}): ResidualConfig => ({
  ...defaultResidualConfig,
  ...over,
});

describe('initStd (σ of the initial weights)', () => {
  it.each([
    // kind, fan_in, fan_out, σ by hand
    ['he', 9 * 8, 9 * 8, Math.sqrt(2 / 72)],
    ['he', 9, 72, Math.sqrt(2 / 9)],
    ['glorot', 9 * 8, 9 * 8, Math.sqrt(2 / 144)],
    ['glorot', 8, 4, Math.sqrt(2 / 12)],
    ['small', 72, 72, 0.01],
  ] as const)('%s with fan_in %i, fan_out %i', (kind, fanIn, fanOut, expected) => {
    expect(initStd(kind, fanIn, fanOut)).toBeCloseTo(expected, 12);
  });
});

describe('initWeights', () => {
  it('has the shapes of the stem, L blocks and the head, with zero biases', () => {
    const w = initWeights(config({ depth: 5, width: 6 }));
    expect(w.stem.w.shape).toEqual([KERNEL, KERNEL, 1, 6]);
    expect(w.blocks).toHaveLength(5);
    for (const b of w.blocks) {
      expect(b.w.shape).toEqual([3, 3, 6, 6]);
      expect(b.w.data).toHaveLength(9 * 36);
      expect([...b.b]).toEqual(new Array(6).fill(0));
    }
    expect(w.head.w.shape).toEqual([6, CLASSES]);
  });

  it('is seeded: same seed, same weights; another seed, others; deeper nets share the first layers', () => {
    const a = initWeights(config({ depth: 3 }));
    expect(initWeights(config({ depth: 3 }))).toEqual(a);
    expect(initWeights(config({ depth: 3, seed: 2 })).stem.w.data).not.toEqual(a.stem.w.data);
    const deeper = initWeights(config({ depth: 6 }));
    expect(deeper.blocks[2]!.w.data).toEqual(a.blocks[2]!.w.data);
  });

  it('draws each layer with the standard deviation of its initialisation', () => {
    for (const init of ['he', 'glorot', 'small'] as const) {
      const c = config({ depth: 40, width: 16, init });
      const values = initWeights(c).blocks.flatMap((b) => [...b.w.data]);
      const mean = values.reduce((a, v) => a + v, 0) / values.length;
      const std = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
      const expected = init === 'small' ? SMALL_STD : initStd(init, 9 * 16, 9 * 16);
      expect(Math.abs(mean)).toBeLessThan(expected * 0.02);
      expect(std / expected).toBeGreaterThan(0.98);
      expect(std / expected).toBeLessThan(1.02);
    }
  });

  it('counts the trainable values the tensors hold', () => {
    for (const [depth, width, batchNorm] of [
      [1, 1, false],
      [3, 8, false],
      [30, 8, true],
      [MAX_BLOCKS, 32, true],
    ] as const) {
      const w = initWeights(config({ depth, width }));
      const held =
        [w.stem, ...w.blocks, w.head].reduce((a, l) => a + l.w.data.length + l.b.length, 0) +
        (batchNorm ? 2 * width * (depth + 1) : 0);
      expect(residualParamCount({ depth, width, batchNorm })).toBe(held);
    }
    // by hand: 9·8 + 8 + 30·(9·64 + 8) + 8·4 + 4 = 17,636
    expect(residualParamCount({ depth: 30, width: 8, batchNorm: false })).toBe(17_636);
  });
});

describe('barImages (the synthetic task)', () => {
  it('draws a bar of length ⌈S/2⌉ in the direction of the class', () => {
    for (const size of [6, 7, 8, 16]) {
      const d = barImages(3, 40, size, 0);
      expect(d.images).toHaveLength(40 * size * size);
      for (let n = 0; n < d.count; n++) {
        const on: Array<[number, number]> = [];
        for (let r = 0; r < size; r++)
          for (let c = 0; c < size; c++) if (d.images[n * size * size + r * size + c] === 1) on.push([r, c]);
        expect(on).toHaveLength(barLength(size));
        const [dr, dc] = [on[1]![0] - on[0]![0], on[1]![1] - on[0]![1]];
        const expected = [
          [0, 1],
          [1, 0],
          [1, 1],
          [1, -1],
        ][d.labels[n]!]!;
        expect([dr, dc]).toEqual(expected);
        on.forEach(([r, c], t) => expect([r, c]).toEqual([on[0]![0] + t * dr, on[0]![1] + t * dc]));
      }
    }
  });

  it('balances the classes, is seeded and adds noise of the stated size', () => {
    const d = barImages(5, 4000, 8);
    const counts = new Array(CLASSES).fill(0);
    d.labels.forEach((l) => counts[l]++);
    expect(counts).toEqual([1000, 1000, 1000, 1000]);
    expect(barImages(5, 10, 8)).toEqual(barImages(5, 10, 8));
    expect(barImages(6, 10, 8).images).not.toEqual(barImages(5, 10, 8).images);
    const clean = barImages(5, 4000, 8, 0);
    const diff = d.images.map((v, i) => v - clean.images[i]!);
    const std = Math.sqrt(diff.reduce((a, v) => a + v * v, 0) / diff.length);
    expect(std).toBeCloseTo(0.25, 2);
  });

  it('one-hot labels', () => {
    expect([...oneHot(Int32Array.from([2, 0]))]).toEqual([0, 0, 1, 0, 1, 0, 0, 0]);
    expect(chanceLoss()).toBeCloseTo(Math.log(4), 12);
  });
});

describe('checkResidualConfig', () => {
  it('accepts the defaults and the edges', () => {
    expect(checkResidualConfig(defaultResidualConfig).ok).toBe(true);
    expect(checkResidualConfig(config({ depth: 1, width: 1, imageSize: 6, batch: 1 })).ok).toBe(true);
    expect(checkResidualConfig(config({ depth: MAX_BLOCKS, width: 32, imageSize: 32 })).ok).toBe(true);
  });
  it.each([
    [{ depth: 0 }, 'depth', 'notPositive'],
    [{ depth: MAX_BLOCKS + 1 }, 'depth', 'tooLarge'],
    [{ depth: 2.5 }, 'depth', 'notInteger'],
    [{ depth: Number.NaN }, 'depth', 'missing'],
    [{ width: 33 }, 'width', 'tooLarge'],
    [{ imageSize: 5 }, 'imageSize', 'outOfRange'],
    [{ batch: 0 }, 'batch', 'notPositive'],
    [{ seed: -1 }, 'seed', 'negative'],
  ] as const)('%o → %s: %s', (over, what, code) => {
    const checked = checkResidualConfig(config(over));
    expect(checked.ok).toBe(false);
    if (!checked.ok)
      expect(checked.problems).toEqual([
        expect.objectContaining({ code, values: expect.objectContaining({ what }) }),
      ]);
  });
  it('recognises the structure', () => {
    expect(isResidualConfig(defaultResidualConfig)).toBe(true);
    expect(isResidualConfig({ ...defaultResidualConfig, init: 'lecun' })).toBe(false);
    expect(isResidualConfig({ ...defaultResidualConfig, depth: '3' })).toBe(false);
    expect(isResidualConfig(null)).toBe(false);
  });
});

describe('checkTrainConfig', () => {
  it('accepts the defaults, refuses the impossible', () => {
    expect(checkTrainConfig(defaultTrainConfig)).toEqual([]);
    expect(checkTrainConfig({ ...defaultTrainConfig, learningRate: 0 }).map((p) => p.values.what)).toEqual([
      'learningRate',
    ]);
    expect(checkTrainConfig({ ...defaultTrainConfig, momentum: 1 }).map((p) => p.values.what)).toEqual([
      'momentum',
    ]);
    expect(checkTrainConfig({ ...defaultTrainConfig, steps: 0, trainSize: 1.5 }).map((p) => p.code)).toEqual([
      'notPositive',
      'notInteger',
    ]);
  });
});

describe('gradient summaries', () => {
  it('gradientNorm is the Frobenius norm, even where squares underflow', () => {
    expect(gradientNorm([3, 4])).toBe(5);
    expect(gradientNorm([-3, 0, 4])).toBe(5);
    expect(gradientNorm([])).toBe(0);
    expect(gradientNorm([0, 0])).toBe(0);
    expect(gradientNorm([3e-200, 4e-200])).toBeCloseTo(5e-200, 210);
    expect(gradientNorm(Float32Array.from([3e-30, 4e-30]))).toBeCloseTo(5e-30, 36);
    expect(gradientNorm([1, Number.NaN])).toBeNaN();
  });

  const norms = (blocks: number[], loss = 1.4): GradientNorms => ({ stem: blocks[0]!, blocks, loss });
  it('compares the first blocks', () => {
    const c = compareGradients(norms([1e-9, 1e-5, 1e-2]), norms([0.2, 0.3, 0.4]));
    expect(c.ratio).toBeCloseTo(2e8, 0);
    expect(c.plainDecay).toBeCloseTo(1e7, 0);
    expect(c.residualDecay).toBeCloseTo(2, 12);
    expect(c.plainUnderflow).toBe(false);
    expect(c.overflow).toBe(false);
  });
  it('reports an underflowed (zero) plain gradient and overflowed values', () => {
    const under = compareGradients(norms([0, 1e-30]), norms([0.1, 0.1]));
    expect(under.ratio).toBe(Number.POSITIVE_INFINITY);
    expect(under.plainUnderflow).toBe(true);
    const over = compareGradients(norms([1, 2], Number.NaN), norms([Number.POSITIVE_INFINITY, 1]));
    expect(over.overflow).toBe(true);
    expect(over.ratio).toBeNull();
    expect(compareGradients(norms([0]), norms([0])).ratio).toBeNull();
  });
  it('recentLoss and divergedAt', () => {
    expect(recentLoss([5, 4, 3, 2, 1], 2)).toBe(1.5);
    expect(recentLoss([5, Number.NaN, 1], 2)).toBe(3);
    expect(recentLoss([])).toBeNull();
    expect(divergedAt(Float32Array.from([1, 2, Number.NaN, Number.NaN]))).toBe(2);
    expect(divergedAt([1, 2])).toBeNull();
  });
});
