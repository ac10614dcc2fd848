/**
 * Activation functions, their derivatives, and a seeded random source, for the lessons on
 * vanishing gradients. Pure: no DOM, no tfjs. Symbols: pre-activation z, activation f(z),
 * derivative f'(z); a chain of L layers multiplies the backward signal by Π_{l=1}^{L} f'(z_l).
 */
import { problem, type Problem } from './problems';

export const activationKinds = ['sigmoid', 'tanh', 'relu'] as const;
export type ActivationKind = (typeof activationKinds)[number];

/** Is `value` one of the activations this module knows? */
export function isActivationKind(value: unknown): value is ActivationKind {
  return typeof value === 'string' && (activationKinds as readonly string[]).includes(value);
}

/** Logistic sigmoid σ(z) = 1/(1 + e^{−z}), written so that neither branch overflows. */
function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * The activation f(z): sigmoid σ(z) = 1/(1 + e^{−z}), tanh(z) = (e^{z} − e^{−z})/(e^{z} + e^{−z}),
 * ReLU max(0, z).
 */
export function activate(kind: ActivationKind, z: number): number {
  switch (kind) {
    case 'sigmoid':
      return sigmoid(z);
    case 'tanh':
      return Math.tanh(z);
    case 'relu':
      return Math.max(0, z);
  }
}

/**
 * The derivative f'(z): σ'(z) = σ(z)(1 − σ(z)) (largest at z = 0, where it is 1/4);
 * tanh'(z) = 1 − tanh²(z) (largest at z = 0, where it is 1); ReLU'(z) = 1 for z > 0 and 0 for
 * z ≤ 0 (0 at z = 0, the convention of PyTorch and TensorFlow).
 */
export function derivative(kind: ActivationKind, z: number): number {
  switch (kind) {
    case 'sigmoid': {
      const s = sigmoid(z);
      return s * (1 - s);
    }
    case 'tanh': {
      const t = Math.tanh(z);
      return 1 - t * t;
    }
    case 'relu':
      return z > 0 ? 1 : 0;
  }
}

/**
 * log₁₀ f'(z), exact even where f'(z) itself underflows to 0:
 * ln σ'(z) = −|z| − 2·ln(1 + e^{−|z|}); ln tanh'(z) = ln 4 − 2|z| − 2·ln(1 + e^{−2|z|});
 * ReLU: 0 for z > 0, −∞ for z ≤ 0.
 */
export function log10Derivative(kind: ActivationKind, z: number): number {
  const a = Math.abs(z);
  switch (kind) {
    case 'sigmoid':
      return (-a - 2 * Math.log1p(Math.exp(-a))) / Math.LN10;
    case 'tanh':
      return (Math.log(4) - 2 * a - 2 * Math.log1p(Math.exp(-2 * a))) / Math.LN10;
    case 'relu':
      return z > 0 ? 0 : Number.NEGATIVE_INFINITY;
  }
}

/** The largest value of f'(z) over all z: 1/4 for the sigmoid, 1 for tanh and ReLU. */
export function maxDerivative(kind: ActivationKind): number {
  return kind === 'sigmoid' ? 0.25 : 1;
}

/**
 * Product of derivatives along one chain of layers, Π_l f'(z_l) for the pre-activations `zs`
 * (1 for an empty chain). This is the factor by which the activations alone scale a gradient
 * travelling back through the chain.
 */
export function derivativeProduct(kind: ActivationKind, zs: readonly number[]): number {
  return zs.reduce((acc, z) => acc * derivative(kind, z), 1);
}

/**
 * A seeded uniform random source on [0, 1) (mulberry32: 32-bit state, period 2³²).
 * The same seed always gives the same sequence, so figures are reproducible.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Standard normal samples N(0, 1) from a uniform source, by the Box–Muller transform:
 * z = √(−2 ln u₁)·cos(2π u₂) (u₁ ∈ (0, 1], so the logarithm is finite).
 */
export function normalSampler(uniform: () => number): () => number {
  return () => {
    const u1 = 1 - uniform();
    const u2 = uniform();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  };
}

/**
 * Checks that `value` is a finite number with min ≤ value ≤ max (any decimal allowed), for
 * settings such as a standard deviation σ. `what` is the quantity's key. Returns the problem, or null.
 */
export function checkRange(what: string, value: number, min: number, max: number): Problem | null {
  if (Number.isNaN(value)) return problem('missing', { what });
  if (!Number.isFinite(value) || value < min || value > max) {
    return problem('outOfRange', { what, min, max, value: String(value) });
  }
  return null;
}
