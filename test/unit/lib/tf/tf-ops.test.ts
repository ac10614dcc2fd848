/**
 * The TensorFlow.js layer on the CPU backend in Node: the ops module and the engine are imported
 * directly (the worker file only wires them to postMessage). conv2d is checked against the
 * hand-written reference convolution in src/lib/cnn on random inputs; tensor counts must not grow.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients'; // as the worker does
import { beforeAll, describe, expect, it } from 'vitest';
import { ops, convOutSize, dilateFilter, OpArgsError } from '~/lib/tf/ops';
import { chooseBackend, createEngine, LOST_POLL_MS, transferablesOf } from '~/lib/tf/engine';
import type {
  Conv2dArgs,
  TensorResult,
  TfResponse,
  UnitGradientArgs,
  UnitGradientResult,
} from '~/lib/tf/protocol';
import {
  cellBreakdown,
  maxDifference,
  referenceConv,
  type KernelBank,
  type Volume,
} from '~/lib/cnn/reference-conv';
import { fromTensorResult, toConv2dArgs } from '~/lib/tf/layout';
// the engine's seeded PRNG, so failures are reproducible
import { mulberry32 } from '~/lib/cnn/activations';

beforeAll(async () => {
  tf.env().set('IS_TEST', true); // no "install tfjs-node" banner
  await tf.setBackend('cpu');
  await tf.ready();
});

function randomCase(seed: number, n: number, cIn: number, cOut: number, k: number) {
  const r = mulberry32(seed);
  const v = () => Math.round((r() * 4 - 2) * 100) / 100;
  const input: Volume = Array.from({ length: cIn }, () =>
    Array.from({ length: n }, () => Array.from({ length: n }, v)),
  );
  const kernels: KernelBank = Array.from({ length: cOut }, () =>
    Array.from({ length: cIn }, () => Array.from({ length: k }, () => Array.from({ length: k }, v))),
  );
  const bias = Array.from({ length: cOut }, v);
  return { input, kernels, bias };
}

// Both ops are synchronous (they return plain results, not promises).
const runConv = (args: Conv2dArgs) => ops.conv2d(tf, args) as TensorResult;
const runGradient = (args: UnitGradientArgs) => ops.unitGradient(tf, args) as UnitGradientResult;

describe('conv2d op (tfjs CPU) against the reference convolution', () => {
  const combos: Array<[n: number, cIn: number, cOut: number, k: number, s: number, p: number]> = [
    [6, 3, 2, 3, 1, 1],
    [6, 3, 1, 1, 1, 0],
    [6, 3, 4, 5, 1, 2],
    [6, 3, 3, 3, 2, 0],
    [6, 3, 2, 3, 2, 1],
    [6, 3, 4, 2, 3, 2],
    [7, 2, 3, 4, 3, 1],
    [5, 1, 1, 5, 1, 0],
    [8, 4, 2, 3, 1, 2],
  ];
  it.each(combos)('n=%i C_in=%i C_out=%i k=%i s=%i p=%i', (n, cIn, cOut, k, s, p) => {
    const { input, kernels, bias } = randomCase(n * 1000 + k * 100 + s * 10 + p, n, cIn, cOut, k);
    const out = runConv(toConv2dArgs(input, kernels, bias, s, p));
    const o = Math.floor((n + 2 * p - k) / s) + 1;
    expect(out.shape).toEqual([o, o, cOut]);
    const ref = referenceConv(input, kernels, bias, s, p);
    expect(maxDifference(fromTensorResult(out), ref)).toBeLessThan(1e-4);
  });

  it('leaves no tensors behind, however often it runs', () => {
    const { input, kernels, bias } = randomCase(1, 6, 3, 2, 3);
    const args = toConv2dArgs(input, kernels, bias, 1, 1);
    runConv(args);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 25; i++) runConv(args);
    runGradient({
      input: args.input,
      layers: [{ filter: args.filter, stride: 1, pad: 1, relu: true }],
      unit: [2, 2, 0],
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('without bias adds nothing', () => {
    const { input, kernels } = randomCase(3, 6, 3, 2, 3);
    const args = toConv2dArgs(input, kernels, [0, 0], 1, 0);
    const { bias: _, ...noBias } = args;
    expect(maxDifference(fromTensorResult(runConv(noBias)), fromTensorResult(runConv(args)))).toBe(0);
  });

  it.each([
    [
      'a filter with the wrong input channels',
      (a: Conv2dArgs) => ({ ...a, filter: { shape: [3, 3, 2, 2], data: new Float32Array(36) } }),
      /input channels/,
    ],
    [
      'data of the wrong length',
      (a: Conv2dArgs) => ({ ...a, input: { shape: [6, 6, 3], data: [1, 2, 3] } }),
      /needs 108/,
    ],
    ['a bias of the wrong length', (a: Conv2dArgs) => ({ ...a, bias: [1] }), /bias has 1/],
    ['stride 0', (a: Conv2dArgs) => ({ ...a, stride: 0 }), /stride/],
    ['negative padding', (a: Conv2dArgs) => ({ ...a, pad: -1 }), /pad must be/],
    [
      'a kernel larger than the padded input',
      (a: Conv2dArgs) => ({ ...a, filter: { shape: [9, 9, 3, 2], data: new Float32Array(486) }, pad: 0 }),
      /does not fit/,
    ],
    [
      'NaN in the input',
      (a: Conv2dArgs) => ({ ...a, input: { shape: [6, 6, 3], data: new Array(108).fill(Number.NaN) } }),
      /finite/,
    ],
    [
      'a rank-2 input',
      (a: Conv2dArgs) => ({ ...a, input: { shape: [6, 18], data: new Float32Array(108) } }),
      /rank 3/,
    ],
  ])('rejects %s with OpArgsError', (_, change, message) => {
    const { input, kernels, bias } = randomCase(4, 6, 3, 2, 3);
    const args = change(toConv2dArgs(input, kernels, bias, 1, 1)) as Conv2dArgs;
    expect(() => runConv(args)).toThrow(OpArgsError);
    expect(() => runConv(args)).toThrow(message);
  });

  it('convOutSize matches TensorFlow for same/valid/explicit padding', () => {
    expect(convOutSize(6, 3, 2, 'same')).toBe(3);
    expect(convOutSize(7, 3, 2, 'valid')).toBe(3);
    expect(convOutSize(6, 3, 1, 1)).toBe(6);
    expect(convOutSize(10, 3, 1, 0, 2)).toBe(6);
  });
});

describe('unitGradient op', () => {
  it('for one linear conv, ∂y/∂x is the kernel laid over the unit’s window (cross-check with the reference terms)', () => {
    const { input, kernels } = randomCase(11, 6, 3, 2, 3);
    const args = toConv2dArgs(input, kernels, [0.5, -1], 2, 1);
    const unit: [number, number, number] = [1, 2, 1];
    const g = runGradient({
      input: args.input,
      layers: [{ filter: args.filter, bias: args.bias, stride: 2, pad: 1 }],
      unit,
    });
    const cell = cellBreakdown(input, kernels, [0.5, -1], 2, 1, 1, 1, 2);
    expect(g.value).toBeCloseTo(cell.value, 4);
    expect(g.outputShape).toEqual([3, 3, 2]);
    const grad = fromTensorResult(g.gradient); // C × H × W
    const expected: Volume = input.map((ch) => ch.map((row) => row.map(() => 0)));
    for (const ch of cell.channels)
      for (const t of ch.terms) if (!t.padding) expected[t.c]![t.y - 1]![t.x - 1] = t.weight;
    expect(maxDifference(grad, expected)).toBeLessThan(1e-5);
  });

  it('through two layers the gradient reaches a 5×5 field (two 3×3 convolutions)', () => {
    const ones = (k: number, c: number, m: number) => ({
      shape: [k, k, c, m],
      data: new Array(k * k * c * m).fill(1),
    });
    const g = runGradient({
      input: { shape: [9, 9, 1], data: new Array(81).fill(1) },
      layers: [
        { filter: ones(3, 1, 1), stride: 1, pad: 0 },
        { filter: ones(3, 1, 1), stride: 1, pad: 0 },
      ],
      unit: [2, 2, 0],
    });
    const nonzero = Array.from(g.gradient.data).filter((v) => v !== 0).length;
    expect(nonzero).toBe(25);
    expect(Math.max(...g.gradient.data)).toBe(9); // the centre is reached by 3·3 paths
    expect(() =>
      runGradient({
        input: { shape: [9, 9, 1], data: new Array(81).fill(1) },
        layers: [{ filter: ones(3, 1, 1), stride: 1, pad: 0 }],
        unit: [7, 0, 0],
      }),
    ).toThrow(/inside the 7×7×1 output/);
  });

  it('a dilated 3×3 (d = 2) reaches every other cell of a 5×5 window: 9 taps', () => {
    const ones = { shape: [3, 3, 1, 1], data: new Array(9).fill(1) };
    const g = runGradient({
      input: { shape: [7, 7, 1], data: new Array(49).fill(1) },
      layers: [{ filter: ones, stride: 1, pad: 0, dilation: 2 }],
      unit: [1, 1, 0],
    });
    expect(g.outputShape).toEqual([3, 3, 1]);
    const hit: [number, number][] = [];
    g.gradient.data.forEach((v, i) => v !== 0 && hit.push([Math.floor(i / 7), i % 7]));
    expect(hit).toEqual([
      [1, 1],
      [1, 3],
      [1, 5],
      [3, 1],
      [3, 3],
      [3, 5],
      [5, 1],
      [5, 3],
      [5, 5],
    ]);
    expect(() =>
      runGradient({
        input: { shape: [7, 7, 1], data: new Array(49).fill(1) },
        layers: [{ filter: ones, stride: 2, pad: 0, dilation: 2 }],
        unit: [0, 0, 0],
      }),
    ).toThrow(/stride 1 when dilation/);
  });

  it('dilateFilter spreads taps d apart with zeros between (3×3, d = 2 → 5×5)', () => {
    const w = { shape: [3, 3, 1, 1], data: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]) };
    const { shape, data } = dilateFilter(w, 2);
    expect(shape).toEqual([5, 5, 1, 1]);
    expect(Array.from(data)).toEqual([
      1, 0, 2, 0, 3, 0, 0, 0, 0, 0, 4, 0, 5, 0, 6, 0, 0, 0, 0, 0, 7, 0, 8, 0, 9,
    ]);
  });
});

describe('engine: requests, responses and errors as values', () => {
  const cpu = { name: 'cpu' as const, load: async () => undefined };

  it('answers a conv2d request with the result, the backend and the tensor count', async () => {
    const engine = createEngine(tf, [cpu]);
    const { input, kernels, bias } = randomCase(5, 6, 3, 2, 3);
    const res = (await engine.handle({
      id: 7,
      op: 'conv2d',
      args: toConv2dArgs(input, kernels, bias, 1, 1),
    })) as Extract<TfResponse<'conv2d'>, { ok: true }>;
    expect(res.id).toBe(7);
    expect(res.ok).toBe(true);
    expect(res.stats.backend).toEqual({ name: 'cpu' });
    expect(res.stats.ms).toBeGreaterThanOrEqual(0);
    expect(
      maxDifference(fromTensorResult(res.result), referenceConv(input, kernels, bias, 1, 1)),
    ).toBeLessThan(1e-4);
    const counts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const again = await engine.handle({
        id: 8 + i,
        op: 'conv2d',
        args: toConv2dArgs(input, kernels, bias, 1, 1),
      });
      counts.push(again.stats!.numTensors);
    }
    expect(new Set([res.stats.numTensors, ...counts]).size).toBe(1);
    expect(transferablesOf(res)).toEqual([res.result.data.buffer]);
  });

  it.each([
    ['no id', { op: 'conv2d', args: {} }, -1, 'badArgs'],
    ['not an object', 'hello', -1, 'badArgs'],
    ['an unknown op', { id: 3, op: 'fft', args: {} }, 3, 'unknownOp'],
    ['a prototype key as op', { id: 4, op: 'toString', args: {} }, 4, 'unknownOp'],
    ['bad args', { id: 5, op: 'conv2d', args: { input: null } }, 5, 'badArgs'],
  ])('turns %s into an error value', async (_, message, id, code) => {
    const res = await createEngine(tf, [cpu]).handle(message);
    expect(res).toMatchObject({ id, ok: false, error: { code } });
  });

  it('answers contextLost when the backend lost its context before, during or after an op', async () => {
    let isLost = false;
    const losing = { ...cpu, lost: () => isLost };
    const engine = createEngine(tf, [losing]);
    expect(await engine.handle({ id: 1, op: 'info', args: {} })).toMatchObject({ ok: true });
    isLost = true; // before
    expect(await engine.handle({ id: 2, op: 'info', args: {} })).toMatchObject({
      id: 2,
      ok: false,
      error: { code: 'contextLost' },
    });
    // during: an op that never settles (as a read on a lost WebGL context may) is abandoned
    isLost = false;
    const hanging = { ...ops, info: () => new Promise<never>(() => undefined) };
    const stuck = createEngine(tf, [losing], hanging).handle({ id: 3, op: 'info', args: {} });
    setTimeout(() => (isLost = true), LOST_POLL_MS / 2);
    expect(await stuck).toMatchObject({ id: 3, ok: false, error: { code: 'contextLost' } });
    // after: the op finished, but its numbers came from a lost context
    isLost = false;
    const losesWhileRunning = {
      ...ops,
      info: () => {
        isLost = true;
        return { version: 'x', ops: [] };
      },
    };
    expect(
      await createEngine(tf, [losing], losesWhileRunning).handle({ id: 4, op: 'info', args: {} }),
    ).toMatchObject({
      ok: false,
      error: { code: 'contextLost' },
    });
  });

  it('reports an op that throws as opFailed, with stats', async () => {
    const broken = {
      ...ops,
      info: () => {
        throw new Error('boom');
      },
    };
    const res = await createEngine(tf, [cpu], broken).handle({ id: 1, op: 'info', args: {} });
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'opFailed', message: 'boom' },
      stats: { backend: { name: 'cpu' } },
    });
  });

  it('the info op lists the registered ops', async () => {
    const res = await createEngine(tf, [cpu]).handle({ id: 1, op: 'info', args: {} });
    expect(res).toMatchObject({
      ok: true,
      result: {
        version: tf.version_core,
        ops: [
          'conv2d',
          'pool2d',
          'unitGradient',
          'info',
          'conv2dTranspose',
          'convolutionalize',
          'residualGradients',
          'residualTrainStart',
          'residualTrainSteps',
          'residualTrainStop',
        ],
      },
    });
  });
});

describe('backend choice', () => {
  const cpu = { name: 'cpu' as const, load: async () => undefined };

  it('falls back to the CPU with the probe’s reason when WebGL is unavailable', async () => {
    let loaded = false;
    const info = await chooseBackend(tf, [
      {
        name: 'webgl',
        probe: () => ({ code: 'noWebglContext', detail: 'no context' }),
        load: async () => (loaded = true),
      },
      cpu,
    ]);
    expect(info).toEqual({ name: 'cpu', fallback: { code: 'noWebglContext', detail: 'no context' } });
    expect(loaded).toBe(false); // the WebGL backend is never downloaded
  });

  it('records a backend that fails to load, and continues', async () => {
    const info = await chooseBackend(tf, [
      {
        name: 'webgl',
        load: async () => Promise.reject(new Error('chunk failed')),
        failCode: 'webglInitFailed',
      },
      cpu,
    ]);
    expect(info).toMatchObject({
      name: 'cpu',
      fallback: { code: 'webglInitFailed', detail: expect.stringContaining('chunk failed') },
    });
  });

  it('reports backendFailed when nothing starts, and every request says so', async () => {
    const none = [
      {
        name: 'webgl' as const,
        probe: () => ({ code: 'noOffscreenCanvas' as const, detail: 'none' }),
        load: async () => undefined,
      },
    ];
    expect(await chooseBackend(tf, none)).toMatchObject({ code: 'backendFailed' });
    const res = await createEngine(tf, none).handle({ id: 2, op: 'info', args: {} });
    expect(res).toMatchObject({ id: 2, ok: false, error: { code: 'backendFailed' } });
  });
});
