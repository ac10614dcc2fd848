import type { Layer } from '~/lib/cnn/network';
import type { Preset } from './preset';
import { conv, convt, dropout, relu, residual } from './build';
import { vgg16Stages, vggStage } from './vgg';

/** Output stride of an FCN variant: 32 (no skip), 16 (skip from pool4), 8 (pool4 and pool3). */
export type FcnStride = 32 | 16 | 8;

/**
 * A 1×1 "score" convolution: one output channel per class (PASCAL VOC: 20 classes + background).
 */
const score = (name: string, classes: number): Layer => conv(classes, 1, { name });

/**
 * Upsampling by a factor f with a transposed convolution k = 2f, s = f, p = f/2, no bias:
 * o = f(i − 1) + 2f − f = f·i exactly (FCN initialises these to bilinear interpolation).
 */
const upsample = (name: string, classes: number, f: number): Layer =>
  convt(classes, 2 * f, { name, s: f, p: f / 2, bias: false });

/**
 * Fully convolutional network on a VGG-16 backbone (Long, Shelhamer, Darrell 2015):
 * VGG-16's convolutions, fc6 and fc7 convolutionalised (7×7 → 4096 and 1×1 → 4096), a 1×1 score
 * layer with `classes` channels at stride 32, then
 * - FCN-32s: one ×32 transposed convolution;
 * - FCN-16s: ×2, plus a 1×1 score of pool4 (a residual-style sum), then ×16;
 * - FCN-8s: as FCN-16s, then ×2 again, plus a 1×1 score of pool3, then ×8.
 * Each sum is written as a residual block whose body is the deeper path and whose shortcut is the
 * skip's score layer (both give the same H × W × classes). fc6 is padded by 3 and every upsampling
 * is exact (k = 2f, p = f/2), so an input divisible by 32 comes back at its own size.
 */
export function fcn(stride: FcnStride, classes = 21): Layer[] {
  const stage = (i: number) => vggStage(i, ...vgg16Stages[i - 1]!);
  const head: Layer[] = [
    ...stage(5),
    conv(4096, 7, { name: 'fc6', p: 3 }),
    relu(),
    dropout(0.5),
    conv(4096, 1, { name: 'fc7' }),
    relu(),
    dropout(0.5),
    score('score_fr', classes),
  ];
  if (stride === 32)
    return [...stage(1), ...stage(2), ...stage(3), ...stage(4), ...head, upsample('upscore32', classes, 32)];
  const fusePool4 = residual(
    'fuse_pool4',
    [...head, upsample('upscore2', classes, 2)],
    [score('score_pool4', classes)],
  );
  if (stride === 16)
    return [
      ...stage(1),
      ...stage(2),
      ...stage(3),
      ...stage(4),
      fusePool4,
      upsample('upscore16', classes, 16),
    ];
  const fusePool3 = residual(
    'fuse_pool3',
    [...stage(4), fusePool4, upsample('upscore_pool4', classes, 2)],
    [score('score_pool3', classes)],
  );
  return [...stage(1), ...stage(2), ...stage(3), fusePool3, upsample('upscore8', classes, 8)];
}

/**
 * VGG-16 with its classifier convolutionalised: fc6 → 7×7 conv (4096, no padding), fc7 → 1×1 conv
 * (4096), fc8 → 1×1 conv (classes). The same 138,357,544 parameters as VGG-16; on 224×224 it
 * outputs 1×1×classes, on a larger input a map of (H/32 − 6) × (W/32 − 6) score vectors.
 */
export function vgg16Convolutionalized(classes = 1000): Layer[] {
  return [
    ...vgg16Stages.flatMap(([channels, count], i) => vggStage(i + 1, channels, count)),
    conv(4096, 7, { name: 'fc6' }),
    relu(),
    dropout(0.5),
    conv(4096, 1, { name: 'fc7' }),
    relu(),
    dropout(0.5),
    conv(classes, 1, { name: 'fc8' }),
  ];
}

const source = (stride: FcnStride) => ({
  citation: `J. Long, E. Shelhamer, T. Darrell, "Fully Convolutional Networks for Semantic Segmentation", CVPR 2015 (FCN-${stride}s, VGG-16 backbone, 21 PASCAL VOC classes).`,
  url: 'https://arxiv.org/abs/1411.4038',
  note: 'The paper pads conv1_1 by 100 and crops after each upsampling so that any input size fits; this preset pads fc6 by 3 and uses exact upsampling (k = 2f, s = f, p = f/2) instead, so an input divisible by 32 needs no crop. The parameter counts are the same.',
});

const input = { h: 512, w: 512, c: 3 };

/** FCN-32s (display name `cnn.preset.fcn32s`): 134,346,581 parameters in the convolutions + 1,806,336 in the ×32 upsampling. */
export const fcn32s: Preset = {
  input,
  source: source(32),
  network: fcn(32),
};
/** FCN-16s: adds the pool4 score (10,773) and a ×2 upsampling (7,056); ×16 at the end. */
export const fcn16s: Preset = {
  input,
  source: source(16),
  network: fcn(16),
};
/** FCN-8s: adds the pool3 score (5,397) and a second ×2 upsampling; ×8 at the end. */
export const fcn8s: Preset = { input, source: source(8), network: fcn(8) };
