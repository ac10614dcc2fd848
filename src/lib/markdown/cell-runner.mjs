/**
 * Runs a page's notebook cells at build time: one Node worker thread per page, holding the same
 * kernel the browser runs (`src/lib/tf/kernel/kernel-thread.ts`, bundled once per process with
 * esbuild — tfjs's ES modules import files without extensions, which plain Node cannot resolve,
 * and Node cannot load the kernel's TypeScript through the `~/` alias). Each cell has a time limit;
 * a cell over it terminates the thread (an endless loop cannot be interrupted any other way).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** How long a thread may take to load tfjs and start the CPU backend. */
export const KERNEL_START_TIMEOUT_MS = 60_000;

const here = dirname(fileURLToPath(import.meta.url));
/** The kernel thread's entry (next to this file in the source tree; from the project root otherwise). */
function entryPath() {
  const beside = resolve(here, '../tf/kernel/kernel-thread.ts');
  return existsSync(beside) ? beside : join(process.cwd(), 'src/lib/tf/kernel/kernel-thread.ts');
}

let bundle = null;
/** The kernel thread as one CommonJS script (built on first use, then reused; ~1 s). */
export function kernelBundle() {
  bundle ??= (async () => {
    const { build } = await import('esbuild');
    const entry = entryPath();
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node24',
      // The ES module builds, as in the browser: one copy of tfjs-core for core, its gradients
      // and chained ops, the CPU backend and tfjs-layers (their CommonJS "main" builds would pull
      // in a second copy with its own backend registry).
      mainFields: ['module', 'main'],
      write: false,
      logLevel: 'silent',
      // tfjs-core mentions these optional Node packages; the CPU backend needs neither.
      external: ['node-fetch', 'string_decoder'],
      absWorkingDir: resolve(dirname(entry), '../../../..'),
    });
    return result.outputFiles[0].text;
  })();
  return bundle;
}

// At most this many page kernels at once (each holds tfjs; cells' time limits assume a free core).
const slots = { free: Math.max(1, Math.min(2, availableParallelism())), waiting: [] };
async function acquire() {
  if (slots.free > 0) {
    slots.free--;
    return;
  }
  await new Promise((r) => slots.waiting.push(r));
}
function release() {
  const next = slots.waiting.shift();
  if (next) next();
  else slots.free++;
}

/**
 * Runs `cells` ({ code, timeout }) in order in one fresh kernel. Resolves with one entry per cell
 * that ran: `{ response }` (a KernelResponse) or `{ timedOut: true, ms }`; it stops after a cell
 * that threw or timed out. Rejects only when the kernel itself cannot start.
 */
export async function runCells(cells) {
  const code = await kernelBundle();
  await acquire();
  const worker = new Worker(code, { eval: true });
  let nextId = 1;
  let pending = null;
  const failPending = (error) => {
    if (pending) pending.reject(error);
    pending = null;
  };
  worker.on('message', (response) => {
    if (pending && response?.id === pending.id) {
      const p = pending;
      pending = null;
      p.resolve(response);
    }
  });
  worker.on('error', (error) => failPending(error));
  worker.on('exit', (exitCode) => failPending(new Error(`the kernel thread exited (code ${exitCode})`)));
  /** Sends a request; resolves with the response, or null when `timeoutMs` passes first. */
  const request = (message, timeoutMs) =>
    new Promise((resolveRequest, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending = null;
        resolveRequest(null);
      }, timeoutMs);
      pending = {
        id,
        resolve: (r) => {
          clearTimeout(timer);
          resolveRequest(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      worker.postMessage({ ...message, id });
    });
  const results = [];
  try {
    const ready = await request({ type: 'reset' }, KERNEL_START_TIMEOUT_MS);
    if (!ready) throw new Error(`the kernel did not start within ${KERNEL_START_TIMEOUT_MS / 1000} s`);
    for (const [index, cell] of cells.entries()) {
      const start = performance.now();
      const response = await request({ type: 'run', cell: index, code: cell.code }, cell.timeout);
      if (!response) {
        results.push({ timedOut: true, ms: performance.now() - start });
        break;
      }
      results.push({ response });
      if (!response.ok) break;
    }
  } finally {
    worker.removeAllListeners('exit');
    await worker.terminate();
    release();
  }
  return results;
}
