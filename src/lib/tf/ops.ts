/**
 * The op registry: every computation the worker can run, by name. Each op is a function of the
 * tfjs-core namespace and plain-data args, returning plain data. Ops receive `tf` as a parameter
 * (they never import tfjs themselves), so Node tests run them on the CPU backend directly and the
 * worker runs the same code on WebGL.
 *
 * Rules for ops: check the args first and throw `OpArgsError` for bad ones (the engine turns it
 * into a `badArgs` error value); do all tensor work inside `tf.tidy` and read results with
 * `dataSync()` there (fine in a worker: blocking it does not block the page), so no tensor
 * outlives the op; copy results out as Float32Arrays.
 */
import type * as TfCore from '@tensorflow/tfjs-core';
import type { tf as tfFunctions } from './tf-core';
import { outputSize } from '~/lib/cnn/conv-arithmetic';
import type {
  ConvLayerArgs,
  ConvPad,
  Conv2dArgs,
  Conv2dTransposeArgs,
  ConvolutionalizeArgs,
  ConvolutionalizeResult,
  OpArgs,
  Pool2dArgs,
  OpName,
  OpResult,
  TensorData,
  TensorResult,
  UnitGradientArgs,
  UnitGradientResult,
} from './protocol';
import {
  residualGradients,
  residualTrainStart,
  residualTrainSteps,
  residualTrainStop,
} from './residual-nets';

/**
 * The tfjs-core functions that ops and the engine use: the type of `tf` in `tf-core.ts`, which names
 * them once (the worker passes that object; tests pass the whole tfjs namespace).
 */
export type Tf = typeof tfFunctions;

export type OpImpl<N extends OpName> = (tf: Tf, args: OpArgs<N>) => OpResult<N> | Promise<OpResult<N>>;

/** Thrown by an op for malformed args; reported as a `badArgs` error value. */
export class OpArgsError extends Error {
  override name = 'OpArgsError';
}

/** Largest tensor (elements) an op accepts, so a bad request cannot freeze the worker. */
export const MAX_ELEMENTS = 1 << 22;

function fail(message: string): never {
  throw new OpArgsError(message);
}

function isWhole(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min;
}

/** Checks a TensorData of the given rank: whole positive dims, data length = product of dims. */
export function checkTensor(
  name: string,
  t: TensorData | undefined,
  rank: number,
): { shape: number[]; data: Float32Array } {
  if (!t || typeof t !== 'object' || !Array.isArray(t.shape)) fail(`${name} must be { shape, data }`);
  if (t.shape.length !== rank) fail(`${name} must have rank ${rank} (shape [${t.shape.join(', ')}])`);
  if (!t.shape.every((d) => isWhole(d, 1))) fail(`${name} has a bad shape [${t.shape.join(', ')}]`);
  const size = t.shape.reduce((a, b) => a * b, 1);
  if (size > MAX_ELEMENTS) fail(`${name} is too large (${size} values, at most ${MAX_ELEMENTS})`);
  if (!(t.data instanceof Float32Array) && !Array.isArray(t.data))
    fail(`${name}.data must be a Float32Array or number[]`);
  if (t.data.length !== size)
    fail(`${name} has ${t.data.length} values but shape [${t.shape.join(', ')}] needs ${size}`);
  const data = Float32Array.from(t.data);
  if (!data.every(Number.isFinite)) fail(`${name} contains a value that is not a finite number`);
  return { shape: t.shape, data };
}

function checkBias(bias: Float32Array | number[] | undefined, cOut: number): Float32Array | null {
  if (bias === undefined) return null;
  if (!(bias instanceof Float32Array) && !Array.isArray(bias))
    fail('bias must be a Float32Array or number[]');
  if (bias.length !== cOut) fail(`bias has ${bias.length} values but there are ${cOut} output channels`);
  const b = Float32Array.from(bias);
  if (!b.every(Number.isFinite)) fail('bias contains a value that is not a finite number');
  return b;
}

function checkPad(pad: ConvPad): ConvPad {
  if (pad === 'same' || pad === 'valid' || isWhole(pad, 0)) return pad;
  return fail(`pad must be a whole number ≥ 0, 'same' or 'valid' (got ${String(pad)})`);
}

/**
 * Output size along one axis, as TensorFlow computes it for each kind of padding: ⌈n/s⌉ for
 * 'same'; otherwise o = ⌊(n + 2p − k')/s⌋ + 1 (p = 0 for 'valid') from the conv arithmetic, and 0
 * when the kernel does not fit.
 */
export function convOutSize(n: number, k: number, s: number, pad: ConvPad, d = 1): number {
  if (pad === 'same') return Math.ceil(n / s);
  return outputSize(n, k, pad === 'valid' ? 0 : pad, s, d) ?? 0;
}

function toTensorResult(t: TfCore.Tensor): TensorResult {
  return { shape: [...t.shape], data: Float32Array.from(t.dataSync()) };
}

/**
 * The dense kernel equal to a dilated one: a [k_h, k_w, C_in, C_out] filter with dilation d becomes
 * [k'_h, k'_w, C_in, C_out], k' = k + (k − 1)(d − 1), with tap (i, j) at (i·d, j·d) and zeros between.
 */
export function dilateFilter(
  w: { shape: number[]; data: Float32Array },
  d: number,
): { shape: number[]; data: Float32Array } {
  const [kh, kw, cIn, cOut] = w.shape as [number, number, number, number];
  const [eh, ew] = [kh + (kh - 1) * (d - 1), kw + (kw - 1) * (d - 1)];
  const out = new Float32Array(eh * ew * cIn * cOut);
  const inner = cIn * cOut;
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++)
      out.set(w.data.subarray((i * kw + j) * inner, (i * kw + j + 1) * inner), (i * d * ew + j * d) * inner);
  return { shape: [eh, ew, cIn, cOut], data: out };
}

/** y = conv2d(x, w, s, p) + b on one image (see `Conv2dArgs`). */
const conv2d: OpImpl<'conv2d'> = (tf, args: Conv2dArgs) => {
  const x = checkTensor('input', args.input, 3);
  const w = checkTensor('filter', args.filter, 4);
  const [h, wd, cIn] = x.shape as [number, number, number];
  const [kh, kw, wIn, cOut] = w.shape as [number, number, number, number];
  if (wIn !== cIn) fail(`filter has ${wIn} input channels but the input has ${cIn}`);
  const bias = checkBias(args.bias, cOut);
  const [sh, sw] = typeof args.stride === 'number' ? [args.stride, args.stride] : (args.stride ?? []);
  if (!isWhole(sh, 1) || !isWhole(sw, 1))
    fail(`stride must be a whole number ≥ 1 (got ${String(args.stride)})`);
  const pad = checkPad(args.pad);
  const d = args.dilation ?? 1;
  if (!isWhole(d, 1)) fail(`dilation must be a whole number ≥ 1 (got ${String(d)})`);
  if (d > 1 && (sh > 1 || sw > 1)) fail('TensorFlow.js needs stride 1 when dilation > 1');
  const oh = convOutSize(h, kh, sh, pad, d);
  const ow = convOutSize(wd, kw, sw, pad, d);
  if (oh < 1 || ow < 1) fail(`the ${kh}×${kw} kernel does not fit the padded ${h}×${wd} input`);
  if (oh * ow * cOut > MAX_ELEMENTS) fail('the output would be too large');

  let out: TensorResult | undefined;
  tf.tidy(() => {
    const xt = tf.tensor3d(x.data, [h, wd, cIn]);
    const wt = tf.tensor4d(w.data, [kh, kw, cIn, cOut]);
    let y = tf.conv2d(xt, wt, [sh, sw], pad, 'NHWC', d);
    if (bias) y = tf.add(y, tf.tensor1d(bias));
    out = toTensorResult(y);
  });
  return out!;
};

/**
 * Max or average pooling (see `Pool2dArgs`). tfjs rounds up with `dimRoundingMode: 'ceil'` and
 * averages only the cells inside the input, as Caffe does; a last window that would start past the
 * input (possible only when s > k) is cut off so the size matches `outputSize(…, ceil)`.
 */
const pool2d: OpImpl<'pool2d'> = (tf, args: Pool2dArgs) => {
  const x = checkTensor('input', args.input, 3);
  const [h, wd, c] = x.shape as [number, number, number];
  if (args.mode !== 'max' && args.mode !== 'avg')
    fail(`mode must be 'max' or 'avg' (got ${String(args.mode)})`);
  if (!isWhole(args.k, 1)) fail(`k must be a whole number ≥ 1 (got ${String(args.k)})`);
  if (!isWhole(args.stride, 1)) fail(`stride must be a whole number ≥ 1 (got ${String(args.stride)})`);
  const ceil = args.ceil === true;
  const oh = outputSize(h, args.k, 0, args.stride, 1, ceil);
  const ow = outputSize(wd, args.k, 0, args.stride, 1, ceil);
  if (oh === null || ow === null) fail(`the ${args.k}×${args.k} window does not fit the ${h}×${wd} input`);

  let out: TensorResult | undefined;
  tf.tidy(() => {
    const xt = tf.tensor3d(x.data, [h, wd, c]);
    const pool = args.mode === 'max' ? tf.maxPool : tf.avgPool;
    let y = pool(xt, args.k, args.stride, 0, ceil ? 'ceil' : 'floor');
    if (y.shape[0] !== oh || y.shape[1] !== ow) y = tf.slice(y, [0, 0, 0], [oh, ow, c]);
    out = toTensorResult(y);
  });
  return out!;
};

/** ∂y[unit]/∂x through a stack of convolutions (optionally with ReLU), see `UnitGradientArgs`. */
const unitGradient: OpImpl<'unitGradient'> = (tf, args: UnitGradientArgs) => {
  const x = checkTensor('input', args.input, 3);
  if (!Array.isArray(args.layers) || args.layers.length === 0) fail('layers must be a non-empty list');
  let [h, wd, c] = x.shape as [number, number, number];
  const layers = args.layers.map((layer, i) => {
    const w = checkTensor(`layers[${i}].filter`, layer.filter, 4);
    const [kh, kw, wIn, cOut] = w.shape as [number, number, number, number];
    if (wIn !== c) fail(`layers[${i}] expects ${wIn} input channels but gets ${c}`);
    if (!isWhole(layer.stride, 1)) fail(`layers[${i}].stride must be a whole number ≥ 1`);
    const pad = checkPad(layer.pad);
    const d = layer.dilation ?? 1;
    if (!isWhole(d, 1)) fail(`layers[${i}].dilation must be a whole number ≥ 1`);
    if (d > 1 && layer.stride > 1) fail(`layers[${i}]: TensorFlow.js needs stride 1 when dilation > 1`);
    [h, wd, c] = [convOutSize(h, kh, layer.stride, pad, d), convOutSize(wd, kw, layer.stride, pad, d), cOut];
    if (h < 1 || wd < 1) fail(`layers[${i}]: the kernel does not fit its input`);
    // tfjs has no gradient for dilated conv2d, so a dilated kernel becomes the equal dense one.
    return {
      w: d > 1 ? dilateFilter(w, d) : w,
      bias: checkBias(layer.bias, cOut),
      stride: layer.stride,
      pad,
      relu: layer.relu === true,
    };
  });
  const [row, col, ch] = Array.isArray(args.unit) ? args.unit : [];
  if (!isWhole(row, 0) || !isWhole(col, 0) || !isWhole(ch, 0) || row >= h || col >= wd || ch >= c)
    fail(`unit must be [row, col, channel] inside the ${h}×${wd}×${c} output`);

  let out: UnitGradientResult | undefined;
  tf.tidy(() => {
    const weights = layers.map((l) => ({
      ...l,
      wt: tf.tensor4d(l.w.data, l.w.shape as [number, number, number, number]),
      bt: l.bias ? tf.tensor1d(l.bias) : null,
    }));
    const unitOf = (input: TfCore.Tensor): TfCore.Scalar => {
      let y = input as TfCore.Tensor3D;
      for (const l of weights) {
        y = tf.conv2d(y, l.wt, l.stride, l.pad);
        if (l.bt) y = tf.add(y, l.bt);
        if (l.relu) y = tf.relu(y);
      }
      return tf.sum(tf.slice(y, [row, col, ch], [1, 1, 1]));
    };
    const { value, grad } = tf.valueAndGrad(unitOf)(tf.tensor3d(x.data, x.shape as [number, number, number]));
    out = { value: value.dataSync()[0]!, gradient: toTensorResult(grad), outputShape: [h, wd, c] };
  });
  return out!;
};

/** y = conv2dTranspose(x, w, s, p) + b with output size s(i − 1) + a + k − 2p (see `Conv2dTransposeArgs`). */
const conv2dTranspose: OpImpl<'conv2dTranspose'> = (tf, args: Conv2dTransposeArgs) => {
  const x = checkTensor('input', args.input, 3);
  const w = checkTensor('filter', args.filter, 4);
  const [h, wd, cIn] = x.shape as [number, number, number];
  const [kh, kw, cOut, wIn] = w.shape as [number, number, number, number];
  if (wIn !== cIn) fail(`filter has ${wIn} input channels but the input has ${cIn}`);
  const bias = checkBias(args.bias, cOut);
  const s = args.stride;
  if (!isWhole(s, 1)) fail(`stride must be a whole number ≥ 1 (got ${String(s)})`);
  const p = args.pad;
  if (!isWhole(p, 0)) fail(`pad must be a whole number ≥ 0 (got ${String(p)})`);
  const a = args.outputPadding ?? 0;
  if (!isWhole(a, 0) || a >= s)
    fail(`output padding must be a whole number below the stride (got ${String(a)})`);
  const oh = s * (h - 1) + a + kh - 2 * p;
  const ow = s * (wd - 1) + a + kw - 2 * p;
  if (oh < 1 || ow < 1) fail(`padding ${p} crops the whole ${kh}×${kw} output`);
  if (oh * ow * cOut > MAX_ELEMENTS) fail('the output would be too large');

  let out: TensorResult | undefined;
  tf.tidy(() => {
    const xt = tf.tensor3d(x.data, [h, wd, cIn]);
    const wt = tf.tensor4d(w.data, [kh, kw, cOut, cIn]);
    let y = tf.conv2dTranspose(xt, wt, [oh, ow, cOut], s, p);
    if (bias) y = tf.add(y, tf.tensor1d(bias));
    out = toTensorResult(y);
  });
  return out!;
};

/** Checks a conv layer list against an input of `c` channels; returns checked layers. */
function checkLayers(layers: ConvLayerArgs[] | undefined, c: number) {
  if (!Array.isArray(layers)) fail('layers must be a list');
  return layers.map((layer, i) => {
    const w = checkTensor(`layers[${i}].filter`, layer.filter, 4);
    const [, , wIn, cOut] = w.shape as [number, number, number, number];
    if (wIn !== c) fail(`layers[${i}] expects ${wIn} input channels but gets ${c}`);
    if (!isWhole(layer.stride, 1)) fail(`layers[${i}].stride must be a whole number ≥ 1`);
    if ((layer.dilation ?? 1) !== 1) fail(`layers[${i}]: dilation is not supported here`);
    c = cOut;
    return {
      w,
      bias: checkBias(layer.bias, cOut),
      stride: layer.stride,
      pad: checkPad(layer.pad),
      relu: layer.relu === true,
    };
  });
}

/**
 * Runs features → flatten → dense, and features → conv with the dense weights reshaped to
 * [h, w, C, units] (see `ConvolutionalizeArgs`). The dense path runs only when the feature map has
 * exactly h·w·C values; otherwise it reports `flattenLength` (the reason a dense layer fixes the
 * input size). The conv path needs a feature map at least h × w.
 */
const convolutionalize: OpImpl<'convolutionalize'> = (tf, args: ConvolutionalizeArgs) => {
  const x = checkTensor('input', args.input, 3);
  const layers = checkLayers(args.layers, x.shape[2]!);
  const [th, tw, tc] = Array.isArray(args.trainMap) ? args.trainMap : [];
  if (!isWhole(th, 1) || !isWhole(tw, 1) || !isWhole(tc, 1)) fail('trainMap must be [h, w, C]');
  const wDense = checkTensor('dense.weights', args.dense?.weights, 2);
  const [nIn, units] = wDense.shape as [number, number];
  if (nIn !== th * tw * tc) fail(`dense.weights has ${nIn} rows but trainMap has ${th * tw * tc} values`);
  const bias = checkBias(args.dense.bias, units);
  let [h, wd, c] = x.shape as [number, number, number];
  for (const l of layers) {
    const [kh, kw, , cOut] = l.w.shape as [number, number, number, number];
    [h, wd, c] = [convOutSize(h, kh, l.stride, l.pad), convOutSize(wd, kw, l.stride, l.pad), cOut];
    if (h < 1 || wd < 1) fail('a feature layer does not fit its input');
  }
  if (c !== tc) fail(`the features have ${c} channels but trainMap has ${tc}`);
  if (h < th || wd < tw)
    fail(`the ${h}×${wd} feature map is smaller than the ${th}×${tw} the dense layer reads`);

  let out: ConvolutionalizeResult | undefined;
  tf.tidy(() => {
    // fused conv + bias + ReLU: one WebGL program per layer (each new input size compiles its own)
    let y = tf.tensor3d(x.data, x.shape as [number, number, number]);
    for (const l of layers) {
      y = tf.fused.conv2d({
        x: y,
        filter: tf.tensor4d(l.w.data, l.w.shape as [number, number, number, number]),
        strides: l.stride,
        pad: l.pad,
        bias: l.bias ? tf.tensor1d(l.bias) : undefined,
        activation: l.relu ? 'relu' : 'linear',
      });
    }
    const wt = tf.tensor2d(wDense.data, [nIn, units]);
    const bt = bias ? tf.tensor1d(bias) : undefined;
    // the same numbers, read as an h × w × C × units filter
    const conv = tf.fused.conv2d({
      x: y,
      filter: tf.reshape(wt, [th, tw, tc, units]) as TfCore.Tensor4D,
      strides: 1,
      pad: 'valid',
      bias: bt,
    });
    const convResult = toTensorResult(conv);
    let dense: ConvolutionalizeResult['dense'];
    let maxDifference: number | null = null;
    if (h * wd * c === nIn) {
      let z = tf.matMul(tf.reshape(y, [1, nIn]) as TfCore.Tensor2D, wt);
      if (bt) z = tf.add(z, bt);
      const scores = toTensorResult(tf.reshape(z, [units]));
      dense = { ok: true, scores };
      maxDifference = 0;
      for (let m = 0; m < units; m++)
        maxDifference = Math.max(maxDifference, Math.abs(scores.data[m]! - convResult.data[m]!));
    } else {
      dense = { ok: false, refusal: { code: 'flattenLength', expected: nIn, got: h * wd * c } };
    }
    out = { features: [h, wd, c], conv: convResult, dense, maxDifference };
  });
  return out!;
};

const info: OpImpl<'info'> = (tf) => ({ version: tf.version_core, ops: Object.keys(ops) as OpName[] });

/** Every op by name. The mapped type makes a declared-but-unimplemented op a compile error. */
export const ops: { [N in OpName]: OpImpl<N> } = {
  conv2d,
  pool2d,
  unitGradient,
  info,
  conv2dTranspose,
  convolutionalize,
  residualGradients,
  residualTrainStart,
  residualTrainSteps,
  residualTrainStop,
};

export function isOpName(name: string): name is OpName {
  return Object.prototype.hasOwnProperty.call(ops, name);
}
