/**
 * The TensorFlow.js worker (a module worker; started by `client.ts` only when a widget first
 * needs tensors). The parts of tfjs-core the ops use are bundled here; the WebGL backend and,
 * only when WebGL cannot run, the CPU backend are loaded as separate chunks. WebGL runs on an OffscreenCanvas, so shader
 * compilation and readbacks never block the page.
 */
import {
  abs,
  add,
  avgPool,
  conv2d,
  conv2dTranspose,
  matMul,
  reshape,
  enableProdMode,
  env,
  maxPool,
  fused,
  concat,
  customGrad,
  div,
  logSoftmax,
  max,
  mean,
  memory,
  moments,
  mul,
  neg,
  ones,
  ready,
  reverse,
  relu,
  rsqrt,
  setBackend,
  sigmoid,
  slice,
  square,
  stack,
  sub,
  sum,
  tanh,
  tensor1d,
  tensor2d,
  tensor3d,
  tensor4d,
  tidy,
  transpose,
  valueAndGrad,
  valueAndGrads,
  version_core,
  zeros,
  zerosLike,
} from '@tensorflow/tfjs-core';
// Gradients (tf.grad) are not registered by tfjs-core's index; gradient ops need them.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { browserBackends } from './backends';
import { createEngine, transferablesOf } from './engine';
import type { Tf } from './ops';

enableProdMode();

// Named imports only (see `Tf` in ops.ts): the bundler keeps just what the ops use.
const tf: Tf = {
  abs,
  add,
  avgPool,
  conv2d,
  conv2dTranspose,
  matMul,
  reshape,
  env,
  maxPool,
  fused,
  concat,
  customGrad,
  div,
  logSoftmax,
  max,
  mean,
  memory,
  moments,
  mul,
  neg,
  ones,
  ready,
  reverse,
  relu,
  rsqrt,
  setBackend,
  sigmoid,
  slice,
  square,
  stack,
  sub,
  sum,
  tanh,
  tensor1d,
  tensor2d,
  tensor3d,
  tensor4d,
  tidy,
  transpose,
  valueAndGrad,
  valueAndGrads,
  version_core,
  zeros,
  zerosLike,
};

const engine = createEngine(tf, browserBackends);

// The worker global, typed narrowly (this project compiles against the DOM lib, not WebWorker).
const scope = globalThis as unknown as {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  postMessage(message: unknown, transfer: Transferable[]): void;
};

scope.addEventListener('message', (event) => {
  void engine.handle(event.data).then((response) => scope.postMessage(response, transferablesOf(response)));
});
