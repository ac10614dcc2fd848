/**
 * The typed request/response protocol between widgets (main thread) and the TensorFlow.js
 * worker. Types only: importing this file never loads tfjs.
 *
 * One request runs one named op (see `OpDefs`) and always gets one response with the same `id`:
 * either the op's result or an error *value* (`TfError`). Nothing in this layer throws across the
 * worker boundary. Every response carries `RunStats`: which backend computed it, how long the op
 * took inside the worker, and `tf.memory().numTensors` after the op (tests assert it does not grow).
 *
 * Adding an op: (1) declare its args and result in `OpDefs` below; (2) implement it in `ops.ts`
 * (the `ops` registry is typed so a declared op without an implementation does not compile);
 * (3) call it with `getTf().run('name', args)`. Args and results cross `postMessage`, so they
 * must be structured-cloneable plain data (numbers, arrays, typed arrays, plain objects).
 */

import type { GradientNorms, ResidualConfig, TrainConfig } from '~/lib/cnn/residual';

/** A dense float tensor as plain data: row-major values and their shape. */
export interface TensorData {
  shape: number[];
  data: Float32Array | number[];
}

/** A tensor result from the worker (always a Float32Array). */
export interface TensorResult {
  shape: number[];
  data: Float32Array;
}

/** Padding of a convolution: p zeros on every side, or TensorFlow's 'same' / 'valid'. */
export type ConvPad = number | 'same' | 'valid';

/**
 * One 2-D convolution, batch of one, NHWC like TensorFlow:
 * y[r, c, m] = Σ_ch Σ_i Σ_j x[r·s + i − p, c·s + j − p, ch] · w[i, j, ch, m] + b[m].
 */
export interface Conv2dArgs {
  /** input x, shape [H, W, C_in] */
  input: TensorData;
  /** kernels w, shape [k_h, k_w, C_in, C_out] (TensorFlow's HWIO layout) */
  filter: TensorData;
  /** biases b, length C_out; omitted = no bias */
  bias?: Float32Array | number[];
  /** stride s (both axes), or [s_h, s_w] */
  stride: number | [number, number];
  pad: ConvPad;
  /** dilation d (default 1) */
  dilation?: number;
}

/** One layer of a convolution stack (for gradient ops). */
export interface ConvLayerArgs {
  /** shape [k_h, k_w, C_in, C_out] */
  filter: TensorData;
  bias?: Float32Array | number[];
  stride: number;
  pad: ConvPad;
  /** dilation d (default 1); TensorFlow.js needs stride 1 when d > 1 */
  dilation?: number;
  /** apply ReLU after this layer (default false) */
  relu?: boolean;
}

/**
 * Gradient of one output unit of a stack of convolutions with respect to the input:
 * ∂y[row, col, channel] / ∂x. The building block of an effective-receptive-field picture.
 */
export interface UnitGradientArgs {
  /** input x, shape [H, W, C] */
  input: TensorData;
  layers: ConvLayerArgs[];
  /** the output unit [row, col, channel] of the last layer */
  unit: [number, number, number];
}

export interface UnitGradientResult {
  /** the unit's value y[row, col, channel] */
  value: number;
  /** ∂y/∂x, shape [H, W, C] like the input */
  gradient: TensorResult;
  /** shape of the last layer's output [H_out, W_out, C_out] */
  outputShape: number[];
}

/** Plain versus residual network: one forward and backward pass (see `cnn/residual.ts`). */
export interface ResidualGradientsArgs {
  config: ResidualConfig;
}

export interface ResidualGradientsResult {
  /** the network without identity paths */
  plain: GradientNorms;
  /** the same weights with identity paths (the plain network again when `config.skips` is false) */
  residual: GradientNorms;
}

/** Starts training both networks side by side (ends any earlier session). */
export interface ResidualTrainStartArgs {
  config: ResidualConfig;
  train: TrainConfig;
}

export interface ResidualTrainStartResult {
  /** the session to pass to `residualTrainSteps` and `residualTrainStop` */
  session: number;
  /** trainable values of each network */
  params: number;
}

/** Runs steps of a session until `maxSteps` are done or `budgetMs` milliseconds have passed. */
export interface ResidualTrainStepsArgs {
  session: number;
  maxSteps: number;
  budgetMs: number;
}

export interface ResidualTrainStepsResult {
  /** index (0-based) of the first step in this answer */
  from: number;
  /** the minibatch loss of each network before each step (NaN after it diverged) */
  plain: Float32Array;
  residual: Float32Array;
  /** steps done so far in the session */
  step: number;
  /** all the session's steps are done */
  done: boolean;
  /** the step at which each network's loss stopped being finite, or null */
  diverged: [plain: number | null, residual: number | null];
  /** milliseconds per step (both networks) in this answer */
  msPerStep: number;
}

export interface ResidualTrainStopResult {
  /** tensors disposed */
  disposed: number;
}

export interface InfoResult {
  /** TensorFlow.js core version */
  version: string;
  /** ops this worker can run */
  ops: OpName[];
}

/**
 * The op registry's types: name → { args, result }. Declare new ops here (and implement them in
 * `ops.ts`).
 */
/**
 * Max or average pooling of one image, each channel on its own, no padding:
 * y[r, c, ch] = max (or mean) of x[i, j, ch] over r·s ≤ i < min(r·s + k, H), c·s ≤ j < min(c·s + k, W).
 * Output size o = ⌊(n − k)/s⌋ + 1, or in ceil mode ⌈(n − k)/s⌉ + 1 with the last window clipped to
 * the input (and dropped if it would start past the input), as Caffe and PyTorch do.
 */
export interface Pool2dArgs {
  /** input x, shape [H, W, C] */
  input: TensorData;
  mode: 'max' | 'avg';
  /** window size k (k × k) */
  k: number;
  /** stride s (both axes) */
  stride: number;
  /** round the output size up (default false) */
  ceil?: boolean;
}

export interface OpDefs {
  /** 2-D convolution of one image (see `Conv2dArgs`) */
  conv2d: { args: Conv2dArgs; result: TensorResult };
  /** max or average pooling of one image (see `Pool2dArgs`) */
  pool2d: { args: Pool2dArgs; result: TensorResult };
  /** gradient of one output unit of a conv stack w.r.t. its input */
  unitGradient: { args: UnitGradientArgs; result: UnitGradientResult };
  /** gradient norm at every layer of a plain and a residual network with the same weights */
  residualGradients: { args: ResidualGradientsArgs; result: ResidualGradientsResult };
  /** start training a plain and a residual network side by side */
  residualTrainStart: { args: ResidualTrainStartArgs; result: ResidualTrainStartResult };
  /** run some steps of the training session and return their losses */
  residualTrainSteps: { args: ResidualTrainStepsArgs; result: ResidualTrainStepsResult };
  /** end the training session (all its tensors disposed) */
  residualTrainStop: { args: { session?: number }; result: ResidualTrainStopResult };
  /** what the worker is: tfjs version and available ops (touches no tensors) */
  info: { args: Record<string, never>; result: InfoResult };
  /** transposed 2-D convolution of one image (see `Conv2dTransposeArgs`) */
  conv2dTranspose: { args: Conv2dTransposeArgs; result: TensorResult };
  /** a small net ending in a dense layer, run as is and with the dense layer as a convolution */
  convolutionalize: { args: ConvolutionalizeArgs; result: ConvolutionalizeResult };
}

export type OpName = keyof OpDefs;
export type OpArgs<N extends OpName> = OpDefs[N]['args'];
export type OpResult<N extends OpName> = OpDefs[N]['result'];

export type BackendName = 'webgl' | 'cpu';

/** Why the worker is not on WebGL (each has a translated sentence in the widget strings). */
export type FallbackCode =
  /** the browser has no OffscreenCanvas in workers, so WebGL cannot run off the main thread */
  | 'noOffscreenCanvas'
  /** OffscreenCanvas exists but gives no WebGL context (WebGL disabled, blocklisted GPU …) */
  | 'noWebglContext'
  /** a context exists but TensorFlow.js could not start its WebGL backend on it */
  | 'webglInitFailed';

export interface BackendInfo {
  name: BackendName;
  /** set when a preferred backend (WebGL) could not be used */
  fallback?: { code: FallbackCode; detail: string };
  /** 1 or 2 when `name` is 'webgl' */
  webglVersion?: number;
  /**
   * How many times the client restarted the worker because its WebGL context was lost (set by
   * the client on answers from a restarted worker; absent when it never happened).
   */
  restarts?: number;
}

export interface RunStats {
  backend: BackendInfo;
  /** milliseconds the op took inside the worker (excludes messaging and worker start-up) */
  ms: number;
  /** tf.memory().numTensors after the op finished */
  numTensors: number;
}

export type TfErrorCode =
  /** no op of that name is registered */
  | 'unknownOp'
  /** the args are malformed (wrong shape, length, size limits …) */
  | 'badArgs'
  /** the op threw while running */
  | 'opFailed'
  /** no backend (not even the CPU) could start */
  | 'backendFailed'
  /** the worker could not start, crashed, or sent something unreadable */
  | 'workerFailed'
  /** no answer within the time limit */
  | 'timeout'
  /**
   * the backend's WebGL context was lost (GPU reset, driver crash, too many contexts): the answer
   * cannot be trusted; the client restarts the worker and asks again
   */
  | 'contextLost';

export interface TfError {
  code: TfErrorCode;
  message: string;
}

export interface TfRequest<N extends OpName = OpName> {
  id: number;
  op: N;
  args: OpArgs<N>;
}

export type TfResponse<N extends OpName = OpName> =
  | { id: number; ok: true; result: OpResult<N>; stats: RunStats }
  | { id: number; ok: false; error: TfError; stats?: RunStats };

/** What a widget gets back from the client: a response plus the main-thread round trip. */
export type TfOutcome<N extends OpName = OpName> =
  | { ok: true; result: OpResult<N>; stats: RunStats; roundTripMs: number }
  | { ok: false; error: TfError; stats?: RunStats };

/**
 * One transposed 2-D convolution, batch of one, NHWC (TensorFlow's conv2dTranspose): every input
 * value x[r, c, ch] adds x[r, c, ch]·w[u, v, m, ch] to y[r·s + u − p, c·s + v − p, m], then + b[m].
 * Output size o = s(i − 1) + a + k − 2p on each axis.
 */
export interface Conv2dTransposeArgs {
  /** input x, shape [H, W, C_in] */
  input: TensorData;
  /** kernels w, shape [k_h, k_w, C_out, C_in] (TensorFlow's layout for conv2dTranspose) */
  filter: TensorData;
  /** biases b, length C_out; omitted = no bias */
  bias?: Float32Array | number[];
  /** stride s (both axes) */
  stride: number;
  /** padding p cropped from each side of the output (a whole number) */
  pad: number;
  /** output padding a, 0 ≤ a < s (default 0) */
  outputPadding?: number;
}

/**
 * A small classifier: convolution layers, then flatten and a dense layer trained on feature maps
 * of shape `trainMap`. The op runs it on `input` twice: with the dense layer, and with the dense
 * weights reshaped into a [h, w, C, units] convolution (no padding, stride 1).
 */
export interface ConvolutionalizeArgs {
  /** input image x, shape [H, W, C] */
  input: TensorData;
  /** the feature layers, applied in order */
  layers: ConvLayerArgs[];
  /** dense weights W, shape [h·w·C, units] (input flattened in H·W·C order), and biases */
  dense: { weights: TensorData; bias?: Float32Array | number[] };
  /** the feature map [h, w, C] the dense layer reads at the training size */
  trainMap: [number, number, number];
}

/** Why the dense version could not run (the widget turns the code into a sentence). */
export interface DenseRefusal {
  code: 'flattenLength';
  /** h·w·C: the vector length the dense weights were made for */
  expected: number;
  /** H'·W'·C of this input's feature map */
  got: number;
}

export interface ConvolutionalizeResult {
  /** shape of the feature map on this input [H', W', C] */
  features: number[];
  /** the convolutional version's score map [H' − h + 1, W' − w + 1, units] */
  conv: TensorResult;
  /** the dense version's scores [units], or why it cannot run on this input */
  dense: { ok: true; scores: TensorResult } | { ok: false; refusal: DenseRefusal };
  /** max |dense − conv| over the units when both ran (the conv map is then 1×1) */
  maxDifference: number | null;
}
