import type { ConcatBlock } from '../network';
import type { Preset } from './preset';
import { avgpool, concat, conv, dropout, fc, lrn, maxpool, plain, relu } from './build';

/**
 * An inception module (paper's Table 1 columns): #1×1 | #3×3 reduce → #3×3 | #5×5 reduce → #5×5 |
 * 3×3 max pool (stride 1) → pool proj; every convolution has biases and is followed by ReLU.
 * Output channels = #1×1 + #3×3 + #5×5 + pool proj.
 */
export function inception(
  name: string,
  [c1, r3, c3, r5, c5, pp]: [number, number, number, number, number, number],
): ConcatBlock {
  return concat(name, [
    [conv(c1, 1, { name: '1x1' }), relu()],
    [conv(r3, 1, { name: '3x3_reduce' }), relu(), conv(c3, 3, { name: '3x3', p: 1 }), relu()],
    [conv(r5, 1, { name: '5x5_reduce' }), relu(), conv(c5, 5, { name: '5x5', p: 2 }), relu()],
    [maxpool(3, { name: 'pool', s: 1, p: 1 }), conv(pp, 1, { name: 'pool_proj' }), relu()],
  ]);
}

/** Caffe rounds pooling output sizes up: 112 → 56 → 28 → 14 → 7. */
const downsample = (name: string) => maxpool(3, { name, s: 2, ceil: true });

/**
 * GoogLeNet (Inception v1) as in the paper: true 5×5 branches, biases, LRN, no batch norm,
 * no auxiliary classifiers. 6,998,552 parameters.
 */
export const googlenet: Preset = {
  input: { h: 224, w: 224, c: 3 },
  source: {
    citation:
      'C. Szegedy et al., "Going Deeper with Convolutions", CVPR 2015 (Table 1; main classifier only, without the auxiliary heads); pooling rounds up as in Caffe\'s bvlc_googlenet.',
    url: 'https://arxiv.org/abs/1409.4842',
  },
  network: [
    conv(64, 7, { name: 'conv1', s: 2, p: 3 }),
    relu(),
    downsample('pool1'),
    lrn(5),
    conv(64, 1, { name: 'conv2_reduce' }),
    relu(),
    conv(192, 3, { name: 'conv2', p: 1 }),
    relu(),
    lrn(5),
    downsample('pool2'),
    inception('inception3a', [64, 96, 128, 16, 32, 32]),
    inception('inception3b', [128, 128, 192, 32, 96, 64]),
    downsample('pool3'),
    inception('inception4a', [192, 96, 208, 16, 48, 64]),
    inception('inception4b', [160, 112, 224, 24, 64, 64]),
    inception('inception4c', [128, 128, 256, 24, 64, 64]),
    inception('inception4d', [112, 144, 288, 32, 64, 64]),
    inception('inception4e', [256, 160, 320, 32, 128, 128]),
    downsample('pool4'),
    inception('inception5a', [256, 160, 320, 32, 128, 128]),
    inception('inception5b', [384, 192, 384, 48, 128, 128]),
    avgpool(7, { name: 'pool5', s: 1 }),
    plain('flatten'),
    dropout(0.4),
    fc(1000, 'classifier'),
  ],
};
