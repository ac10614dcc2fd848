import { describe, expect, it } from 'vitest';
import { analyze, type Analysis, type LayerReport } from '../../../../src/lib/cnn/analyze';
import { presetKeys, presets, type PresetKey } from '../../../../src/lib/cnn/presets';
import { english } from '../../english';
import { uiStrings } from '../../../../src/i18n/ui';

function run(key: PresetKey): Analysis {
  const p = presets[key];
  const r = analyze(p.network, p.input);
  if (!r.ok) throw new Error(r.problems.map(english).join('\n'));
  return r.value;
}

const byName = (a: Analysis, name: string): LayerReport => {
  const r = a.rows.find((x) => x.name === name);
  if (!r) throw new Error(`no layer ${name}`);
  return r;
};

describe('preset totals equal the published counts (weights + biases + BN γ, β)', () => {
  it.each<[PresetKey, number]>([
    ['alexnet-2012', 60_965_224],
    ['vgg16', 138_357_544],
    ['googlenet', 6_998_552],
    ['resnet18', 11_689_512],
    ['resnet34', 21_797_672],
    ['resnet50', 25_557_032],
    ['densenet121', 7_978_856],
  ])('%s: %i', (key, total) => {
    expect(run(key).totals.params.total).toBe(total);
  });

  it('covers every preset', () => expect(Object.keys(presets).sort()).toEqual([...presetKeys].sort()));

  it.each(presetKeys)('%s has a display name in both languages, a citation and a URL', (key) => {
    const p = presets[key];
    for (const locale of ['en', 'ko'] as const)
      expect(uiStrings[locale][`cnn.preset.${key}`]?.length).toBeGreaterThan(3);
    expect(p.source.citation.length).toBeGreaterThan(20);
    expect(p.source.url).toMatch(/^https:\/\//);
  });
});

describe('AlexNet 2012 (DESIGN.md reference numbers)', () => {
  const a = run('alexnet-2012');
  it.each([
    ['conv1', 34_944, [55, 55, 96]],
    ['conv2', 307_456, [27, 27, 256]],
    ['conv3', 885_120, [13, 13, 384]],
    ['conv4', 663_936, [13, 13, 384]],
    ['conv5', 442_624, [13, 13, 256]],
  ] as const)('%s: %i parameters, %j', (name, total, [h, w, c]) => {
    const r = byName(a, name);
    expect(r.params.total).toBe(total);
    expect(r.output).toEqual({ h, w, c });
  });
  it.each([
    ['fc6', 37_752_832, 4096],
    ['fc7', 16_781_312, 4096],
    ['fc8', 4_097_000, 1000],
  ] as const)('%s: %i parameters', (name, total, size) => {
    const r = byName(a, name);
    expect(r.params.total).toBe(total);
    expect(r.output).toEqual({ size });
  });
  it('pool5 is 6×6×256 and fc6 reads its 9,216 values', () => {
    expect(byName(a, 'pool5').output).toEqual({ h: 6, w: 6, c: 256 });
    expect(byName(a, 'fc6').input).toEqual({ size: 9216 });
  });
  it('receptive fields: conv1 11, pool1 19, conv2 51, conv5 163, pool5 195; fc6 sees all of it', () => {
    expect(['conv1', 'pool1', 'conv2', 'conv5', 'pool5'].map((n) => byName(a, n).rf.h.r)).toEqual([
      11, 19, 51, 163, 195,
    ]);
    expect(byName(a, 'pool5').rf.h.j).toBe(32);
    // fc6 = a 6×6 kernel over pool5: 195 + 5·32
    expect(byName(a, 'fc6').rf.h.r).toBe(355);
    expect(byName(a, 'fc6').rf.whole).toBe(true);
  });
  it('about 724 million MACs (Sze et al., "Efficient Processing of Deep Neural Networks", Table: AlexNet 724M)', () => {
    expect(Math.round(a.totals.macs / 1e6)).toBe(724);
  });
});

describe('VGG-16', () => {
  const a = run('vgg16');
  it('pool5 is 7×7×512, receptive field 212 (conv5_3: 196)', () => {
    expect(byName(a, 'pool5').output).toEqual({ h: 7, w: 7, c: 512 });
    expect(byName(a, 'conv5_3').rf.h.r).toBe(196);
    expect(byName(a, 'pool5').rf.h.r).toBe(212);
  });
  it('fc6 alone holds 102,764,544 parameters', () => expect(byName(a, 'fc6').params.total).toBe(102_764_544));
});

describe('GoogLeNet (paper, Table 1)', () => {
  const a = run('googlenet');
  // Channels and parameters per inception block, summed by hand from Table 1's columns
  // (#1×1, #3×3 reduce, #3×3, #5×5 reduce, #5×5, pool proj), weights + biases.
  it.each([
    ['inception3a', 28, 256, 163_696],
    ['inception3b', 28, 480, 388_736],
    ['inception4a', 14, 512, 376_176],
    ['inception4b', 14, 512, 449_160],
    ['inception4c', 14, 512, 510_104],
    ['inception4d', 14, 528, 605_376],
    ['inception4e', 14, 832, 868_352],
    ['inception5a', 7, 832, 1_043_456],
    ['inception5b', 7, 1024, 1_444_080],
  ] as const)('%s: %i×%i×%i, %i parameters', (name, size, c, total) => {
    const r = byName(a, name);
    expect(r.output).toEqual({ h: size, w: size, c });
    expect(r.params.total).toBe(total);
  });
  it('stem: conv1 9,472, conv2_reduce 4,160, conv2 110,784; classifier 1,025,000', () => {
    expect(['conv1', 'conv2_reduce', 'conv2', 'classifier'].map((n) => byName(a, n).params.total)).toEqual([
      9472, 4160, 110_784, 1_025_000,
    ]);
  });
  it('Caffe rounding: 112 → 56 → 28 → 14 → 7 → avg pool 1×1×1024', () => {
    expect(
      ['pool1', 'pool2', 'pool3', 'pool4', 'pool5'].map((n) => (byName(a, n).output as { h: number }).h),
    ).toEqual([56, 28, 14, 7, 1]);
    expect(byName(a, 'pool5').output).toEqual({ h: 1, w: 1, c: 1024 });
  });
  it('branch layers are named as in Caffe', () => {
    expect(byName(a, 'inception3a/5x5').params.total).toBe(5 * 5 * 16 * 32 + 32);
  });
});

describe('ResNets and DenseNet (torchvision)', () => {
  it.each<[PresetKey, string, [number, number, number]]>([
    ['resnet18', 'conv5_2', [7, 7, 512]],
    ['resnet34', 'conv5_3', [7, 7, 512]],
    ['resnet50', 'conv5_3', [7, 7, 2048]],
    ['resnet50', 'conv2_1', [56, 56, 256]],
    ['resnet50', 'conv3_1', [28, 28, 512]],
    ['densenet121', 'dense4_16', [7, 7, 1024]],
    ['densenet121', 'transition1', [56, 56, 128]],
    ['densenet121', 'dense1_6', [56, 56, 256]],
    ['densenet121', 'dense3_24', [14, 14, 1024]],
  ])('%s %s → %j', (key, name, [h, w, c]) => {
    expect(byName(run(key), name).output).toEqual({ h, w, c });
  });

  it.each<[PresetKey, number]>([
    ['resnet18', 512],
    ['resnet50', 2048],
    ['densenet121', 1024],
  ])('%s ends gap → %i → fc 1000', (key, size) => {
    const a = run(key);
    const last = a.layers.slice(-2);
    expect(last.map((r) => r.kind)).toEqual(['gap', 'fc']);
    expect(last[0]!.output).toEqual({ size });
    expect(a.output).toEqual({ size: 1000 });
  });

  it('ResNet-50 conv2_1 has a projection shortcut (64 → 256), conv2_2 an identity one', () => {
    const a = run('resnet50');
    expect(byName(a, 'conv2_1').shortcut).toHaveLength(2);
    expect(byName(a, 'conv2_2').shortcut).toEqual([]);
    // bottleneck body at 256-d: 69,632 weights + BN (64 + 64 + 256)·2
    expect(byName(a, 'conv2_2').params.total).toBe(69_632 + 768);
  });

  // torchvision's model table lists these as GFLOPS (it counts multiply–accumulates).
  it.each<[PresetKey, number]>([
    ['vgg16', 15.47],
    ['resnet18', 1.81],
    ['resnet34', 3.66],
    ['resnet50', 4.09],
    ['densenet121', 2.83],
  ])('%s: %f G multiply–accumulates, as torchvision lists', (key, g) => {
    expect(Math.round(run(key).totals.macs / 1e7) / 100).toBe(g);
  });
});

describe('invariants on every preset', () => {
  it.each(presetKeys)('%s: the receptive field never shrinks as layers are appended', (key) => {
    const { network, input } = presets[key];
    let prev = { h: 0, w: 0 };
    for (let n = 1; n <= network.length; n++) {
      const r = analyze(network.slice(0, n), input);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.rf.h.r).toBeGreaterThanOrEqual(prev.h);
      expect(r.value.rf.w.r).toBeGreaterThanOrEqual(prev.w);
      prev = { h: r.value.rf.h.r, w: r.value.rf.w.r };
    }
  });

  it.each(presetKeys)('%s: every number is finite, names are unique, totals are sums of rows', (key) => {
    const a = run(key);
    const numbers = a.rows.flatMap((r) => [
      r.params.weights,
      r.params.biases,
      r.macs,
      r.rf.h.r,
      r.rf.h.j,
      r.rf.h.start,
      r.rf.w.r,
    ]);
    expect(numbers.every(Number.isFinite)).toBe(true);
    expect(new Set(a.rows.map((r) => r.name)).size).toBe(a.rows.length);
    const leaves = a.rows.filter((r) => r.kind !== 'concat' && r.kind !== 'residual');
    expect(leaves.reduce((s, r) => s + r.params.total, 0)).toBe(a.totals.params.total);
    expect(leaves.reduce((s, r) => s + r.macs, 0)).toBe(a.totals.macs);
  });
});
