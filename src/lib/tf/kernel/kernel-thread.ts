/**
 * The build's kernel: a Node worker thread running one page's cells on the tfjs CPU backend. The
 * remark plugin (`src/lib/markdown/remark-cells.mjs`, through `cell-runner.mjs`) bundles this file
 * with esbuild and starts one thread per page, so a cell that never ends can be stopped by
 * terminating the thread.
 */
import { parentPort } from 'node:worker_threads';
import { createCpuKernel } from './kernel-node';

const port = parentPort;
if (!port) throw new Error('kernel-thread.ts runs only as a worker thread');
const kernel = createCpuKernel();
port.on('message', (message: unknown) => {
  void kernel.handle(message).then((response) => port.postMessage(response));
});
