/**
 * Cross-check against TensorFlow.js (CPU backend, Node): the same small networks built with
 * tfjs-layers must have the engine's output shapes and parameter counts.
 *
 * - tfjs-layers has no explicit padding on conv2d: `p` > 0 is written as zeroPadding2d + 'valid'.
 * - tfjs-layers' conv2d has no `groups` option, so a grouped convolution is emulated the way it
 *   is defined: the channel groups as separate inputs, one conv2d per group, concatenated.
 * - tfjs batch norm also stores moving mean and variance (not trained): we compare trainable
 *   weights, and check countParams() = trainable + 2·C per bn layer.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, isFlat, type Analysis, type Shape } from '../../../../src/lib/cnn/analyze';
import { parseNetwork } from '../../../../src/lib/cnn/text-format';
import { english } from '../../english';

beforeAll(async () => {
  tf.env().set('IS_TEST', true); // no "install tfjs-node" banner
  await tf.setBackend('cpu');
  await tf.ready();
});
afterAll(() => tf.disposeVariables());

function engine(text: string): Analysis {
  const p = parseNetwork(text);
  if (!p.ok) throw new Error(english(p.problems[0]!));
  const a = analyze(p.value.network, p.value.input!);
  if (!a.ok) throw new Error(english(a.problems[0]!));
  return a.value;
}

const dims = (s: Shape) => (isFlat(s) ? [s.size] : [s.h, s.w, s.c]);
const trainable = (m: tfl.LayersModel) =>
  m.trainableWeights.reduce((a, w) => a + (w.shape as number[]).reduce((x, y) => x * y, 1), 0);
const outDims = (m: tfl.LayersModel) => m.outputs[0]!.shape.slice(1);
type Sym = tfl.SymbolicTensor;
const L = tfl.layers;
const apply = (x: Sym, ...layers: tfl.layers.Layer[]): Sym => layers.reduce((t, l) => l.apply(t) as Sym, x);

interface Case {
  text: string;
  build: () => tfl.LayersModel;
  /** channels of bn layers (tfjs adds 2 non-trainable numbers per channel) */
  bnChannels?: number;
}

const cases: Record<string, Case> = {
  'conv / pool / dense stack': {
    text: `input 28x28x1
conv 8 k3
relu
maxpool k2
conv 16 k3 p=same
avgpool k2 s2
flatten
fc 10`,
    build: () =>
      tfl.sequential({
        layers: [
          L.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, activation: 'relu' }),
          L.maxPooling2d({ poolSize: 2 }),
          L.conv2d({ filters: 16, kernelSize: 3, padding: 'same' }),
          L.averagePooling2d({ poolSize: 2, strides: 2 }),
          L.flatten(),
          L.dense({ units: 10 }),
        ],
      }),
  },
  'stride, explicit padding, no bias, bn, dilation, gap': {
    text: `input 32x32x3
conv 6 k5 s2 p2 nobias
bn
relu
conv 12 k3 d2
gap
fc 5`,
    bnChannels: 6,
    build: () =>
      tfl.sequential({
        layers: [
          L.zeroPadding2d({ inputShape: [32, 32, 3], padding: 2 }),
          L.conv2d({ filters: 6, kernelSize: 5, strides: 2, useBias: false }),
          L.batchNormalization(),
          L.activation({ activation: 'relu' }),
          L.conv2d({ filters: 12, kernelSize: 3, dilationRate: 2 }),
          L.globalAveragePooling2d({}),
          L.dense({ units: 5 }),
        ],
      }),
  },
  'rectangular kernels, stride 3, dense on a vector': {
    text: `input 17x20x4
conv 8 k1x7
conv 8 k7x1 s3
flatten
fc 32 nobias
fc 3`,
    build: () =>
      tfl.sequential({
        layers: [
          L.conv2d({ inputShape: [17, 20, 4], filters: 8, kernelSize: [1, 7] }),
          L.conv2d({ filters: 8, kernelSize: [7, 1], strides: 3 }),
          L.flatten(),
          L.dense({ units: 32, useBias: false }),
          L.dense({ units: 3 }),
        ],
      }),
  },
  'multilayer perceptron on a flat input': {
    text: `input 784
fc 128
relu
dropout 0.2
fc 10`,
    build: () =>
      tfl.sequential({
        layers: [
          L.dense({ inputShape: [784], units: 128, activation: 'relu' }),
          L.dropout({ rate: 0.2 }),
          L.dense({ units: 10 }),
        ],
      }),
  },
  'grouped conv (2 groups, emulated per group)': {
    text: `input 10x10x4
conv 8 k3 g2`,
    build: () => {
      const groups = [tfl.input({ shape: [10, 10, 2] }), tfl.input({ shape: [10, 10, 2] })];
      const outs = groups.map((g) => apply(g, L.conv2d({ filters: 4, kernelSize: 3 })));
      return tfl.model({ inputs: groups, outputs: L.concatenate().apply(outs) as Sym });
    },
  },
  'the same conv ungrouped': {
    text: `input 10x10x4
conv 8 k3`,
    build: () =>
      tfl.sequential({ layers: [L.conv2d({ inputShape: [10, 10, 4], filters: 8, kernelSize: 3 })] }),
  },
  'residual blocks: identity and 1×1 stride-2 projection (add)': {
    text: `input 8x8x16
residual {
  conv 16 k3 p1 nobias
  bn
  relu
  conv 16 k3 p1 nobias
  bn
}
relu
residual {
  conv 32 k3 s2 p1 nobias
  bn
  relu
  conv 32 k3 p=same nobias
  bn
} shortcut {
  conv 32 k1 s2 nobias
  bn
}
relu
gap
fc 10`,
    bnChannels: 16 + 16 + 32 + 32 + 32,
    build: () => {
      const x = tfl.input({ shape: [8, 8, 16] });
      const conv = (filters: number, strides = 1) =>
        L.conv2d({
          filters,
          kernelSize: 3,
          strides,
          padding: strides === 1 ? 'same' : 'valid',
          useBias: false,
        });
      const f1 = apply(x, conv(16), L.batchNormalization(), L.reLU(), conv(16), L.batchNormalization());
      const y1 = apply(L.add().apply([f1, x]) as Sym, L.reLU());
      const f2 = apply(
        y1,
        L.zeroPadding2d({ padding: 1 }),
        conv(32, 2),
        L.batchNormalization(),
        L.reLU(),
        conv(32),
        L.batchNormalization(),
      );
      const s2 = apply(
        y1,
        L.conv2d({ filters: 32, kernelSize: 1, strides: 2, useBias: false }),
        L.batchNormalization(),
      );
      const y2 = apply(
        L.add().apply([f2, s2]) as Sym,
        L.reLU(),
        L.globalAveragePooling2d({}),
        L.dense({ units: 10 }),
      );
      return tfl.model({ inputs: x, outputs: y2 });
    },
  },
  'inception-style concat block': {
    text: `input 12x12x8
mix: concat {
  branch {
    conv 4 k1
    relu
  }
  branch {
    conv 2 k1
    conv 6 k3 p=same
  }
  branch {
    conv 2 k1
    conv 3 k5 p2
  }
  branch {
    maxpool k3 s1 p=same
    conv 3 k1
  }
}
flatten
fc 7`,
    build: () => {
      const x = tfl.input({ shape: [12, 12, 8] });
      const b1 = apply(x, L.conv2d({ filters: 4, kernelSize: 1, activation: 'relu' }));
      const b2 = apply(
        x,
        L.conv2d({ filters: 2, kernelSize: 1 }),
        L.conv2d({ filters: 6, kernelSize: 3, padding: 'same' }),
      );
      const b3 = apply(
        x,
        L.conv2d({ filters: 2, kernelSize: 1 }),
        L.zeroPadding2d({ padding: 2 }),
        L.conv2d({ filters: 3, kernelSize: 5 }),
      );
      const b4 = apply(
        x,
        L.maxPooling2d({ poolSize: 3, strides: 1, padding: 'same' }),
        L.conv2d({ filters: 3, kernelSize: 1 }),
      );
      const y = apply(L.concatenate().apply([b1, b2, b3, b4]) as Sym, L.flatten(), L.dense({ units: 7 }));
      return tfl.model({ inputs: x, outputs: y });
    },
  },
  'dense-block layer: concat with an identity branch': {
    text: `input 6x6x16
concat {
  branch { identity }
  branch {
    bn
    relu
    conv 8 k3 p1 nobias
  }
}`,
    bnChannels: 16,
    build: () => {
      const x = tfl.input({ shape: [6, 6, 16] });
      const f = apply(
        x,
        L.batchNormalization(),
        L.reLU(),
        L.conv2d({ filters: 8, kernelSize: 3, padding: 'same', useBias: false }),
      );
      return tfl.model({ inputs: x, outputs: L.concatenate().apply([x, f]) as Sym });
    },
  },
  'transposed convolutions': {
    text: `input 5x5x3
convt 4 k4 s2 p1
convt 2 k3 s2`,
    build: () =>
      tfl.sequential({
        layers: [
          // tfjs 'same' transposed conv gives i·s = 10, as k=4 s=2 p=1 does
          L.conv2dTranspose({
            inputShape: [5, 5, 3],
            filters: 4,
            kernelSize: 4,
            strides: 2,
            padding: 'same',
          }),
          L.conv2dTranspose({ filters: 2, kernelSize: 3, strides: 2, padding: 'valid' }),
        ],
      }),
  },
};

describe('engine vs TensorFlow.js layers', () => {
  it.each(Object.keys(cases))('%s', (label) => {
    const c = cases[label]!;
    const a = engine(c.text);
    const model = c.build();
    try {
      expect(dims(a.output)).toEqual(outDims(model));
      expect(a.totals.params.total).toBe(trainable(model));
      expect(model.countParams()).toBe(a.totals.params.total + 2 * (c.bnChannels ?? 0));
    } finally {
      model.dispose();
    }
  });

  it('per-layer output shapes of a sequential stack agree', () => {
    const a = engine(cases['conv / pool / dense stack']!.text);
    const model = cases['conv / pool / dense stack']!.build();
    try {
      const tfShapes = model.layers.map((l) => (l.outputShape as number[]).slice(1));
      const engineShapes = a.rows.filter((r) => r.kind !== 'relu').map((r) => dims(r.output));
      expect(engineShapes).toEqual(tfShapes);
    } finally {
      model.dispose();
    }
  });

  it('grouping divides the weights by the number of groups (tfjs, 2 groups vs 1)', () => {
    const grouped = cases['grouped conv (2 groups, emulated per group)']!.build();
    const plain = cases['the same conv ungrouped']!.build();
    try {
      const weightsOnly = (m: tfl.LayersModel) => trainable(m) - 8; // 8 biases in both
      expect(weightsOnly(grouped) * 2).toBe(weightsOnly(plain));
    } finally {
      grouped.dispose();
      plain.dispose();
    }
  });
});
