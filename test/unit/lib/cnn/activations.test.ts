import { describe, expect, it } from 'vitest';
import {
  activate,
  checkRange,
  derivative,
  derivativeProduct,
  isActivationKind,
  log10Derivative,
  maxDerivative,
  mulberry32,
  normalSampler,
} from '../../../../src/lib/cnn/activations';
import { english } from '../../english';

describe('activate', () => {
  it.each([
    // kind, z, f(z)   (hand values: σ(0) = 1/2, σ(ln 3) = 3/4, tanh(0) = 0, ReLU clips negatives)
    ['sigmoid', 0, 0.5],
    ['sigmoid', Math.log(3), 0.75],
    ['sigmoid', -Math.log(3), 0.25],
    ['sigmoid', 1000, 1],
    ['sigmoid', -1000, 0],
    ['tanh', 0, 0],
    ['tanh', Math.log(2), 0.6], // (2 − 1/2)/(2 + 1/2)
    ['relu', 2.5, 2.5],
    ['relu', -3, 0],
    ['relu', 0, 0],
  ] as const)('%s(%d) = %d', (kind, z, f) => expect(activate(kind, z)).toBeCloseTo(f, 12));
});

describe("derivative: σ' = σ(1 − σ), tanh' = 1 − tanh², ReLU' = [z > 0]", () => {
  it.each([
    ['sigmoid', 0, 0.25],
    ['sigmoid', Math.log(3), 0.1875], // 3/4 · 1/4
    ['sigmoid', -Math.log(3), 0.1875],
    ['tanh', 0, 1],
    ['tanh', Math.log(2), 0.64], // 1 − 0.6²
    ['relu', 3, 1],
    ['relu', 1e-9, 1],
    ['relu', -0.5, 0],
    ['relu', 0, 0],
  ] as const)("%s'(%d) = %d", (kind, z, df) => expect(derivative(kind, z)).toBeCloseTo(df, 12));

  it.each(['sigmoid', 'tanh', 'relu'] as const)('%s: f′ never exceeds its maximum', (kind) => {
    for (let z = -10; z <= 10; z += 0.125)
      expect(derivative(kind, z)).toBeLessThanOrEqual(maxDerivative(kind) + 1e-15);
  });

  it('maxima: 1/4 for the sigmoid, 1 for tanh and ReLU', () => {
    expect([maxDerivative('sigmoid'), maxDerivative('tanh'), maxDerivative('relu')]).toEqual([0.25, 1, 1]);
  });
});

describe('log10Derivative', () => {
  it.each([
    ['sigmoid', 0, Math.log10(0.25)],
    ['sigmoid', Math.log(3), Math.log10(0.1875)],
    ['tanh', 0, 0],
    ['tanh', Math.log(2), Math.log10(0.64)],
    ['relu', 2, 0],
  ] as const)('%s at %d agrees with log10 of the derivative', (kind, z, want) =>
    expect(log10Derivative(kind, z)).toBeCloseTo(want, 12),
  );

  it('stays finite where the derivative itself underflows', () => {
    // σ'(z) ≈ e^{−z} for large z, so log10 σ'(800) ≈ −800/ln 10 ≈ −347.4
    expect(derivative('sigmoid', 800)).toBe(0);
    expect(log10Derivative('sigmoid', 800)).toBeCloseTo(-800 / Math.LN10, 6);
    // tanh'(z) ≈ 4e^{−2z}: log10 at z = 400 ≈ log10 4 − 800/ln 10
    expect(log10Derivative('tanh', 400)).toBeCloseTo(Math.log10(4) - 800 / Math.LN10, 6);
  });

  it('an inactive ReLU gives −∞ (a factor of exactly 0)', () =>
    expect(log10Derivative('relu', -1)).toBe(Number.NEGATIVE_INFINITY));
});

describe('derivativeProduct', () => {
  it.each([
    ['sigmoid', [0], 0.25],
    ['sigmoid', Array(20).fill(0), 0.25 ** 20], // 9.094947…e−13
    ['tanh', [0, 0, 0], 1],
    ['relu', [1, 2, 3], 1],
    ['relu', [1, -2, 3], 0],
    ['sigmoid', [], 1],
  ] as const)('%s over %j = %d', (kind, zs, want) =>
    expect(derivativeProduct(kind, zs)).toBeCloseTo(want, 20),
  );

  it('(1/4)^20 is 9.09e−13', () =>
    expect(derivativeProduct('sigmoid', Array(20).fill(0))).toBeCloseTo(9.094947e-13, 18));
});

describe('seeded sampling', () => {
  it('mulberry32 repeats for the same seed and differs between seeds', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
  });

  it('uniform values lie in [0, 1) with mean ≈ 1/2', () => {
    const u = mulberry32(7);
    const xs = Array.from({ length: 20000 }, () => u());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 2);
  });

  it('normal samples have mean ≈ 0, variance ≈ 1 and P(|z| < 1) ≈ 68.3 %', () => {
    const n = normalSampler(mulberry32(3));
    const xs = Array.from({ length: 40000 }, () => n());
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.03);
    expect(Math.abs(xs.filter((x) => Math.abs(x) < 1).length / xs.length - 0.6827)).toBeLessThan(0.01);
    expect(xs.every(Number.isFinite)).toBe(true);
  });
});

describe('checkRange and kinds', () => {
  it.each([
    [1, null],
    [0.1, null],
    [5, null],
    [0.05, 'outOfRange'],
    [5.5, 'outOfRange'],
    [Number.POSITIVE_INFINITY, 'outOfRange'],
    [Number.NaN, 'missing'],
  ])('σ = %d → %s', (v, code) => expect(checkRange('sigma', v, 0.1, 5)?.code ?? null).toBe(code));

  it('range problems say the limits and never NaN', () => {
    expect(english(checkRange('sigma', 9, 0.1, 5)!)).toBe('sigma must be between 0.1 and 5 (it is 9).');
  });

  it.each([
    ['relu', true],
    ['tanh', true],
    ['softmax', false],
    [3, false],
  ])('isActivationKind(%s) = %s', (v, want) => expect(isActivationKind(v)).toBe(want));
});
