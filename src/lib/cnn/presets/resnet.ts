import type { Layer, ResidualBlock } from '../network';
import type { Preset } from './preset';
import { bn, conv, fc, maxpool, plain, relu, residual } from './build';

export type ResNetBlock = 'basic' | 'bottleneck';

/**
 * Body F of one residual block (torchvision: stride s on the 3×3 conv, no biases, bn after each
 * conv). basic: 3×3 → `width`, 3×3 → `out`; bottleneck: 1×1 → `width`, 3×3 → `width`, 1×1 → `out`.
 */
function blockBody(block: ResNetBlock, width: number, out: number, s: number | undefined): Layer[] {
  if (block === 'basic') {
    return [
      conv(width, 3, { s, p: 1, bias: false }),
      bn(),
      relu(),
      conv(out, 3, { p: 1, bias: false }),
      bn(),
    ];
  }
  return [
    conv(width, 1, { bias: false }),
    bn(),
    relu(),
    conv(width, 3, { s, p: 1, bias: false }),
    bn(),
    relu(),
    conv(out, 1, { bias: false }),
    bn(),
  ];
}

/**
 * One residual block y = F(x) + shortcut(x) from C_in to C_out channels with stride s (1 = same
 * size): the body of `blockBody`; a projection shortcut (1×1 conv stride s, no bias, + bn) when
 * the shape changes (s ≠ 1 or C_in ≠ C_out), otherwise the identity.
 */
export function residualBlock(
  name: string | undefined,
  block: ResNetBlock,
  cIn: number,
  width: number,
  out: number,
  s?: number,
): ResidualBlock {
  const stride = s === 1 ? undefined : s;
  const shortcut =
    stride !== undefined || cIn !== out ? [conv(out, 1, { s: stride, bias: false }), bn()] : undefined;
  return residual(name, blockBody(block, width, out, stride), shortcut);
}

/**
 * ResNet as torchvision builds it: 7×7/2 stem + 3×3/2 max pool, four stages of `counts[i]` blocks
 * with 64·2^i inner channels (×4 out for bottlenecks), the first block of stages 2–4 with stride 2.
 * A block whose shape changes gets a projection shortcut (1×1 conv stride s, no bias, + bn);
 * otherwise the shortcut is identity. Blocks are named after the paper's stages: conv2_1 ... conv5_3.
 */
export function resnet(
  block: ResNetBlock,
  counts: [number, number, number, number],
  classes = 1000,
): Layer[] {
  const expansion = block === 'basic' ? 1 : 4;
  const layers: Layer[] = [
    conv(64, 7, { name: 'conv1', s: 2, p: 3, bias: false }),
    bn(),
    relu(),
    maxpool(3, { name: 'pool1', s: 2, p: 1 }),
  ];
  let channels = 64;
  counts.forEach((count, stage) => {
    const width = 64 * 2 ** stage;
    for (let b = 0; b < count; b++) {
      const s = stage > 0 && b === 0 ? 2 : undefined;
      const out = width * expansion;
      layers.push(residualBlock(`conv${stage + 2}_${b + 1}`, block, channels, width, out, s), relu());
      channels = out;
    }
  });
  return [...layers, plain('gap'), fc(classes, 'fc')];
}

const source = (depth: number) => ({
  citation: `K. He, X. Zhang, S. Ren, J. Sun, "Deep Residual Learning for Image Recognition", CVPR 2016 (Table 1, ${depth}-layer); counted as torchvision's resnet${depth}.`,
  url: 'https://arxiv.org/abs/1512.03385',
});

const input = { h: 224, w: 224, c: 3 };

/** ResNet-18: basic blocks [2, 2, 2, 2], 11,689,512 parameters. */
export const resnet18: Preset = {
  input,
  source: source(18),
  network: resnet('basic', [2, 2, 2, 2]),
};
/** ResNet-34: basic blocks [3, 4, 6, 3], 21,797,672 parameters. */
export const resnet34: Preset = {
  input,
  source: source(34),
  network: resnet('basic', [3, 4, 6, 3]),
};
/** ResNet-50: bottleneck blocks [3, 4, 6, 3], 25,557,032 parameters. */
export const resnet50: Preset = {
  input,
  source: {
    ...source(50),
    note: 'torchvision (v1.5) puts the stride on the 3×3 convolution, the paper on the first 1×1; the counts are the same.',
  },
  network: resnet('bottleneck', [3, 4, 6, 3]),
};
