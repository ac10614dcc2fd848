/**
 * Closed-form counts used by `analyze` and directly by lessons and widgets.
 * These helpers assume valid settings (whole numbers, groups dividing C_in and C_out);
 * `analyze` is the validating entry point.
 */
import { effectiveKernel } from './conv-arithmetic';

/** Learnable parameters, weights and biases separately (BN: γ counts as weights, β as biases). */
export interface Params {
  weights: number;
  biases: number;
  /** weights + biases */
  total: number;
}

/** Builds a Params record: total = weights + biases. */
export function makeParams(weights: number, biases: number): Params {
  return { weights, biases, total: weights + biases };
}

/** No parameters (pooling, activations, dropout, flatten, LRN ...). */
export const noParams: Params = Object.freeze(makeParams(0, 0));

/** Sum of several parameter records. */
export function addParams(...list: Params[]): Params {
  return makeParams(
    list.reduce((a, p) => a + p.weights, 0),
    list.reduce((a, p) => a + p.biases, 0),
  );
}

export type ConvParamsInput = ({ k: number } | { kh: number; kw: number }) & {
  cIn: number;
  cOut: number;
  /** default 1 */
  groups?: number;
  /** default true */
  bias?: boolean;
};

/**
 * Convolution parameters: weights = k_h·k_w·(C_in/groups)·C_out, biases = C_out (0 without bias).
 * E.g. AlexNet conv2: 5·5·(96/2)·256 + 256 = 307,456.
 */
export function convParams(o: ConvParamsInput): Params {
  const [kh, kw] = 'k' in o ? [o.k, o.k] : [o.kh, o.kw];
  const groups = o.groups ?? 1;
  return makeParams(kh * kw * (o.cIn / groups) * o.cOut, o.bias === false ? 0 : o.cOut);
}

/**
 * Transposed convolution parameters (groups = 1): weights = k_h·k_w·C_in·C_out, biases = C_out.
 */
export function convTParams(kh: number, kw: number, cIn: number, cOut: number, bias = true): Params {
  return makeParams(kh * kw * cIn * cOut, bias ? cOut : 0);
}

/** Fully connected parameters: weights = n_in·n_out, biases = n_out (0 without bias). */
export function fcParams(nIn: number, nOut: number, bias = true): Params {
  return makeParams(nIn * nOut, bias ? nOut : 0);
}

/** Batch norm parameters: γ and β per channel, weights = C, biases = C (running mean/variance are not learned). */
export function bnParams(c: number): Params {
  return makeParams(c, c);
}

/**
 * Multiply–accumulates of a convolution: MACs = H_out·W_out·C_out·(k_h·k_w·C_in/groups),
 * one MAC per weight per output position (biases are not counted).
 */
export function convMacs(
  hOut: number,
  wOut: number,
  cOut: number,
  kh: number,
  kw: number,
  cIn: number,
  groups = 1,
): number {
  return hOut * wOut * cOut * ((kh * kw * cIn) / groups);
}

/**
 * Multiply–accumulates of a transposed convolution: every input value is multiplied by every
 * weight it meets: MACs = H_in·W_in·C_in·k_h·k_w·C_out.
 */
export function convTMacs(
  hIn: number,
  wIn: number,
  cIn: number,
  kh: number,
  kw: number,
  cOut: number,
): number {
  return hIn * wIn * cIn * kh * kw * cOut;
}

/** Multiply–accumulates of a fully connected layer: MACs = n_in·n_out. */
export function fcMacs(nIn: number, nOut: number): number {
  return nIn * nOut;
}

/**
 * Receptive field along one axis, in input pixels (Distill, "Computing Receptive Fields of CNNs"):
 * `r` = size, `j` = jump (effective stride: input pixels between neighbouring outputs),
 * `start` = input coordinate of the first pixel seen by output 0 (negative = in the padding;
 * the effective padding is −start).
 */
export interface AxisField {
  r: number;
  j: number;
  start: number;
}

/** The field of an input pixel: r = 1, j = 1, start = 0. */
export const unitField: AxisField = Object.freeze({ r: 1, j: 1, start: 0 });

/**
 * One layer's step of the receptive-field recurrence:
 * r_out = r_in + (k' − 1)·j_in, j_out = j_in·s, start_out = start_in − p·j_in,
 * with k' = k + (k − 1)(d − 1).
 */
export function fieldStep(f: AxisField, k: number, s = 1, p = 0, d = 1): AxisField {
  return { r: f.r + (effectiveKernel(k, d) - 1) * f.j, j: f.j * s, start: f.start - p * f.j };
}

export interface FieldLayer {
  k: number;
  /** default 1 */
  s?: number;
  /** default 1 */
  d?: number;
  /** default 0; only moves `start` */
  p?: number;
}

/**
 * Receptive field of a stack of layers along one axis:
 * r = 1 + Σ_l (k'_l − 1)·Π_{i<l} s_i, j = Π_l s_l, start = −Σ_l p_l·Π_{i<l} s_i.
 * `layers[i]` is the field after layer i. E.g. two 3×3 stride-1 layers: r = 5.
 */
export function receptiveField(layers: FieldLayer[]): AxisField & { layers: AxisField[] } {
  let f: AxisField = unitField;
  const after: AxisField[] = [];
  for (const l of layers) {
    f = fieldStep(f, l.k, l.s ?? 1, l.p ?? 0, l.d ?? 1);
    after.push(f);
  }
  return { ...f, layers: after };
}

/** One side of the trade-off: a stack of equal "same" convolutions C → C with stride 1. */
export interface TradeoffSide {
  /** kernel size k of every layer */
  kernel: number;
  /** number of layers */
  layers: number;
  /** layers·k²·C² */
  weights: number;
  /** layers·C (one bias per output channel per layer) */
  biases: number;
  /** weights + biases */
  total: number;
  /** H·W·weights: one multiply–accumulate per weight per output position */
  macs: number;
  /** one nonlinearity (e.g. ReLU) after each layer */
  nonlinearities: number;
  /** receptive field of the stack, r = 1 + layers·(k − 1) (from `receptiveField`) */
  field: number;
}

export interface StackedVsSingle {
  /** channels C (in = out) */
  c: number;
  /** number of stacked 3×3 layers */
  n: number;
  /** both options see the same (2n + 1) × (2n + 1) input window */
  field: number;
  stacked: TradeoffSide & { kernel: 3 };
  single: TradeoffSide & { layers: 1 };
  /** stacked / single weights = 9n / (2n + 1)² */
  ratio: number;
}

function tradeoffSide(k: number, layers: number, c: number, h: number, w: number): TradeoffSide {
  const weights = layers * k * k * c * c;
  const biases = layers * c;
  return {
    kernel: k,
    layers,
    weights,
    biases,
    total: weights + biases,
    macs: h * w * weights,
    nonlinearities: layers,
    field: receptiveField(Array.from({ length: layers }, () => ({ k }))).r,
  };
}

/**
 * n stacked 3×3 convolutions (C → C, stride 1, "same" padding) against one (2n + 1)×(2n + 1)
 * convolution with the same receptive field r = 2n + 1:
 * weights n·9·C² vs (2n + 1)²·C² (n = 2: 18C² vs 25C²; n = 3: 27C² vs 49C²; the VGG paper
 * leaves biases out), biases n·C vs C, MACs on an H×W map H·W·weights (default 1×1: MACs per
 * output position), nonlinearities n vs 1.
 */
export function stackedVsSingle(
  c: number,
  n = 2,
  map: { h: number; w: number } = { h: 1, w: 1 },
): StackedVsSingle {
  const k = 2 * n + 1;
  return {
    c,
    n,
    field: k,
    stacked: tradeoffSide(3, n, c, map.h, map.w) as TradeoffSide & { kernel: 3 },
    single: tradeoffSide(k, 1, c, map.h, map.w) as TradeoffSide & { layers: 1 },
    ratio: (9 * n) / (k * k),
  };
}
