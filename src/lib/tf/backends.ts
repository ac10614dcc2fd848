/**
 * The browser workers' backends, in order of preference: WebGL (on an OffscreenCanvas; skipped with
 * a reason when the probe fails), then the CPU backend. Each is a dynamic import, so the CPU
 * backend is downloaded only when WebGL cannot start. Shared by the widgets' worker
 * (`tf-worker.ts`) and the notebook kernel's (`kernel/kernel-worker.ts`).
 */
import { probeWebgl, type BackendCandidate } from './engine';

export const browserBackends: BackendCandidate[] = [
  {
    name: 'webgl',
    probe: probeWebgl,
    load: () => import('@tensorflow/tfjs-backend-webgl'),
    failCode: 'webglInitFailed',
  },
  { name: 'cpu', load: () => import('@tensorflow/tfjs-backend-cpu') },
];
