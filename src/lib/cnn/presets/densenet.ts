import type { ConcatBlock, Layer } from '../network';
import type { Preset } from './preset';
import { avgpool, bn, concat, conv, fc, maxpool, plain, relu } from './build';

/**
 * One dense layer: the input is kept (identity branch) and concatenated with k new channels
 * (growth rate k). With a bottleneck (DenseNet-B, `bnSize` > 0): bn-relu-conv1×1 (bnSize·k)
 * - bn-relu-conv3×3 (k); without (`bnSize` = 0): bn-relu-conv3×3 (k). No biases.
 * Output channels C_in + k.
 */
export function denseLayer(name: string, growth: number, bnSize = 4): ConcatBlock {
  const squeeze: Layer[] = bnSize > 0 ? [bn(), relu(), conv(bnSize * growth, 1, { bias: false })] : [];
  return concat(name, [
    [plain('identity')],
    [...squeeze, bn(), relu(), conv(growth, 3, { p: 1, bias: false })],
  ]);
}

/**
 * A transition between dense blocks: bn-relu-conv1×1 to `out` = ⌊θ·C⌋ channels (named `name`),
 * then 2×2 average pooling with stride 2 (halves H and W).
 */
export function transition(name: string, out: number): Layer[] {
  return [bn(), relu(), conv(out, 1, { name, bias: false }), avgpool(2, { s: 2 })];
}

/**
 * DenseNet-BC as torchvision builds it. Each dense layer concatenates its input with k new
 * channels (growth rate k): bn-relu-conv1×1 (bnSize·k) - bn-relu-conv3×3 (k), no biases.
 * Between blocks a transition halves the channels (bn-relu-conv1×1) and the size (2×2 avg pool).
 */
export function densenet(
  growth: number,
  blocks: number[],
  initial: number,
  bnSize = 4,
  classes = 1000,
): Layer[] {
  const layers: Layer[] = [
    conv(initial, 7, { name: 'conv0', s: 2, p: 3, bias: false }),
    bn(),
    relu(),
    maxpool(3, { name: 'pool0', s: 2, p: 1 }),
  ];
  let channels = initial;
  blocks.forEach((count, i) => {
    for (let l = 0; l < count; l++) {
      layers.push(denseLayer(`dense${i + 1}_${l + 1}`, growth, bnSize));
      channels += growth;
    }
    if (i < blocks.length - 1) {
      channels = Math.floor(channels / 2);
      layers.push(...transition(`transition${i + 1}`, channels));
    }
  });
  return [...layers, bn(), relu(), plain('gap'), fc(classes, 'classifier')];
}

/** DenseNet-121: growth 32, blocks [6, 12, 24, 16], 64 initial channels; 7,978,856 parameters. */
export const densenet121: Preset = {
  input: { h: 224, w: 224, c: 3 },
  source: {
    citation:
      'G. Huang, Z. Liu, L. van der Maaten, K. Q. Weinberger, "Densely Connected Convolutional Networks", CVPR 2017 (Table 1, DenseNet-121); counted as torchvision\'s densenet121.',
    url: 'https://arxiv.org/abs/1608.06993',
  },
  network: densenet(32, [6, 12, 24, 16], 64),
};
