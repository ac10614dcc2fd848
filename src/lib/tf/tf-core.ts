/**
 * The tfjs-core functions that the ops and the engine use, named once: the worker passes `tf` to
 * the engine, and `Tf` (ops.ts) is its type. Each is read off the namespace by name, so the bundler
 * keeps exactly these and leaves the rest of tfjs-core out of the worker (about 40 KB gzipped less
 * than passing the whole namespace). Node tests pass the whole tfjs namespace, which has them all.
 * When a new op needs another function, add it here.
 */
import * as core from '@tensorflow/tfjs-core';

export const tf = {
  abs: core.abs,
  add: core.add,
  avgPool: core.avgPool,
  concat: core.concat,
  conv2d: core.conv2d,
  conv2dTranspose: core.conv2dTranspose,
  customGrad: core.customGrad,
  div: core.div,
  env: core.env,
  fused: core.fused,
  logSoftmax: core.logSoftmax,
  matMul: core.matMul,
  max: core.max,
  maxPool: core.maxPool,
  mean: core.mean,
  memory: core.memory,
  moments: core.moments,
  mul: core.mul,
  neg: core.neg,
  ones: core.ones,
  ready: core.ready,
  relu: core.relu,
  reshape: core.reshape,
  reverse: core.reverse,
  rsqrt: core.rsqrt,
  setBackend: core.setBackend,
  sigmoid: core.sigmoid,
  slice: core.slice,
  square: core.square,
  stack: core.stack,
  sub: core.sub,
  sum: core.sum,
  tanh: core.tanh,
  tensor1d: core.tensor1d,
  tensor2d: core.tensor2d,
  tensor3d: core.tensor3d,
  tensor4d: core.tensor4d,
  tidy: core.tidy,
  transpose: core.transpose,
  valueAndGrad: core.valueAndGrad,
  valueAndGrads: core.valueAndGrads,
  version_core: core.version_core,
  zeros: core.zeros,
  zerosLike: core.zerosLike,
};
