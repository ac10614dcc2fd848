import type { Layer } from '../network';
import type { Preset } from './preset';
import { conv, fc4096Head, maxpool, relu } from './build';

/**
 * VGG network: stages of 3×3 stride-1 "same" convolutions (conv<stage>_<i>), each stage followed
 * by a 2×2 stride-2 max pool, then fc6, fc7 (4096) and fc8 (classes).
 * `stages` lists [channels, number of convolutions] per stage.
 */
export function vgg(stages: [number, number][], classes = 1000): Layer[] {
  const features = stages.flatMap(([channels, count], i) => [
    ...Array.from({ length: count }, (_, j) => [
      conv(channels, 3, { name: `conv${i + 1}_${j + 1}`, p: 1 }),
      relu(),
    ]).flat(),
    maxpool(2, { name: `pool${i + 1}`, s: 2 }),
  ]);
  return [...features, ...fc4096Head(classes)];
}

/** VGG-16, configuration D: 138,357,544 parameters. */
export const vgg16: Preset = {
  input: { h: 224, w: 224, c: 3 },
  source: {
    citation:
      'K. Simonyan, A. Zisserman, "Very Deep Convolutional Networks for Large-Scale Image Recognition", ICLR 2015 (Table 1, configuration D).',
    url: 'https://arxiv.org/abs/1409.1556',
  },
  network: vgg([
    [64, 2],
    [128, 2],
    [256, 3],
    [512, 3],
    [512, 3],
  ]),
};
