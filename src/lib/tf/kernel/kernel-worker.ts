/**
 * The notebook kernel's module worker (started by `kernel-client.ts` when a reader first runs a
 * cell). It carries all of tfjs-core (cells may call any op, so nothing is tree-shaken), its
 * gradients and chained ops, tfjs-layers and the course engine; the backend is chosen as for the
 * widgets' worker: WebGL on an OffscreenCanvas, else the CPU backend with the reason.
 *
 * Reader code is evaluated here and only here: a worker loaded from a same-origin URL does not
 * inherit the page's Content-Security-Policy, so the page itself never needs 'unsafe-eval'.
 */
import * as core from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import * as layers from '@tensorflow/tfjs-layers';
import * as cnn from '~/lib/cnn';
import { browserBackends } from '~/lib/tf/backends';
import { chooseBackend } from '~/lib/tf/engine';
import { createKernel } from './kernel';
import { cellTf } from './tf-namespace';

core.enableProdMode();
const tf = cellTf(core, layers);
const kernel = createKernel({ tf, cnn, backend: () => chooseBackend(tf, browserBackends) });

// The worker global, typed narrowly (this project compiles against the DOM lib, not WebWorker).
const scope = globalThis as unknown as {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  postMessage(message: unknown): void;
};

scope.addEventListener('message', (event) => {
  void kernel.handle(event.data).then((response) => scope.postMessage(response));
});
