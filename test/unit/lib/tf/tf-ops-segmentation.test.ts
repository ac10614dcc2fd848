/**
 * Lesson 10's TensorFlow.js ops on the CPU backend in Node: conv2dTranspose against the pure
 * scatter reference (lib/cnn), and convolutionalize (dense layer = the same weights as a
 * convolution). Tensor counts must not grow.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { ops, OpArgsError } from '~/lib/tf/ops';
import type {
  Conv2dTransposeArgs,
  ConvolutionalizeArgs,
  ConvolutionalizeResult,
  TensorResult,
} from '~/lib/tf/protocol';
import { convTransposeArgs, fromTensorResult, volumeToHwc } from '~/lib/tf/layout';
import { mulberry32, referenceConvTranspose } from '~/lib/cnn';
import {
  buildNet,
  forwardOf,
  referenceForward,
  sceneTensor,
  shapesFor,
  TRAIN_SIZE,
} from '~/components/widgets/Convolutionalize/convolutionalize';

beforeAll(async () => {
  tf.env().set('IS_TEST', true);
  await tf.setBackend('cpu');
  await tf.ready();
});

const runT = (args: Conv2dTransposeArgs) => ops.conv2dTranspose(tf, args) as TensorResult;
const runC = (args: ConvolutionalizeArgs) => ops.convolutionalize(tf, args) as ConvolutionalizeResult;

function randomCase(seed: number, n: number, cIn: number, cOut: number, k: number) {
  const r = mulberry32(seed);
  const v = () => Math.round((r() * 4 - 2) * 100) / 100;
  const input = Array.from({ length: cIn }, () =>
    Array.from({ length: n }, () => Array.from({ length: n }, v)),
  );
  const kernels = Array.from({ length: cOut }, () =>
    Array.from({ length: cIn }, () => Array.from({ length: k }, () => Array.from({ length: k }, v))),
  );
  return { input, kernels, bias: Array.from({ length: cOut }, v) };
}

describe('conv2dTranspose op (tfjs CPU) equals the scatter reference', () => {
  it.each([
    // n, C_in, C_out, k, s, p, a
    [3, 1, 1, 3, 2, 0, 0],
    [3, 1, 1, 3, 2, 1, 1],
    [4, 2, 3, 4, 2, 1, 0],
    [3, 3, 2, 3, 1, 1, 0],
    [2, 1, 2, 5, 3, 1, 2],
    [5, 2, 1, 2, 2, 0, 1],
    [4, 1, 1, 1, 2, 0, 1], // k < s: holes between the copies
  ])('n=%i C_in=%i C_out=%i k=%i s=%i p=%i a=%i', (n, cIn, cOut, k, s, p, a) => {
    const c = randomCase(n * 1000 + k * 10 + s, n, cIn, cOut, k);
    const ref = referenceConvTranspose(c.input, c.kernels, c.bias, s, p, a);
    if (!ref.ok) throw new Error(ref.problems[0]!.code);
    const before = tf.memory().numTensors;
    const got = runT(convTransposeArgs(c.input, c.kernels, c.bias, s, p, a));
    expect(tf.memory().numTensors).toBe(before);
    const oh = ref.value[0]!.length;
    expect(got.shape).toEqual([oh, ref.value[0]![0]!.length, cOut]);
    const vol = fromTensorResult(got);
    let max = 0;
    vol.forEach((plane, m) =>
      plane.forEach((row, y) =>
        row.forEach((v, x) => (max = Math.max(max, Math.abs(v - ref.value[m]![y]![x]!)))),
      ),
    );
    expect(max).toBeLessThan(1e-4);
  });
  it('volumeToHwc and fromTensorResult are inverse', () => {
    const c = randomCase(3, 3, 2, 1, 1);
    const t = volumeToHwc(c.input);
    expect(fromTensorResult({ shape: t.shape, data: t.data })).toEqual(
      c.input.map((p) => p.map((r) => r.map((v) => Math.fround(v)))),
    );
  });
  it.each([
    [{ outputPadding: 2 }, /output padding/],
    [{ pad: -1 }, /pad must be/],
    [{ stride: 0 }, /stride/],
    [{ pad: 5 }, /crops the whole/],
  ])('rejects %j', (patch, message) => {
    const c = randomCase(1, 3, 1, 1, 3);
    const args = { ...convTransposeArgs(c.input, c.kernels, c.bias, 2, 0, 0), ...patch };
    expect(() => runT(args)).toThrow(OpArgsError);
    expect(() => runT(args)).toThrow(message);
  });
});

describe('convolutionalize op: the dense layer and its convolution agree', () => {
  const net = buildNet();
  it('at the training size both run and agree within 1e-5; the conv map is 1×1×10', () => {
    const before = tf.memory().numTensors;
    const r = runC({ ...net, input: sceneTensor(TRAIN_SIZE) });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.features).toEqual([4, 4, 16]);
    expect(r.conv.shape).toEqual([1, 1, 10]);
    expect(r.dense.ok).toBe(true);
    if (!r.dense.ok) return;
    expect(r.dense.scores.shape).toEqual([10]);
    expect(r.maxDifference).not.toBeNull();
    expect(r.maxDifference!).toBeLessThan(1e-5);
    for (let m = 0; m < 10; m++) expect(r.conv.data[m]).toBeCloseTo(r.dense.scores.data[m]!, 5);
    // not a trivial agreement: the scores are not all equal
    expect(new Set(Array.from(r.dense.scores.data).map((v) => v.toFixed(4))).size).toBeGreaterThan(5);
  });
  it.each([18, 26, 11, 40])(
    'on %i×%i the conv version returns the map the engine predicts; dense refuses unless the length fits',
    (n) => {
      const before = tf.memory().numTensors;
      const r = runC({ ...net, input: sceneTensor(n) });
      expect(tf.memory().numTensors).toBe(before);
      const shapes = shapesFor(n);
      if (!shapes.ok) throw new Error('expected ok');
      const s = shapes.value;
      expect(r.features).toEqual([s.features.h, s.features.w, s.features.c]);
      expect(r.conv.shape).toEqual([s.scores.h, s.scores.w, s.scores.c]);
      expect(r.dense.ok).toBe(false);
      expect(r.maxDifference).toBeNull();
      if (!r.dense.ok) expect(r.dense.refusal).toEqual({ code: 'flattenLength', expected: 256, got: s.got });
    },
  );
  it('the top-left score of a larger map is the dense classifier on the top-left 10×10 window', () => {
    // scene(18) starts with the 10×10 training scene; conv1 has no padding and conv2's padding
    // touches only the top/left there, so the first 4×4 features of both are the same numbers
    const big = runC({ ...net, input: sceneTensor(18) });
    const small = runC({ ...net, input: sceneTensor(TRAIN_SIZE) });
    if (!small.dense.ok) throw new Error('dense must run at the training size');
    const scores = small.dense.scores.data;
    const units = big.conv.shape[2]!;
    for (let m = 0; m < units; m++) expect(Math.abs(big.conv.data[m]! - scores[m]!)).toBeLessThan(1e-5);
    // …and the next position differs (it sees another window)
    const next = Array.from({ length: units }, (_, m) => big.conv.data[units + m]!);
    expect(next.some((v, m) => Math.abs(v - scores[m]!) > 1e-3)).toBe(true);
  });
  it('rejects a dense layer that does not match trainMap and an input too small', () => {
    expect(() => runC({ ...net, trainMap: [4, 4, 8], input: sceneTensor(TRAIN_SIZE) })).toThrow(OpArgsError);
    expect(() => runC({ ...net, input: sceneTensor(6) })).toThrow(/smaller than/);
  });
});

describe('referenceForward (plain loops, the server render) equals the worker', () => {
  it.each([10, 18, 23])('n = %i', (n) => {
    const net = buildNet();
    const ref = referenceForward(net, n);
    const tfr = forwardOf(runC({ ...net, input: sceneTensor(n) }));
    expect(ref.features).toEqual(tfr.features);
    expect(ref.scores.length).toBe(10);
    let max = 0;
    ref.scores.forEach((plane, m) =>
      plane.forEach((row, y) =>
        row.forEach((v, x) => (max = Math.max(max, Math.abs(v - tfr.scores[m]![y]![x]!)))),
      ),
    );
    expect(max).toBeLessThan(1e-4);
    expect(ref.dense === null).toBe(tfr.dense === null);
    if (ref.dense && tfr.dense) {
      ref.dense.forEach((v, m) => expect(v).toBeCloseTo(tfr.dense![m]!, 4));
      expect(ref.maxDifference!).toBeLessThan(1e-9);
    }
  });
});
