import { describe, expect, it } from 'vitest';
import { analyze } from '~/lib/cnn/analyze';
import {
  detectionCost,
  detectionDefaults,
  publishedSpeeds,
  splitBackbone,
  type DetectionCostSettings,
} from '~/lib/cnn/detection-cost';
import { presets, yolov1, type PresetKey } from '~/lib/cnn/presets';
import { isReferenceKey } from '~/data/references';

const cost = (s: Partial<DetectionCostSettings> = {}) => {
  const r = detectionCost({ ...detectionDefaults, ...s });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
};
const by = (c: ReturnType<typeof cost>, key: string) => c.detectors.find((d) => d.key === key)!;

/** MACs of a stack of 3×3 "same" convolutions on an h × w map: Σ h·w·9·C_in·C_out. */
const convStack = (h: number, w: number, channels: number[]) =>
  channels.slice(1).reduce((sum, cOut, i) => sum + h * w * 9 * channels[i]! * cOut, 0);

describe('YOLO v1 preset (Redmon et al. 2016, Figure 3)', () => {
  const a = analyze(yolov1.network, yolov1.input);
  if (!a.ok) throw new Error('YOLO must analyse');
  const convs = a.value.rows.filter((r) => r.kind === 'conv');

  it('has 24 convolutions, a 7×7×1024 map before the classifier and 7·7·30 outputs', () => {
    expect(convs).toHaveLength(24);
    const flatten = a.value.rows.find((r) => r.kind === 'flatten')!;
    expect(flatten.input).toEqual({ h: 7, w: 7, c: 1024 });
    expect(a.value.output).toEqual({ size: 1470 });
  });

  it('follows the figure’s grid 448 → 224 → 112 → 56 → 28 → 14 → 7', () => {
    const sizes = [...new Set(convs.map((r) => (r.output as { h: number }).h))];
    expect(sizes).toEqual([224, 112, 56, 28, 14, 7]);
  });

  it('counts parameters as a hand sum of k²·C_in·C_out + C_out and the two dense layers', () => {
    // [k, C_in, C_out] read off the figure
    const layers: [number, number, number][] = [
      [7, 3, 64],
      [3, 64, 192],
      [1, 192, 128],
      [3, 128, 256],
      [1, 256, 256],
      [3, 256, 512],
      ...(Array.from({ length: 4 }, () => [
        [1, 512, 256],
        [3, 256, 512],
      ]).flat() as [number, number, number][]),
      [1, 512, 512],
      [3, 512, 1024],
      [1, 1024, 512],
      [3, 512, 1024],
      [1, 1024, 512],
      [3, 512, 1024],
      [3, 1024, 1024],
      [3, 1024, 1024],
      [3, 1024, 1024],
      [3, 1024, 1024],
    ];
    expect(layers).toHaveLength(24);
    const conv = layers.reduce((s, [k, i, o]) => s + k * k * i * o + o, 0);
    const dense = 7 * 7 * 1024 * 4096 + 4096 + 4096 * 1470 + 1470;
    expect(a.value.totals.params.total).toBe(conv + dense);
    expect(convs[0]!.macs).toBe(224 * 224 * 64 * 7 * 7 * 3);
  });
});

describe('splitBackbone: shared trunk, RoI pooling, per-region head', () => {
  it.each<[PresetKey, { h: number; w: number; c: number }, boolean]>([
    ['alexnet-2012', { h: 6, w: 6, c: 256 }, true],
    ['vgg16', { h: 7, w: 7, c: 512 }, true],
    ['googlenet', { h: 1, w: 1, c: 1024 }, true],
    ['resnet18', { h: 7, w: 7, c: 512 }, false],
    ['resnet50', { h: 7, w: 7, c: 2048 }, false],
    ['densenet121', { h: 7, w: 7, c: 1024 }, false],
  ])('%s pools each region to %j (trailing pool replaced: %s)', (key, roi, pooled) => {
    const p = presets[key];
    const s = splitBackbone(p.network, p.input as { h: number; w: number; c: number }, 20);
    if (!s.ok) throw new Error('must split');
    expect(s.value.roiShape).toEqual(roi);
    expect(s.value.roiPool !== null).toBe(pooled);
  });

  it('VGG-16 head by hand: fc6 + fc7 + 21 scores + 80 box offsets', () => {
    const p = presets.vgg16;
    const s = splitBackbone(p.network, { h: 224, w: 224, c: 3 }, 20);
    expect(s.ok && s.value.headMacs).toBe(25_088 * 4096 + 4096 * 4096 + 4096 * 21 + 4096 * 80);
  });

  it('a network without a classifier is a problem', () => {
    const s = splitBackbone([{ kind: 'conv', out: 8, k: 3 }], { h: 8, w: 8, c: 3 }, 20);
    expect(s.ok).toBe(false);
  });
});

describe('detectionCost with the papers’ settings (VGG-16, 600 × 1000, N = 2000, N′ = 300)', () => {
  const c = cost();
  const head = 25_088 * 4096 + 4096 * 4096 + 4096 * 21 + 4096 * 80;
  // VGG-16's 13 convolutions at 224 (stages 224, 112, 56, 28, 14) and on the 600 × 1000 image
  const vggConv = (sizes: [number, number][]) =>
    convStack(...sizes[0]!, [3, 64, 64]) +
    convStack(...sizes[1]!, [64, 128, 128]) +
    convStack(...sizes[2]!, [128, 256, 256, 256]) +
    convStack(...sizes[3]!, [256, 512, 512, 512]) +
    convStack(...sizes[4]!, [512, 512, 512, 512]);
  const native = vggConv([
    [224, 224],
    [112, 112],
    [56, 56],
    [28, 28],
    [14, 14],
  ]);
  const image = vggConv([
    [600, 1000],
    [300, 500],
    [150, 250],
    [75, 125],
    [37, 62],
  ]);

  it('shared map 37×62×512 (stride 16, floored), 37·62·9 anchors, regions pooled to 7×7×512', () => {
    expect(c.featureMap).toEqual({ h: 37, w: 62, c: 512 });
    expect(c.anchorCount).toBe(37 * 62 * 9);
    expect(c.roiShape).toEqual({ h: 7, w: 7, c: 512 });
    expect(native).toBe(15_346_630_656); // VGG-16's published convolution MACs
  });

  it.each<[string, { network: number; trunk: number; rpn: number; head: number }, () => number]>([
    ['rcnn', { network: 2000, trunk: 0, rpn: 0, head: 0 }, () => 2000 * (native + head)],
    ['fast-rcnn', { network: 0, trunk: 1, rpn: 0, head: 2000 }, () => image + 2000 * head],
    [
      'faster-rcnn',
      { network: 0, trunk: 1, rpn: 1, head: 300 },
      () => image + 37 * 62 * (9 * 512 * 512 + 512 * (18 + 36)) + 300 * head,
    ],
    ['yolo', { network: 1, trunk: 0, rpn: 0, head: 0 }, () => 20_285_153_280],
  ])('%s: passes and total MACs by hand', (key, passes, total) => {
    expect(by(c, key).passes).toEqual(passes);
    expect(by(c, key).macs.total).toBe(total());
  });

  it('orders the detectors as the papers’ timings do: R-CNN ≫ Fast R-CNN > Faster R-CNN > YOLO', () => {
    const t = c.detectors.map((d) => d.macs.total);
    expect(t[0]! / t[1]!).toBeGreaterThan(50);
    expect(t[1]).toBeGreaterThan(t[2]!);
    expect(t[2]).toBeGreaterThan(t[3]!);
  });
});

describe('how the costs scale', () => {
  it('R-CNN is linear in N; Fast R-CNN adds one head per proposal; YOLO does not move', () => {
    const a = cost({ proposals: 1000 });
    const b = cost({ proposals: 2000 });
    expect(by(b, 'rcnn').macs.total).toBe(2 * by(a, 'rcnn').macs.total);
    expect(by(b, 'fast-rcnn').macs.total - by(a, 'fast-rcnn').macs.total).toBe(
      1000 * by(a, 'fast-rcnn').macs.perRegion,
    );
    expect(by(b, 'yolo').macs.total).toBe(by(a, 'yolo').macs.total);
    expect(by(b, 'faster-rcnn').macs.total).toBe(by(a, 'faster-rcnn').macs.total);
  });

  it('R-CNN ignores the image size (regions are warped); the shared trunk grows with it', () => {
    const small = cost({ imageH: 300, imageW: 500 });
    expect(by(small, 'rcnn').macs.total).toBe(by(cost(), 'rcnn').macs.total);
    expect(by(small, 'fast-rcnn').macs.once).toBeLessThan(by(cost(), 'fast-rcnn').macs.once);
    expect(small.featureMap).toEqual({ h: 18, w: 31, c: 512 });
  });

  it('YOLO’s last layer follows the number of classes: 7·7·(10 + C)', () => {
    const yolo = (classes: number) => by(cost({ classes }), 'yolo').macs.total;
    expect(yolo(21) - yolo(20)).toBe(4096 * 49);
  });

  it.each<PresetKey>([
    'alexnet-2012',
    'vgg16',
    'googlenet',
    'resnet18',
    'resnet34',
    'resnet50',
    'densenet121',
  ])('%s: every count is a positive whole number', (backbone) => {
    const c = cost({ backbone });
    for (const d of c.detectors) {
      expect(Number.isSafeInteger(d.macs.total)).toBe(true);
      expect(d.macs.total).toBeGreaterThan(0);
    }
  });
});

describe('detectionCost remembers what depends only on the backbone and C', () => {
  // a fresh count of the backbone-only parts, as detectionCost did before remembering them
  const fresh = (backbone: PresetKey, classes: number) => {
    const preset = presets[backbone];
    const input = preset.input as { h: number; w: number; c: number };
    const split = splitBackbone(preset.network, input, classes);
    if (!split.ok) throw new Error('split');
    const trunk = analyze(split.value.trunk, input);
    if (!trunk.ok) throw new Error('trunk');
    return trunk.value.totals.macs + split.value.headMacs;
  };

  it.each<[PresetKey, number]>([
    ['vgg16', 20],
    ['alexnet-2012', 1],
    ['resnet50', 1000],
    ['googlenet', 80],
  ])('%s with C = %i: R-CNN per region = one full pass, counted afresh', (backbone, classes) => {
    expect(by(cost({ backbone, classes }), 'rcnn').macs.perRegion).toBe(fresh(backbone, classes));
  });

  it('gives the same answer before and after more settings than it keeps (40 class counts)', () => {
    const first = cost({ classes: 20 });
    const others = Array.from({ length: 40 }, (_, i) => cost({ classes: i + 1 }));
    expect(others.map((c) => by(c, 'yolo').macs.total)).toEqual(
      others.map((_, i) => {
        const a = analyze(
          [...yolov1.network.slice(0, -1), { kind: 'fc', out: 7 * 7 * (10 + i + 1) }],
          yolov1.input,
        );
        if (!a.ok) throw new Error('yolo');
        return a.value.totals.macs;
      }),
    );
    expect(cost({ classes: 20 })).toEqual(first);
  });
});

describe('detectionCost problems', () => {
  it.each<[Partial<DetectionCostSettings>, string, string | undefined]>([
    [{ proposals: 0 }, 'notPositive', 'proposals'],
    [{ proposals: 2.5 }, 'notInteger', 'proposals'],
    [{ proposals: Number.NaN }, 'missing', 'proposals'],
    [{ proposals: 1e6 }, 'tooLarge', 'proposals'],
    [{ imageW: 0 }, 'notPositive', 'imageW'],
    [{ imageH: 5000 }, 'tooLarge', 'imageH'],
    [{ rpnProposals: -3 }, 'notPositive', 'rpnProposals'],
    [{ backbone: 'lenet' as PresetKey }, 'emptyNetwork', undefined],
    [{ backbone: 'alexnet-2012', imageH: 32, imageW: 32 }, 'kernelTooLarge', undefined],
    [{ imageH: 64, imageW: 64 }, 'tooLarge', 'rpnProposals'], // 4·4·9 = 144 anchors < 300
  ])('%j → %s', (s, code, what) => {
    const r = detectionCost({ ...detectionDefaults, ...s });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems[0]!.code).toBe(code);
      if (what) expect(r.problems[0]!.values.what).toBe(what);
    }
  });
});

describe('published speeds', () => {
  it('cite known references and put the detectors in the order of their speed', () => {
    for (const s of publishedSpeeds) expect(isReferenceKey(s.cite)).toBe(true);
    const vgg = (key: string) =>
      publishedSpeeds.find((s) => s.key === key && s.backbone === 'VGG-16')!.seconds;
    expect(vgg('rcnn') / vgg('fast-rcnn')).toBeCloseTo(146.9, 1); // the Fast R-CNN paper's 146×
  });
});
