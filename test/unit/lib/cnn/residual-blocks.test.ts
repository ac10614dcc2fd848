import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../src/lib/cnn/analyze';
import { presets } from '../../../../src/lib/cnn/presets';
import { bn, conv, fc, maxpool, plain, relu } from '../../../../src/lib/cnn/presets/build';
import {
  compareResidualBlocks,
  residualBlockSide,
  type ResidualBlockSettings,
} from '../../../../src/lib/cnn/residual-blocks';
import type { ProblemCode } from '../../../../src/lib/cnn/problems';
import { english } from '../../english';

function compare(s: ResidualBlockSettings) {
  const r = compareResidualBlocks(s);
  if (!r.ok) throw new Error(r.problems.map(english).join('\n'));
  return r.value;
}

describe('basic vs bottleneck block: conv weights (paper count), hand-computed', () => {
  it.each<[string, ResidualBlockSettings, number, number]>([
    // basic: 9·C_in·C_out + 9·C_out²; bottleneck: C_in·m + 9·m² + m·C_out
    ['256-d, m = 64 (the paper’s Figure 5)', { cIn: 256, cOut: 256, width: 64 }, 1_179_648, 69_632],
    ['64-d, m = 64', { cIn: 64, cOut: 64, width: 64 }, 73_728, 4096 + 36_864 + 4096],
    [
      '64 → 256, m = 64 (ResNet-50 conv2_1)',
      { cIn: 64, cOut: 256, width: 64 },
      9 * 64 * 256 + 9 * 256 * 256,
      4096 + 36_864 + 16_384,
    ],
    [
      'stride 2, 256 → 512, m = 128',
      { cIn: 256, cOut: 512, width: 128, s: 2, h: 56, w: 56 },
      9 * 256 * 512 + 9 * 512 * 512,
      256 * 128 + 9 * 128 * 128 + 128 * 512,
    ],
    ['1 → 1, m = 1', { cIn: 1, cOut: 1, width: 1 }, 18, 11],
  ])('%s: basic %i, bottleneck %i', (_label, s, basic, bottleneck) => {
    const c = compare(s);
    expect(c.basic.convWeights).toBe(basic);
    expect(c.bottleneck.convWeights).toBe(bottleneck);
  });

  it('the 256-d bottleneck needs 1/16.9 of the weights of two 3×3 convolutions at 256', () => {
    const c = compare({ cIn: 256, cOut: 256, width: 64 });
    expect(c.basic.convWeights / c.bottleneck.convWeights).toBeCloseTo(16.94, 2);
  });
});

describe('whole-block counts', () => {
  it('256-d identity block at 56×56: params add bn γ, β; MACs are H·W·weights; no projection', () => {
    const c = compare({ cIn: 256, cOut: 256, width: 64 });
    expect(c.bottleneck.projection).toBeNull();
    expect(c.basic.projection).toBeNull();
    expect(c.bottleneck.params.total).toBe(69_632 + 2 * (64 + 64 + 256));
    expect(c.basic.params.total).toBe(1_179_648 + 2 * (256 + 256));
    expect(c.bottleneck.macs).toBe(56 * 56 * 69_632);
    expect(c.basic.macs).toBe(56 * 56 * 1_179_648);
    expect(c.bottleneck.output).toEqual({ h: 56, w: 56, c: 256 });
  });

  it('stage boundary 56²×64 → 28²×128 (basic, ResNet-34 conv3_1): 3×3 stride 2 and a 1×1 stride-2 projection', () => {
    const c = compare({ cIn: 64, cOut: 128, width: 32, s: 2 });
    expect(c.basic.output).toEqual({ h: 28, w: 28, c: 128 });
    expect(c.basic.convs.map((x) => [x.k, x.cIn, x.cOut, x.s])).toEqual([
      [3, 64, 128, 2],
      [3, 128, 128, 1],
    ]);
    expect(c.basic.projection).toMatchObject({ k: 1, cIn: 64, cOut: 128, s: 2, weights: 8192 });
    expect(c.basic.macs).toBe(28 * 28 * (9 * 64 * 128 + 9 * 128 * 128 + 64 * 128));
  });

  it.each<[string, ResidualBlockSettings, number, number]>([
    // receptive field along one axis: basic 1 + 2 + 2 (stride 2 first: 1 + 2 + 2·2); bottleneck 3
    ['stride 1', { cIn: 64, cOut: 64, width: 16 }, 5, 3],
    ['stride 2', { cIn: 64, cOut: 128, width: 32, s: 2 }, 7, 3],
  ])('receptive field, %s: basic %i, bottleneck %i', (_l, s, basic, bottleneck) => {
    const c = compare(s);
    expect([c.basic.rf, c.bottleneck.rf]).toEqual([basic, bottleneck]);
    expect([c.basic.spatialConvs, c.bottleneck.spatialConvs]).toEqual([2, 1]);
  });

  it('activations of the 256-d bottleneck block at 56×56: (64·3 + 64·3 + 256·2 + 256 for the sum)·56²', () => {
    // conv, bn, relu at 64; conv, bn, relu at 64; conv, bn at 256; the residual sum at 256
    const c = compare({ cIn: 256, cOut: 256, width: 64 });
    expect(c.bottleneck.activations).toBe(56 * 56 * (3 * 64 + 3 * 64 + 2 * 256 + 256));
    expect(c.basic.activations).toBe(56 * 56 * (3 * 256 + 2 * 256 + 256));
  });
});

describe('ResNet-50 from its blocks equals the published 25,557,032', () => {
  it('stem + 16 bottleneck blocks + classifier', () => {
    const stem = analyze(
      [conv(64, 7, { s: 2, p: 3, bias: false }), bn(), relu(), maxpool(3, { s: 2, p: 1 })],
      { h: 224, w: 224, c: 3 },
    );
    const head = analyze([plain('gap'), fc(1000)], { h: 7, w: 7, c: 2048 });
    if (!stem.ok || !head.ok) throw new Error('stem/head must analyse');
    let c = 64;
    let size = 56;
    let params = stem.value.totals.params.total + head.value.totals.params.total;
    let macs = stem.value.totals.macs + head.value.totals.macs;
    [3, 4, 6, 3].forEach((count, stage) => {
      const width = 64 * 2 ** stage;
      for (let b = 0; b < count; b++) {
        const s = stage > 0 && b === 0 ? 2 : 1;
        const side = residualBlockSide('bottleneck', { cIn: c, cOut: 4 * width, width, s, h: size, w: size });
        if (!side.ok) throw new Error(english(side.problems[0]!));
        params += side.value.params.total;
        macs += side.value.macs;
        c = 4 * width;
        size = side.value.output.h;
      }
    });
    expect(params).toBe(25_557_032);
    const whole = analyze(presets.resnet50.network, presets.resnet50.input);
    expect(whole.ok && whole.value.totals.macs).toBe(macs);
  });
});

describe('bad settings come back as problems naming the quantity', () => {
  it.each<[string, ResidualBlockSettings, ProblemCode, string]>([
    ['zero width', { cIn: 64, cOut: 64, width: 0 }, 'notPositive', 'width'],
    ['fractional C_in', { cIn: 6.5, cOut: 64, width: 8 }, 'notInteger', 'cIn'],
    ['empty C_out', { cIn: 64, cOut: Number.NaN, width: 8 }, 'missing', 'cOut'],
    ['huge width', { cIn: 64, cOut: 64, width: 1e6 }, 'tooLarge', 'width'],
    ['stride 3', { cIn: 64, cOut: 64, width: 8, s: 3 }, 'outOfRange', 's'],
    ['map size 0', { cIn: 64, cOut: 64, width: 8, h: 0 }, 'notPositive', 'h'],
  ])('%s', (_label, s, code, what) => {
    const r = compareResidualBlocks(s);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]!.code).toBe(code);
    expect(r.problems[0]!.values.what).toBe(what);
    for (const p of r.problems) expect(english(p)).not.toMatch(/NaN|undefined|\{/);
  });
});
