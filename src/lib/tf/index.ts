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
export { fromTensorResult, toConv2dArgs } from './layout';
