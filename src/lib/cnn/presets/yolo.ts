import type { Preset } from './preset';
import { conv, fc, maxpool, plain } from './build';

/** A YOLO "reduction" pair: a 1×1 convolution to `reduce` channels, then a 3×3 "same" one to `out`. */
const pair = (reduce: number, out: number) => [conv(reduce, 1), conv(out, 3, { p: 1 })];

/**
 * YOLO v1 (Redmon et al. 2016, Figure 3): 24 convolutions and 2 fully connected layers on a
 * 448×448×3 image, ending in S·S·(B·5 + C) = 7·7·30 = 1470 outputs (reshaped to 7×7×30).
 * Only the layers that carry weights or change the shape are listed: the paper's activations
 * (leaky ReLU, slope 0.1) and its dropout after the first fully connected layer have neither
 * parameters nor multiply–accumulates. Padding is "same" for every 3×3 convolution, and 3 for the
 * first 7×7 stride-2 one, so the grid goes 448 → 224 → 112 → 56 → 28 → 14 → 7 as in the figure.
 */
export const yolov1: Preset = {
  input: { h: 448, w: 448, c: 3 },
  source: {
    citation:
      'J. Redmon, S. Divvala, R. Girshick, A. Farhadi, "You Only Look Once: Unified, Real-Time Object Detection", CVPR 2016 (Figure 3).',
    url: 'https://arxiv.org/abs/1506.02640',
    note: 'Leaky ReLU activations and dropout are left out: they have no parameters and no MACs.',
  },
  network: [
    conv(64, 7, { s: 2, p: 3 }),
    maxpool(2, { s: 2 }),
    conv(192, 3, { p: 1 }),
    maxpool(2, { s: 2 }),
    ...pair(128, 256),
    ...pair(256, 512),
    maxpool(2, { s: 2 }),
    ...pair(256, 512),
    ...pair(256, 512),
    ...pair(256, 512),
    ...pair(256, 512),
    ...pair(512, 1024),
    maxpool(2, { s: 2 }),
    ...pair(512, 1024),
    ...pair(512, 1024),
    conv(1024, 3, { p: 1 }),
    conv(1024, 3, { s: 2, p: 1 }),
    conv(1024, 3, { p: 1 }),
    conv(1024, 3, { p: 1 }),
    plain('flatten'),
    fc(4096),
    fc(7 * 7 * 30),
  ],
};
