/**
 * The notebook kernel in Node on the tfjs CPU backend: what the build runs cells with (inside a
 * worker thread, `kernel-thread.ts`) and what the unit tests drive directly.
 */
import * as core from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
// Chained ops (`x.square()`, `x.add(y)`), which tfjs-core's index leaves out.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import '@tensorflow/tfjs-backend-cpu';
import * as layers from '@tensorflow/tfjs-layers';
import * as cnn from '~/lib/cnn';
import { chooseBackend } from '~/lib/tf/engine';
import { createKernel, type Kernel } from './kernel';
import { cellTf } from './tf-namespace';

/** A kernel whose cells run on tfjs's CPU backend in this Node process. */
export function createCpuKernel(): Kernel {
  core.enableProdMode(); // as in the browser worker; also silences the "install tfjs-node" notice
  const tf = cellTf(core, layers);
  return createKernel({
    tf,
    cnn,
    backend: () => chooseBackend(tf, [{ name: 'cpu', load: async () => undefined }]),
  });
}
