import type { Preset } from './preset';
import { conv, fc4096Head, lrn, maxpool, relu } from './build';

/**
 * AlexNet as trained on two GPUs in 2012: conv2, conv4 and conv5 only see the 48 (or 192)
 * channels on their own GPU, i.e. groups = 2. 227×227 input (the paper's "224" does not tile
 * with an 11×11 stride-4 kernel; Caffe's reference model uses 227). 60,965,224 parameters.
 */
export const alexnet2012: Preset = {
  input: { h: 227, w: 227, c: 3 },
  source: {
    citation:
      'A. Krizhevsky, I. Sutskever, G. E. Hinton, "ImageNet Classification with Deep Convolutional Neural Networks", NeurIPS 2012 (Figure 2); layer settings as in Caffe\'s bvlc_alexnet.',
    url: 'https://papers.nips.cc/paper/4824-imagenet-classification-with-deep-convolutional-neural-networks',
  },
  network: [
    conv(96, 11, { name: 'conv1', s: 4 }),
    relu(),
    lrn(5),
    maxpool(3, { s: 2 }),
    conv(256, 5, { name: 'conv2', p: 2, g: 2 }),
    relu(),
    lrn(5),
    maxpool(3, { s: 2 }),
    conv(384, 3, { name: 'conv3', p: 1 }),
    relu(),
    conv(384, 3, { name: 'conv4', p: 1, g: 2 }),
    relu(),
    conv(256, 3, { name: 'conv5', p: 1, g: 2 }),
    relu(),
    maxpool(3, { name: 'pool5', s: 2 }),
    ...fc4096Head(1000),
  ],
};
