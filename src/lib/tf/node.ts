/**
 * TensorFlow.js at build time: runs the worker's ops in Node on the tfjs CPU backend, so a widget
 * can server-render the figure it computes in the browser, with the same code. Server-only: import
 * it from `.astro` frontmatter, never from an island (the budget check would flag tfjs on a page).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { ops } from './ops';
import type { OpArgs, OpName, OpResult } from './protocol';

let started: Promise<void> | null = null;

/** Runs op `name` on the CPU backend (started on the first call); throws what the op throws. */
export async function runOnCpu<N extends OpName>(name: N, args: OpArgs<N>): Promise<OpResult<N>> {
  started ??= (async () => {
    tf.enableProdMode(); // as in the worker; also silences the "install tfjs-node" notice
    await tf.setBackend('cpu');
    await tf.ready();
  })();
  await started;
  const op = ops[name] as (t: typeof tf, a: OpArgs<N>) => OpResult<N> | Promise<OpResult<N>>;
  return op(tf, args);
}
