/**
 * The pool2d op on tfjs's CPU backend in Node, against the pure reference `pool2d` of lib/cnn:
 * max and average, floor and ceil, several channels at once; tensors must not leak.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { ops, OpArgsError } from '~/lib/tf/ops';
import type { Pool2dArgs, TensorResult } from '~/lib/tf/protocol';
import { pool2d, outputSize, type PoolMode } from '~/lib/cnn';
import { mulberry32 } from '~/lib/cnn/activations';

beforeAll(async () => {
  tf.env().set('IS_TEST', true);
  await tf.setBackend('cpu');
  await tf.ready();
});

const run = (args: Pool2dArgs) => ops.pool2d(tf, args) as TensorResult;

/** channels[ch][row][col] of random values with two decimals, as HWC data for the op */
function randomMaps(seed: number, h: number, w: number, c: number) {
  const r = mulberry32(seed);
  const maps = Array.from({ length: c }, () =>
    Array.from({ length: h }, () => Array.from({ length: w }, () => Math.round((r() * 4 - 2) * 100) / 100)),
  );
  const data: number[] = [];
  for (let i = 0; i < h; i++)
    for (let j = 0; j < w; j++) for (let ch = 0; ch < c; ch++) data.push(maps[ch]![i]![j]!);
  return { maps, data };
}

describe('pool2d op (tfjs CPU) against the reference', () => {
  const combos: Array<[h: number, w: number, k: number, s: number, ceil: boolean]> = [
    [8, 8, 2, 2, false],
    [7, 7, 2, 2, false], // floor drops the last row and column
    [7, 7, 2, 2, true], // ceil adds a clipped window
    [9, 6, 3, 2, false], // overlapping windows (AlexNet)
    [9, 6, 3, 2, true],
    [10, 10, 3, 3, true],
    [6, 6, 3, 1, false],
    [5, 5, 1, 3, true], // s > k: the ceil window would start past the input and is cut
    [1, 4, 1, 1, false],
  ];
  for (const mode of ['max', 'avg'] as PoolMode[])
    it.each(combos)(`${mode}: %i×%i, k=%i, s=%i, ceil=%s`, (h, w, k, s, ceil) => {
      const { maps, data } = randomMaps(h * 100 + w * 10 + k + s, h, w, 3);
      const before = tf.memory().numTensors;
      const out = run({ input: { shape: [h, w, 3], data }, mode, k, stride: s, ceil });
      expect(tf.memory().numTensors).toBe(before);
      const oh = outputSize(h, k, 0, s, 1, ceil)!;
      const ow = outputSize(w, k, 0, s, 1, ceil)!;
      expect(out.shape).toEqual([oh, ow, 3]);
      for (let ch = 0; ch < 3; ch++) {
        const ref = pool2d(maps[ch]!, { k, s, mode, ceil });
        expect(ref.ok).toBe(true);
        if (!ref.ok) continue;
        for (let r = 0; r < oh; r++)
          for (let c = 0; c < ow; c++)
            expect(out.data[(r * ow + c) * 3 + ch]).toBeCloseTo(ref.value.output[r]![c]!, 5);
      }
    });

  it.each([
    [{ mode: 'median' }, "mode must be 'max' or 'avg'"],
    [{ k: 0 }, 'k must be a whole number'],
    [{ stride: 1.5 }, 'stride must be a whole number'],
    [{ k: 9 }, 'does not fit'],
    [{ input: { shape: [2, 2, 1], data: [1, 2, 3] } }, 'needs 4'],
  ])('rejects %j', (bad, message) => {
    const args = {
      input: { shape: [4, 4, 1], data: new Array(16).fill(1) },
      mode: 'max',
      k: 2,
      stride: 2,
      ...bad,
    };
    expect(() => run(args as Pool2dArgs)).toThrow(OpArgsError);
    expect(() => run(args as Pool2dArgs)).toThrow(message);
  });
});
