import { describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../../../../src/lib/cnn/analyze';
import {
  denseBlock,
  denseChannels,
  transitionChannels,
  type DenseBlockSettings,
} from '../../../../src/lib/cnn/dense-blocks';
import { presets } from '../../../../src/lib/cnn/presets';
import { bn, conv, fc, maxpool, plain, relu } from '../../../../src/lib/cnn/presets/build';
import type { ProblemCode } from '../../../../src/lib/cnn/problems';
import { english } from '../../english';

function block(s: DenseBlockSettings) {
  const r = denseBlock(s);
  if (!r.ok) throw new Error(r.problems.map(english).join('\n'));
  return r.value;
}

const densenet121 = (): Analysis => {
  const r = analyze(presets.densenet121.network, presets.densenet121.input);
  if (!r.ok) throw new Error('DenseNet-121 must analyse');
  return r.value;
};

describe('channel growth is linear: k₀ + ℓ·k', () => {
  it.each([
    [64, 32, 0, 64],
    [64, 32, 1, 96],
    [64, 32, 6, 256],
    [128, 32, 12, 512],
    [256, 32, 24, 1024],
    [512, 32, 16, 1024],
    [16, 12, 100, 1216],
  ])('k₀ = %i, k = %i, ℓ = %i → %i', (k0, k, l, c) => expect(denseChannels(k0, k, l)).toBe(c));

  it.each([
    [256, 0.5, 128],
    [1024, 0.5, 512],
    [255, 0.5, 127],
    [100, 1, 100],
    [10, 0.25, 2],
  ])('transition keeps ⌊θ·C⌋: C = %i, θ = %f → %i', (c, theta, out) =>
    expect(transitionChannels(c, theta)).toBe(out),
  );

  it('each layer reads k₀ + (ℓ − 1)k and writes k₀ + ℓk (k₀ = 64, k = 32, 6 layers)', () => {
    const b = block({ k0: 64, k: 32, layers: 6 });
    expect(b.layers.map((l) => [l.index, l.cIn, l.cOut])).toEqual([
      [1, 64, 96],
      [2, 96, 128],
      [3, 128, 160],
      [4, 160, 192],
      [5, 192, 224],
      [6, 224, 256],
    ]);
    expect(b.layers.every((l) => l.bottleneckWidth === 128)).toBe(true);
  });
});

describe('DenseNet-121 (preset) block outputs: 256, 512, 1024, 1024 channels', () => {
  const a = densenet121();
  const out = (name: string) => (a.rows.find((r) => r.name === name)!.output as { c: number }).c;

  it('the preset’s last layer of each block', () => {
    expect(['dense1_6', 'dense2_12', 'dense3_24', 'dense4_16'].map(out)).toEqual([256, 512, 1024, 1024]);
  });

  it('chaining denseBlock (θ = 0.5 between blocks) gives the same channels, sizes and the published 7,978,856', () => {
    const stem = analyze(
      [conv(64, 7, { s: 2, p: 3, bias: false }), bn(), relu(), maxpool(3, { s: 2, p: 1 })],
      { h: 224, w: 224, c: 3 },
    );
    const head = analyze([bn(), relu(), plain('gap'), fc(1000)], { h: 7, w: 7, c: 1024 });
    if (!stem.ok || !head.ok) throw new Error('stem/head must analyse');
    let input = { h: 56, w: 56, c: 64 };
    let params = stem.value.totals.params.total + head.value.totals.params.total;
    let macs = stem.value.totals.macs + head.value.totals.macs;
    let activations = stem.value.totals.activations + head.value.totals.activations;
    const outs: number[] = [];
    [6, 12, 24, 16].forEach((layers, i) => {
      const b = block({ k0: input.c, k: 32, layers, theta: i < 3 ? 0.5 : null, h: input.h, w: input.w });
      outs.push(b.block.output.c);
      params += b.totals.params.total;
      macs += b.totals.macs;
      activations += b.totals.activations;
      input = b.totals.output;
    });
    expect(outs).toEqual([256, 512, 1024, 1024]);
    expect(input).toEqual({ h: 7, w: 7, c: 1024 });
    expect(params).toBe(7_978_856);
    expect(macs).toBe(a.totals.macs);
    expect(activations).toBe(a.totals.activations);
  });
});

describe('per-layer counts, by hand', () => {
  // bottleneck: 2C + 4k·C + 2·4k + 9·4k·k; plain: 2C + 9·C·k (C = channels read)
  it.each<[string, DenseBlockSettings, number[]]>([
    [
      'k₀ 64, k 32, B',
      { k0: 64, k: 32, layers: 2 },
      [128 + 8192 + 256 + 36_864, 192 + 12_288 + 256 + 36_864],
    ],
    [
      'k₀ 64, k 32, no bottleneck',
      { k0: 64, k: 32, layers: 2, bottleneck: false },
      [128 + 18_432, 192 + 27_648],
    ],
    [
      'k₀ 16, k 12, no bottleneck',
      { k0: 16, k: 12, layers: 3, bottleneck: false },
      [32 + 1728, 56 + 3024, 80 + 4320],
    ],
  ])('%s: params per layer', (_l, s, params) => {
    expect(block(s).layers.map((l) => l.params.total)).toEqual(params);
  });

  it('MACs and activations of layer 1 (k₀ 64, k 32, B) at 56×56', () => {
    const l = block({ k0: 64, k: 32, layers: 1 }).layers[0]!;
    const hw = 56 * 56;
    expect(l.macs).toBe(hw * (64 * 128 + 9 * 128 * 32));
    // bn 64, relu 64, conv1×1 128, bn 128, relu 128, conv3×3 32, concat 96 (identity writes nothing)
    expect(l.activations).toBe(hw * (64 + 64 + 128 + 128 + 128 + 32 + 96));
  });

  it('activations grow with every layer (the concatenation is rewritten each time)', () => {
    const acts = block({ k0: 64, k: 32, layers: 6 }).layers.map((l) => l.activations);
    for (let i = 1; i < acts.length; i++) expect(acts[i]! - acts[i - 1]!).toBe(56 * 56 * 3 * 32);
  });

  it('transition θ = 0.5 after 256 channels at 56×56: 2·256 + 256·128 params, 28×28×128 out', () => {
    const t = block({ k0: 64, k: 32, layers: 6 }).transition!;
    expect(t.output).toEqual({ h: 28, w: 28, c: 128 });
    expect(t.params.total).toBe(512 + 256 * 128);
    expect(t.macs).toBe(56 * 56 * 256 * 128);
    // bn 256, relu 256, conv 128 at 56²; pool 128 at 28²
    expect(t.activations).toBe(56 * 56 * (256 + 256 + 128) + 28 * 28 * 128);
  });

  it('θ = 1 keeps every channel; no transition keeps the map', () => {
    expect(block({ k0: 64, k: 32, layers: 6, theta: 1 }).transition!.output.c).toBe(256);
    const none = block({ k0: 64, k: 32, layers: 6, theta: null });
    expect(none.transition).toBeNull();
    expect(none.totals).toEqual({ ...none.block, output: { h: 56, w: 56, c: 256 } });
  });

  it('block + transition add up to the totals', () => {
    const b = block({ k0: 24, k: 12, layers: 16, theta: 0.5, h: 32, w: 32 });
    expect(b.totals.params.total).toBe(b.block.params.total + b.transition!.params.total);
    expect(b.block.params.total).toBe(b.layers.reduce((t, l) => t + l.params.total, 0));
    expect(b.totals.activations).toBe(b.block.activations + b.transition!.activations);
  });
});

describe('bad settings come back as problems', () => {
  it.each<[string, DenseBlockSettings, ProblemCode, string | undefined]>([
    ['k = 0', { k0: 64, k: 0, layers: 6 }, 'notPositive', 'growth'],
    ['no layers', { k0: 64, k: 32, layers: 0 }, 'notPositive', 'layers'],
    ['fractional k₀', { k0: 6.5, k: 32, layers: 6 }, 'notInteger', 'cIn'],
    ['θ = 0', { k0: 64, k: 32, layers: 6, theta: 0 }, 'outOfRange', 'theta'],
    ['θ = 1.5', { k0: 64, k: 32, layers: 6, theta: 1.5 }, 'outOfRange', 'theta'],
    ['θ empty', { k0: 64, k: 32, layers: 6, theta: Number.NaN }, 'missingNumber', 'theta'],
    ['θ keeps no channel', { k0: 2, k: 1, layers: 1, theta: 0.2 }, 'outOfRange', 'theta'],
    ['too many layers', { k0: 64, k: 32, layers: 1000 }, 'tooLarge', 'layers'],
    ['1×1 map cannot be pooled 2×2', { k0: 8, k: 4, layers: 2, h: 1, w: 1 }, 'kernelTooLarge', undefined],
  ])('%s', (_l, s, code, what) => {
    const r = denseBlock(s);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]!.code).toBe(code);
    expect(r.problems[0]!.values.what).toBe(what);
    for (const p of r.problems) expect(english(p)).not.toMatch(/NaN|undefined|\{/);
  });
});
