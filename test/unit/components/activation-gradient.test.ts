import { describe, expect, it } from 'vitest';
import {
  activationCurve,
  chainSeed,
  computeFigure,
  defaultSettings,
  formatLog10,
  gradientCurve,
  growingCurve,
  pathLog10Derivative,
  drawnLog10,
  quantile,
  resultSentence,
  samplePreactivations,
  SAMPLES,
  type Settings,
} from '~/components/widgets/ActivationGradient/activation-gradient';
import { decadeDomain } from '~/components/widgets/ActivationGradient/charts';
import { decadeTicks } from '~/components/widgets/shared/log-axis';
import { stringsFor } from '~/i18n/ui';
import { english } from '../english';

const settings = (over: Partial<Settings>): Settings => ({ ...defaultSettings, ...over });
const ok = (s: Settings) => {
  const f = computeFigure(s);
  if (!f.ok) throw new Error(f.problems.map(english).join('; '));
  return f;
};

describe('quantile', () => {
  it.each([
    [[1, 2, 3, 4, 5], 0.5, 3],
    [[1, 2, 3, 4], 0.5, 2.5],
    [[0, 10], 0.1, 1],
    [[7], 0.9, 7],
    [[1, 2, 3, 4, 5], 0, 1],
    [[1, 2, 3, 4, 5], 1, 5],
  ])('%j at %d = %d', (xs, q, want) => expect(quantile(xs, q)).toBeCloseTo(want, 12));
  it('empty → NaN (never shown: figures always have samples)', () => expect(quantile([], 0.5)).toBeNaN());
});

describe('gradientCurve on hand-made chains', () => {
  it('sigmoid at z = 0 everywhere: every depth sits on the bound (1/4)^l', () => {
    const chains = [new Float64Array([0, 0, 0]), new Float64Array([0, 0, 0])];
    const curve = gradientCurve('sigmoid', chains, 3);
    expect(curve.map((p) => p.depth)).toEqual([1, 2, 3]);
    for (const p of curve) {
      expect(p.median).toBeCloseTo(p.depth * Math.log10(0.25), 12);
      expect(p.bound).toBeCloseTo(p.depth * Math.log10(0.25), 12);
      expect(p.low).toBeCloseTo(p.median, 12);
    }
  });

  it('tanh: median of two chains with factors 1 and 0.64 is their geometric mean', () => {
    const chains = [new Float64Array([0]), new Float64Array([Math.log(2)])];
    const [p] = gradientCurve('tanh', chains, 1);
    expect(10 ** p!.median).toBeCloseTo(Math.sqrt(0.64), 12);
    expect(p!.bound).toBe(0);
  });

  it('ReLU follows active units: factor exactly 1 whatever the sign of z', () => {
    expect(pathLog10Derivative('relu', -3)).toBe(0);
    const curve = gradientCurve('relu', [new Float64Array([-1, 2, -3])], 3);
    expect(curve.map((p) => p.median)).toEqual([0, 0, 0]);
  });
});

describe('computeFigure', () => {
  it('σ = 1, depth 1: the median of σ′(z) is σ′(0.6745) ≈ 0.2236 (σ′ falls with |z|, median |z| = 0.6745)', () => {
    const f = ok(settings({ depth: 1, sigma: 1 }));
    expect(10 ** f.atDepth.median).toBeCloseTo(0.2236, 2);
    expect(10 ** f.atDepth.bound).toBe(0.25);
  });

  it('tanh, σ = 1, depth 1: median tanh′ = 1 − tanh²(0.6745) ≈ 0.652', () => {
    const f = ok(settings({ kind: 'tanh', depth: 1, sigma: 1 }));
    expect(10 ** f.atDepth.median).toBeCloseTo(0.652, 1);
  });

  it('20 sigmoid layers stay below (1/4)^20 = 9.09e−13 and the band is ordered', () => {
    const f = ok(settings({ depth: 20 }));
    expect(f.curve).toHaveLength(20);
    expect(f.atDepth.bound).toBeCloseTo(Math.log10(9.094947e-13), 6);
    for (const p of f.curve) {
      expect(p.low).toBeLessThanOrEqual(p.median);
      expect(p.median).toBeLessThanOrEqual(p.high);
      expect(p.high).toBeLessThanOrEqual(p.bound + 1e-12);
    }
    // the median per layer is about σ′(0.6745) ≈ 0.22, so 20 layers give roughly 0.22^20 ≈ 10^−13.1
    expect(f.atDepth.median).toBeGreaterThan(-15);
    expect(f.atDepth.median).toBeLessThan(-12.6);
  });

  it('ReLU keeps 1 along active chains; about half of the units are active', () => {
    const f = ok(settings({ kind: 'relu', depth: 50 }));
    expect(f.atDepth.median).toBe(0);
    expect(Math.abs(f.activeShare - 0.5)).toBeLessThan(0.02);
  });

  it('the same seed gives the same figure; another seed another one', () => {
    expect(ok(settings({ seed: 5 })).atDepth).toEqual(ok(settings({ seed: 5 })).atDepth);
    expect(ok(settings({ seed: 6 })).atDepth.median).not.toBe(ok(settings({ seed: 5 })).atDepth.median);
  });

  it('50 tanh layers at σ = 5 do not underflow', () => {
    const f = ok(settings({ kind: 'tanh', depth: 50, sigma: 5 }));
    expect(Number.isFinite(f.atDepth.median)).toBe(true);
    expect(f.atDepth.median).toBeLessThan(-100);
  });

  it.each([
    ['depth 0', { depth: 0 }, 'notPositive'],
    ['depth 51', { depth: 51 }, 'tooLarge'],
    ['depth 2.5', { depth: 2.5 }, 'notInteger'],
    ['empty depth', { depth: '' }, 'missing'],
    ['σ 0', { sigma: 0 }, 'outOfRange'],
    ['σ 6', { sigma: '6' }, 'outOfRange'],
    ['σ text', { sigma: 'abc' }, 'missing'],
    ['σ empty', { sigma: null }, 'missing'],
  ])('%s is a problem, never NaN', (_name, over, code) => {
    const f = computeFigure(settings(over as Partial<Settings>));
    expect(f.ok).toBe(false);
    if (!f.ok) {
      expect(f.problems.map((p) => p.code)).toContain(code);
      for (const p of f.problems) expect(english(p)).not.toMatch(/NaN|undefined|\[missing/);
    }
  });

  it('samples chain-major: SAMPLES chains of the requested depth', () => {
    const chains = samplePreactivations(2, 1, SAMPLES, 7);
    expect(chains).toHaveLength(SAMPLES);
    expect(chains.every((c) => c.length === 7)).toBe(true);
  });

  it('a deeper figure keeps the layers of a shallower one (each chain has its own source)', () => {
    const short = samplePreactivations(1.5, 3, 50, 4);
    const long = samplePreactivations(1.5, 3, 50, 9);
    short.forEach((chain, c) => expect(Array.from(long[c]!.subarray(0, 4))).toEqual(Array.from(chain)));
    expect(ok(settings({ depth: 12 })).curve).toEqual(ok(settings({ depth: 30 })).curve.slice(0, 12));
  });

  it('changing only the depth gives the figure computed from scratch', () => {
    const fresh = (depth: number) => ok(settings({ depth, kind: 'tanh', sigma: 2 }));
    const want = [5, 17, 3].map((depth) => JSON.stringify(fresh(depth)));
    computeFigure(settings({ kind: 'relu' })); // forget the cached curve between the two rounds
    expect([5, 17, 3].map((depth) => JSON.stringify(fresh(depth)))).toEqual(want);
  });
});

describe('chainSeed', () => {
  it('is a 32-bit integer, different per chain and per seed, the same for the same pair', () => {
    const seeds = [1, 2, 3].flatMap((seed) => Array.from({ length: 400 }, (_, c) => chainSeed(seed, c)));
    for (const s of seeds) expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true);
    expect(new Set(seeds).size).toBe(seeds.length);
    expect(chainSeed(7, 11)).toBe(chainSeed(7, 11));
  });
});

describe('growingCurve', () => {
  // (activation, σ, seed, depths asked for in turn): every answer equals the curve computed from
  // freshly drawn chains, whether the depth grows, shrinks or repeats
  it.each([
    ['sigmoid', 1, 1, [20, 21, 20, 1]],
    ['tanh', 0.3, 4, [1, 2, 50]],
    ['relu', 2.5, 9, [7, 3, 7, 12]],
    ['sigmoid', 5, 2, [50, 10]],
  ] as const)('%s, σ = %d, seed %d, depths %j', (kind, sigma, seed, depths) => {
    const upTo = growingCurve(kind, sigma, seed, 60);
    for (const depth of depths) {
      const chains = samplePreactivations(sigma, seed, 60, depth);
      let active = 0;
      for (const chain of chains) for (const z of chain) if (z > 0) active += 1;
      expect(upTo(depth)).toEqual({
        curve: gradientCurve(kind, chains, depth),
        activeShare: active / (60 * depth),
      });
    }
  });
});

describe('formatLog10', () => {
  it.each([
    [Math.log10(0.25), 'en', '0.25'],
    [0, 'en', '1'],
    [Math.log10(0.2236), 'en', '0.22'],
    [Math.log10(9.094947e-13), 'en', '9.1 × 10⁻¹³'],
    [Math.log10(3.1e-13), 'en', '3.1 × 10⁻¹³'],
    [Math.log10(0.00999), 'en', '1.0 × 10⁻²'],
    [-400.5, 'en', '3.2 × 10⁻⁴⁰¹'],
    [Math.log10(0.001), 'ko', '1.0 × 10⁻³'],
    [Number.NEGATIVE_INFINITY, 'en', '0'],
  ] as const)('%d (%s) → %s', (v, locale, want) => expect(formatLog10(v, locale)).toBe(want));

  it('drawnLog10 holds values at 10⁻³⁰⁰, whose power is still a normal double', () => {
    expect(drawnLog10(-1000)).toBe(-300);
    expect(drawnLog10(Number.NEGATIVE_INFINITY)).toBe(-300);
    expect(10 ** drawnLog10(-1000)).toBeGreaterThan(0);
    expect(drawnLog10(-2)).toBe(-2);
  });
});

describe('activationCurve', () => {
  it('sigmoid: f and f′ at the ends and the middle', () => {
    const c = activationCurve('sigmoid', 4, 161);
    expect(c[0]!.z).toBe(-4);
    expect(c[80]).toEqual({ z: 0, f: 0.5, df: 0.25 });
    expect(c[160]!.z).toBe(4);
  });
});

describe('charts and sentences', () => {
  it('English sentence for 20 sigmoid layers names the bound (1/4)^20', () => {
    const s = resultSentence(ok(defaultSettings), stringsFor('en', 'activationGradient.'), 'en');
    expect(s).toMatch(/^After 20 sigmoid layers the median gradient factor is \d\.\d × 10⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+;/);
    expect(s).toContain('No chain can do better than 9.1 × 10⁻¹³.');
  });

  it('Korean ReLU sentence', () => {
    const s = resultSentence(ok(settings({ kind: 'relu' })), stringsFor('ko', 'activationGradient.'), 'ko');
    expect(s).toContain('ReLU 층 20개');
    expect(s).toContain('정확히 1');
  });

  it.each([
    [[{ depth: 1, median: 0, low: 0, high: 0, bound: 0 }], [-2, 0]],
    [[{ depth: 1, median: -12.6, low: -13.2, high: -12.1, bound: -12.04 }], [-14, 0]],
  ])('decadeDomain covers the data with at least two decades', (curve, want) =>
    expect(decadeDomain(curve)).toEqual(want),
  );

  it.each([
    [-2, 0, [0, -1, -2]],
    [-30, 0, [0, -6, -12, -18, -24, -30]],
  ])('decadeTicks(%i, %i)', (lo, hi, want) => expect(decadeTicks(lo, hi)).toEqual(want));
});
