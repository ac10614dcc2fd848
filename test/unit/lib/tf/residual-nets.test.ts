/**
 * Plain and residual networks in TensorFlow.js on the CPU backend in Node. The gradient norms the
 * op reports are checked against finite differences of an independent float64 implementation of
 * the same networks (written out below with loops, no tfjs), and tensor counts must not grow —
 * after a gradient run, after a full training session, and after a cancelled one.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { beforeAll, describe, expect, it } from 'vitest';
import { ops } from '~/lib/tf/ops';
import { createEngine } from '~/lib/tf/engine';
import {
  BN_EPSILON,
  CLASSES,
  barImages,
  chanceLoss,
  defaultResidualConfig,
  gradientNorm,
  initWeights,
  oneHot,
  type ResidualConfig,
  type ResidualWeights,
} from '~/lib/cnn/residual';
import { activate, type ActivationKind } from '~/lib/cnn/activations';
import type {
  ResidualGradientsResult,
  ResidualTrainStartResult,
  ResidualTrainStepsResult,
} from '~/lib/tf/protocol';

beforeAll(async () => {
  tf.env().set('IS_TEST', true);
  await tf.setBackend('cpu');
  await tf.ready();
});

const gradients = (config: ResidualConfig) =>
  ops.residualGradients(tf, { config }) as ResidualGradientsResult;

// ---- the float64 reference: the networks of cnn/residual.ts, written with loops ----
type Maps = Float64Array[]; // per image: [S, S, C] row-major

function conv3x3(
  maps: Maps,
  s: number,
  cIn: number,
  w: ArrayLike<number>,
  b: ArrayLike<number>,
  cOut: number,
): Maps {
  return maps.map((x) => {
    const y = new Float64Array(s * s * cOut);
    for (let r = 0; r < s; r++)
      for (let c = 0; c < s; c++)
        for (let m = 0; m < cOut; m++) {
          let acc = b[m]!;
          for (let i = 0; i < 3; i++)
            for (let j = 0; j < 3; j++) {
              const rr = r + i - 1;
              const cc = c + j - 1;
              if (rr < 0 || cc < 0 || rr >= s || cc >= s) continue;
              for (let ch = 0; ch < cIn; ch++)
                acc += x[(rr * s + cc) * cIn + ch]! * w[((i * 3 + j) * cIn + ch) * cOut + m]!;
            }
          y[(r * s + c) * cOut + m] = acc;
        }
    return y;
  });
}

function normalise(maps: Maps, channels: number): Maps {
  const count = maps.length * (maps[0]!.length / channels);
  const mean = new Float64Array(channels);
  const variance = new Float64Array(channels);
  for (const x of maps) for (let i = 0; i < x.length; i++) mean[i % channels]! += x[i]! / count;
  for (const x of maps)
    for (let i = 0; i < x.length; i++) variance[i % channels]! += (x[i]! - mean[i % channels]!) ** 2 / count;
  return maps.map((x) =>
    x.map((v, i) => (v - mean[i % channels]!) / Math.sqrt(variance[i % channels]! + BN_EPSILON)),
  );
}

function referenceLoss(c: ResidualConfig, w: ResidualWeights, residual: boolean): number {
  const data = barImages(c.seed, c.batch, c.imageSize);
  const s = c.imageSize;
  const n2 = s * s;
  const act = (kind: ActivationKind, maps: Maps) => maps.map((x) => x.map((v) => activate(kind, v)));
  const pre = (h: Maps) => act(c.activation, c.batchNorm ? normalise(h, c.width) : h);
  const input: Maps = Array.from({ length: c.batch }, (_, n) =>
    Float64Array.from(data.images.subarray(n * n2, (n + 1) * n2)),
  );
  let h = conv3x3(input, s, 1, w.stem.w.data, w.stem.b, c.width);
  for (const block of w.blocks) {
    const f = conv3x3(pre(h), s, c.width, block.w.data, block.b, c.width);
    h = residual ? h.map((x, n) => x.map((v, i) => v + f[n]![i]!)) : f;
  }
  const z = pre(h);
  let loss = 0;
  z.forEach((x, n) => {
    const pooled = new Float64Array(c.width);
    for (let i = 0; i < x.length; i++) pooled[i % c.width]! += x[i]! / n2;
    const logits = Array.from({ length: CLASSES }, (_, k) => {
      let v = w.head.b[k]!;
      for (let ch = 0; ch < c.width; ch++) v += pooled[ch]! * w.head.w.data[ch * CLASSES + k]!;
      return v;
    });
    const top = Math.max(...logits);
    const logSum = top + Math.log(logits.reduce((a, v) => a + Math.exp(v - top), 0));
    loss += (logSum - logits[data.labels[n]!]!) / c.batch;
  });
  return loss;
}

/** ‖∂loss/∂W‖ of each convolution by central differences on the float64 reference. */
function finiteDifferenceNorms(c: ResidualConfig, residual: boolean, eps = 1e-5) {
  const w = initWeights(c);
  // float64 copies of the kernels, so that w ± ε is exact
  const kernels = [w.stem, ...w.blocks].map((layer) => {
    const f64 = Float64Array.from(layer.w.data);
    (layer.w as { data: ArrayLike<number> }).data = f64;
    return f64;
  });
  const loss = referenceLoss(c, w, residual);
  return kernels.map((kernel) => {
    const grad = new Float64Array(kernel.length);
    for (let i = 0; i < kernel.length; i++) {
      const original = kernel[i]!;
      kernel[i] = original + eps;
      const up = referenceLoss(c, w, residual);
      kernel[i] = original - eps;
      const down = referenceLoss(c, w, residual);
      kernel[i] = original;
      grad[i] = (up - down) / (2 * eps);
    }
    return { norm: gradientNorm(grad), loss };
  });
}

const tiny = (over: Partial<ResidualConfig>): ResidualConfig => ({
  ...defaultResidualConfig,
  depth: 3,
  width: 2,
  imageSize: 6,
  batch: 4,
  seed: 7,
  ...over,
});

describe('residualGradients against finite differences (float64 reference)', () => {
  const cases: Array<[ActivationKind, ResidualConfig['init'], boolean]> = [
    ['sigmoid', 'glorot', false],
    ['tanh', 'he', false],
    ['tanh', 'glorot', true],
    ['relu', 'he', true],
    ['sigmoid', 'small', true],
  ];
  it.each(cases)('%s, %s init, batch norm %s', (activation, init, batchNorm) => {
    const config = tiny({ activation, init, batchNorm });
    const out = gradients(config);
    for (const [residual, norms] of [
      [false, out.plain],
      [true, out.residual],
    ] as const) {
      const reference = finiteDifferenceNorms(config, residual);
      expect(norms.loss).toBeCloseTo(reference[0]!.loss, 5);
      const measured = [norms.stem, ...norms.blocks];
      expect(measured).toHaveLength(config.depth + 1);
      measured.forEach((g, l) => {
        expect(g).toBeGreaterThan(0);
        expect(Math.abs(g - reference[l]!.norm) / reference[l]!.norm).toBeLessThan(2e-3);
      });
    }
  });

  it('with the skips off, the second network is the plain one', () => {
    const out = gradients(tiny({ skips: false }));
    expect(out.residual).toEqual(out.plain);
  });

  it('at depth 1 the two networks still differ only by the identity path', () => {
    const config = tiny({ depth: 1 });
    const out = gradients(config);
    expect(out.plain.blocks).toHaveLength(1);
    expect(out.residual.loss).not.toBe(out.plain.loss);
    expect(finiteDifferenceNorms(config, true)[1]!.norm).toBeCloseTo(out.residual.blocks[0]!, 4);
  });
});

describe('residualGradients: what the widget shows', () => {
  it('at depth 30, sigmoid, no batch norm: the plain first block gets >100× less gradient', () => {
    const out = gradients(defaultResidualConfig);
    const ratio = out.residual.blocks[0]! / out.plain.blocks[0]!;
    expect(ratio).toBeGreaterThan(100);
    // the residual network's gradient barely changes from the last block to the first
    const r = out.residual.blocks;
    expect(r[0]! / r[r.length - 1]!).toBeGreaterThan(0.1);
    expect(Math.abs(out.plain.loss - chanceLoss())).toBeLessThan(0.2);
  });

  it('with ReLU, He init and batch norm the gap shrinks to well under 100×', () => {
    const out = gradients({ ...defaultResidualConfig, activation: 'relu', init: 'he', batchNorm: true });
    const ratio = out.residual.blocks[0]! / out.plain.blocks[0]!;
    expect(ratio).toBeLessThan(100);
  });

  it('refuses malformed settings with a clear message', () => {
    expect(() => gradients({ ...defaultResidualConfig, depth: 0 })).toThrow(/depth: notPositive \(value 0\)/);
    expect(() => gradients({ ...defaultResidualConfig, activation: 'swish' as ActivationKind })).toThrow(
      /ResidualConfig/,
    );
    expect(() => ops.residualGradients(tf, {} as never)).toThrow(/ResidualConfig/);
  });

  it('leaves no tensors behind', () => {
    gradients(tiny({ batchNorm: true }));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) gradients(tiny({ batchNorm: i % 2 === 0, seed: i }));
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('residual training sessions', () => {
  const start = (config: ResidualConfig, steps: number, learningRate = 0.1) =>
    ops.residualTrainStart(tf, {
      config,
      train: { learningRate, momentum: 0.9, steps, trainSize: config.batch * 4 },
    }) as ResidualTrainStartResult;
  const steps = (session: number, maxSteps: number, budgetMs = 10_000) =>
    ops.residualTrainSteps(tf, { session, maxSteps, budgetMs }) as ResidualTrainStepsResult;

  it('runs to the end in chunks, then disposes everything', () => {
    const before = tf.memory().numTensors;
    const config = tiny({ activation: 'relu', init: 'he', batchNorm: true, depth: 2, width: 4 });
    const { session, params } = start(config, 30);
    expect(params).toBe(9 * 4 + 4 + 2 * (9 * 16 + 4) + 4 * CLASSES + CLASSES + 2 * 4 * 3);
    const first = steps(session, 12);
    expect(first.from).toBe(0);
    expect(first.plain).toHaveLength(12);
    const rest = [steps(session, 12), steps(session, 12)];
    expect(rest[1]!.done).toBe(true);
    expect(rest[1]!.step).toBe(30);
    expect(rest[1]!.plain).toHaveLength(6);
    const losses = [first, ...rest].flatMap((r) => [...r.residual]);
    // it learns: the late losses are below the early ones
    const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
    expect(mean(losses.slice(-6))).toBeLessThan(mean(losses.slice(0, 6)));
    expect(steps(session, 5).plain).toHaveLength(0); // nothing left to do
    const stop = ops.residualTrainStop(tf, { session }) as { disposed: number };
    expect(stop.disposed).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => steps(session, 1)).toThrow(/ended/);
  });

  it('its first loss is the loss the gradient op measured (same weights, same first batch)', () => {
    const config = tiny({});
    const { session } = start(config, 3);
    const out = steps(session, 1);
    const g = gradients(config);
    expect(out.plain[0]).toBeCloseTo(g.plain.loss, 5);
    expect(out.residual[0]).toBeCloseTo(g.residual.loss, 5);
    ops.residualTrainStop(tf, {});
  });

  it('a cancelled session (a new start, or a stop halfway) leaves no tensors', () => {
    const before = tf.memory().numTensors;
    const a = start(tiny({ batchNorm: true }), 100);
    steps(a.session, 3);
    const b = start(tiny({ seed: 3 }), 100); // replaces a
    expect(() => steps(a.session, 1)).toThrow(/ended/);
    steps(b.session, 2);
    expect(ops.residualTrainStop(tf, { session: a.session })).toEqual({ disposed: 0 }); // stale stop: no effect
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    ops.residualTrainStop(tf, { session: b.session });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a diverging network stops with NaN losses and does not stop the other', () => {
    // ReLU + He without batch norm: each residual block doubles the variance, 2^50 in all
    const config = tiny({ activation: 'relu', init: 'he', depth: 50, width: 4 });
    const { session } = start(config, 10, 0.1);
    const out = steps(session, 10);
    expect(out.diverged[0]).toBeNull();
    expect(out.diverged[1]).not.toBeNull();
    expect([...out.plain].every(Number.isFinite)).toBe(true);
    expect(out.residual.slice(out.diverged[1]!).every((v) => Number.isNaN(v) || !Number.isFinite(v))).toBe(
      true,
    );
    ops.residualTrainStop(tf, {});
  });

  it('the engine reports the live tensors of a session and none after it', async () => {
    const engine = createEngine(tf, [{ name: 'cpu', load: async () => undefined }]);
    const base = (await engine.handle({ id: 1, op: 'info', args: {} })).stats!.numTensors;
    const started = await engine.handle({
      id: 2,
      op: 'residualTrainStart',
      args: { config: tiny({}), train: { learningRate: 0.1, momentum: 0.9, steps: 4, trainSize: 8 } },
    });
    expect(started.ok).toBe(true);
    expect(started.stats!.numTensors).toBeGreaterThan(base);
    const session = started.ok ? (started.result as ResidualTrainStartResult).session : -1;
    const stopped = await engine.handle({ id: 3, op: 'residualTrainStop', args: { session } });
    expect(stopped.stats!.numTensors).toBe(base);
    const bad = await engine.handle({
      id: 4,
      op: 'residualTrainSteps',
      args: { session, maxSteps: 1, budgetMs: 10 },
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('badArgs');
  });
});

describe('the synthetic data', () => {
  it('one-hot labels match', () => {
    const d = barImages(1, 8, 8);
    const y = oneHot(d.labels);
    for (let n = 0; n < 8; n++) expect(y[n * CLASSES + d.labels[n]!]).toBe(1);
  });
});
