import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import {
  erfPlan,
  erfRequest,
  erfStats,
  measureErf,
  sweepStacks,
  MAX_ERF_INPUT,
  type ErfPlan,
} from '~/components/widgets/ReceptiveField/erf';
import { ops } from '~/lib/tf/ops';
import type { TfOutcome, UnitGradientArgs, UnitGradientResult } from '~/lib/tf/protocol';
import type { StackLayer } from '~/lib/cnn/receptive-field';

const conv = (k: number, s = 1, p = 0, d = 1): StackLayer => ({ kind: 'conv', k, s, p, d });
const pool = (k: number, s = k): StackLayer => ({ kind: 'pool', k, s, p: 0, d: 1 });

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const gradient = (layers: StackLayer[], plan: ErfPlan, seed: number, relu = false) =>
  (ops.unitGradient(tf, erfRequest(layers, plan, seed, relu)) as UnitGradientResult).gradient.data;

describe('erfPlan', () => {
  it.each([
    // stack, r, N = r + 2·max(3, ⌈r/4⌉)
    [[conv(3), conv(3)], 5, 11],
    [[conv(3, 1, 0, 2)], 5, 11],
    [[conv(11, 4), pool(3, 2)], 19, 29],
    [Array.from({ length: 8 }, () => conv(3)), 17, 27],
  ])('%#: r = %i, N = %i, centred region of width r', (layers, r, n) => {
    const p = erfPlan(layers);
    if (!p.ok) throw new Error(p.reason);
    expect([p.plan.r, p.plan.n]).toEqual([r, n]);
    expect(p.plan.region.hi - p.plan.region.lo + 1).toBe(r);
  });
  it.each([
    [[conv(3, 2, 0, 2)], 'strideWithDilation'],
    [[conv(3, 1, 0, 16), conv(3, 1, 0, 16)], 'tooLarge'],
  ])('%#: %s', (layers, reason) => expect(erfPlan(layers)).toEqual({ ok: false, reason }));
  it('keeps inputs within the limit', () => {
    for (const s of sweepStacks()) {
      const p = erfPlan(s);
      expect(p.ok && p.plan.n <= MAX_ERF_INPUT).toBe(true);
    }
  });
});

describe('erfStats on hand-made gradients', () => {
  const plan: ErfPlan = { n: 7, unit: 0, region: { lo: 1, hi: 5 }, r: 5 };
  it('a single spike has no spread', () => {
    const g = new Float32Array(49);
    g[3 * 7 + 3] = -2;
    const s = erfStats([g], plan);
    expect([s.sigma, s.effective, s.ratio, s.insideTheory]).toEqual([0, 0, 0, 1]);
    expect(s.heat[24]).toBe(1);
  });
  it('a flat 5×5 field: σ² = (5² − 1)/12 = 2, so 4σ = 5.66, capped at r = 5', () => {
    const g = new Float32Array(49);
    for (let y = 1; y <= 5; y++) for (let x = 1; x <= 5; x++) g[y * 7 + x] = 1;
    const s = erfStats([g], plan);
    expect(s.sigma).toBeCloseTo(Math.sqrt(2), 10);
    expect(s.effective).toBe(5);
  });
  it('the (1, 2, 1) ⊗ (1, 2, 1) kernel of two box filters: σ² = ½ per axis, 4σ = 2.83', () => {
    const g = new Float32Array(49);
    const w = [1, 2, 1];
    for (let y = 0; y < 3; y++) for (let x = 0; x < 3; x++) g[(y + 2) * 7 + (x + 2)] = w[y]! * w[x]!;
    const s = erfStats([g, g], plan);
    expect(s.sigma).toBeCloseTo(Math.sqrt(0.5), 10);
    expect(s.effective).toBeCloseTo(4 * Math.sqrt(0.5), 10);
  });
  it('mass outside the theoretical field is reported, and an all-zero gradient gives no NaN', () => {
    const g = new Float32Array(49);
    g[0] = 1;
    g[24] = 3;
    expect(erfStats([g], plan).insideTheory).toBeCloseTo(0.75, 10);
    const z = erfStats([new Float32Array(49)], plan);
    expect([z.effective, z.ratio, z.insideTheory]).toEqual([5, 1, 1]);
  });
});

describe('ERF with TensorFlow.js (CPU)', () => {
  it('two linear 3×3 layers: the gradient lives exactly on the theoretical 5×5 window', () => {
    const layers = [conv(3), conv(3)];
    const p = erfPlan(layers);
    if (!p.ok) throw new Error(p.reason);
    const g = gradient(layers, p.plan, 1);
    const s = erfStats([g], p.plan);
    expect(s.insideTheory).toBeCloseTo(1, 6);
    const { lo, hi } = p.plan.region;
    let outside = 0;
    g.forEach((v, i) => {
      const y = Math.floor(i / p.plan.n);
      const x = i % p.plan.n;
      if ((y < lo || y > hi || x < lo || x > hi) && v !== 0) outside++;
    });
    expect(outside).toBe(0);
  });
  it('the effective share of the theoretical field shrinks as 3×3 layers are stacked (Luo et al. 2016)', () => {
    const ratios = [2, 4, 8].map((depth) => {
      const layers = sweepStacks(depth)[depth - 1]!;
      const p = erfPlan(layers);
      if (!p.ok) throw new Error(p.reason);
      return erfStats(
        Array.from({ length: 8 }, (_, s) => gradient(layers, p.plan, 100 + s)),
        p.plan,
      ).ratio;
    });
    expect(ratios[1]!).toBeLessThan(ratios[0]!);
    expect(ratios[2]!).toBeLessThan(ratios[1]!);
  });
});

describe('measureErf', () => {
  const stats = { backend: { name: 'cpu' as const }, ms: 1, numTensors: 0 };
  const layers = [conv(3), conv(3, 1, 0, 2)];
  const planned = erfPlan(layers);
  if (!planned.ok) throw new Error(planned.reason);
  const plan = planned.plan;

  it('averages the samples the worker computes (seeds 1000, 1001 …), one op per sample', async () => {
    const seen: UnitGradientArgs[] = [];
    const run = async (_op: 'unitGradient', args: UnitGradientArgs): Promise<TfOutcome<'unitGradient'>> => {
      seen.push(args);
      return { ok: true, result: ops.unitGradient(tf, args) as UnitGradientResult, stats, roundTripMs: 1 };
    };
    const out = await measureErf(run, layers, plan, true, 3);
    expect(seen).toHaveLength(3);
    const want = erfStats(
      [1000, 1001, 1002].map((seed) => gradient(layers, plan, seed, true)),
      plan,
    );
    expect(out.ok && out.value.effective).toBeCloseTo(want.effective, 10);
    expect(out.ok && Array.from(out.value.heat)).toEqual(Array.from(want.heat));
  });

  it('stops at the first error and returns it as a value', async () => {
    let calls = 0;
    const run = async (): Promise<TfOutcome<'unitGradient'>> => {
      calls++;
      return calls === 2
        ? { ok: false, error: { code: 'timeout', message: 'too slow' } }
        : {
            ok: true,
            result: {
              value: 0,
              gradient: { shape: [plan.n, plan.n, 1], data: new Float32Array(plan.n * plan.n) },
              outputShape: [1, 1, 1],
            },
            stats,
            roundTripMs: 1,
          };
    };
    expect(await measureErf(run, layers, plan, false)).toEqual({
      ok: false,
      error: { code: 'timeout', message: 'too slow' },
    });
    expect(calls).toBe(2);
  });
});
