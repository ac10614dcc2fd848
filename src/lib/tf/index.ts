/**
 * TensorFlow.js for widgets — the only place in the project that imports tfjs, and it does so
 * only inside the worker (`tf-worker.ts`). Widgets import from here: the client and the protocol
 * types, which load no tfjs on the main thread.
 *
 *   import { runConv2d, getTf } from '~/lib/tf';
 *   const out = await getTf().run('unitGradient', { input, layers, unit: [3, 3, 0] });
 *
 * See `protocol.ts` for the ops and how to add one.
 */
export {
  createTfClient,
  getTf,
  runConv2d,
  DEFAULT_TIMEOUT_MS,
  type RunOptions,
  type TfClient,
  type WorkerLike,
} from './client';
export type * from './protocol';
export { convTransposeArgs, fromTensorResult, toConv2dArgs, volumeToHwc } from './layout';
// The notebook kernel (runnable cells): a lazy client whose worker loads tfjs on the first run.
export {
  createKernelClient,
  getKernel,
  KERNEL_START_TIMEOUT_MS,
  type KernelClient,
  type KernelFailure,
  type KernelResult,
  type KernelRunOptions,
} from './kernel/kernel-client';
export type * from './kernel/protocol';
export { DEFAULT_CELL_TIMEOUT_MS } from './kernel/protocol';
