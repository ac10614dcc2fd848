/**
 * The worker side of the protocol, free of worker globals so Node tests can drive it: choose a
 * backend once (WebGL first, CPU fallback with a reason), then answer each request with one
 * response — a result or an error value, always with the backend that computed it and the tensor
 * count after the op.
 */
import { messageOf } from './error-message';
import { isOpName, OpArgsError, ops as defaultOps, type OpImpl, type Tf } from './ops';
import type {
  BackendInfo,
  BackendName,
  FallbackCode,
  OpName,
  RunStats,
  TfError,
  TfResponse,
} from './protocol';

export interface BackendCandidate {
  name: BackendName;
  /** Cheap check before loading: null when the backend can run here, else why it cannot. */
  probe?: () => { code: FallbackCode; detail: string } | null;
  /** Registers the backend with tfjs-core (usually a dynamic import, so unused backends are never downloaded). */
  load: () => Promise<unknown>;
  /** The reason recorded when `tf.setBackend` refuses this backend. */
  failCode?: FallbackCode;
  /**
   * Whether the backend's context has been lost since it started (WebGL: `gl.isContextLost()`).
   * A lost backend's answers are replaced by a `contextLost` error, checked before, during
   * (every `LOST_POLL_MS`, since an op on a lost context may never settle) and after each op.
   */
  lost?: () => boolean;
}

/** How often a running op's backend is checked for a lost context. */
export const LOST_POLL_MS = 250;

const contextLostError = (name: string): TfError => ({
  code: 'contextLost',
  message: `The ${name} context of TensorFlow.js was lost`,
});

/**
 * Tries the candidates in order and switches tfjs to the first that starts. The result names the
 * backend and, if an earlier candidate was skipped, the first reason why.
 */
export async function chooseBackend(tf: Tf, candidates: BackendCandidate[]): Promise<BackendInfo | TfError> {
  let fallback: BackendInfo['fallback'];
  const tried: string[] = [];
  for (const candidate of candidates) {
    const reason = candidate.probe?.() ?? null;
    if (reason) {
      fallback ??= reason;
      tried.push(`${candidate.name}: ${reason.detail}`);
      continue;
    }
    let started = false;
    let detail = `TensorFlow.js could not start its ${candidate.name} backend`;
    try {
      await candidate.load();
      started = await tf.setBackend(candidate.name);
      if (started) await tf.ready();
    } catch (error) {
      started = false;
      detail = `${detail}: ${messageOf(error)}`;
    }
    if (started) {
      const info: BackendInfo = { name: candidate.name };
      if (fallback) info.fallback = fallback;
      if (candidate.name === 'webgl') info.webglVersion = tf.env().getNumber('WEBGL_VERSION');
      return info;
    }
    fallback ??= { code: candidate.failCode ?? 'webglInitFailed', detail };
    tried.push(`${candidate.name}: ${detail}`);
  }
  return { code: 'backendFailed', message: `No TensorFlow.js backend could start (${tried.join('; ')})` };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export interface Engine {
  /** Answers one request (anything that arrived by postMessage); never rejects. */
  handle(message: unknown): Promise<TfResponse>;
  /** The chosen backend (starts it on first call). */
  backend(): Promise<BackendInfo | TfError>;
}

/** An engine over `tf` with the given backends; `registry` defaults to all ops in `ops.ts`. */
export function createEngine(
  tf: Tf,
  candidates: BackendCandidate[],
  registry: { [N in OpName]: OpImpl<N> } = defaultOps,
): Engine {
  let chosen: Promise<BackendInfo | TfError> | null = null;
  const backend = () => (chosen ??= chooseBackend(tf, candidates));

  async function handle(message: unknown): Promise<TfResponse> {
    const id = isRecord(message) && typeof message.id === 'number' ? message.id : -1;
    if (!isRecord(message) || id < 0 || typeof message.op !== 'string')
      return { id, ok: false, error: { code: 'badArgs', message: 'A request must be { id, op, args }' } };
    const name = message.op;
    if (!isOpName(name) || !Object.prototype.hasOwnProperty.call(registry, name))
      return { id, ok: false, error: { code: 'unknownOp', message: `No op named "${name}"` } };
    const info = await backend();
    if ('code' in info) return { id, ok: false, error: info };
    const lost = candidates.find((c) => c.name === info.name)?.lost ?? (() => false);
    if (lost()) return { id, ok: false, error: contextLostError(info.name) };
    const op = registry[name] as OpImpl<OpName>;
    const start = performance.now();
    const stats = (): RunStats => ({
      backend: info,
      ms: performance.now() - start,
      numTensors: tf.memory().numTensors,
    });
    let poll: ReturnType<typeof setInterval> | undefined;
    const lostWhileRunning = new Promise<'lost'>((resolve) => {
      poll = setInterval(() => {
        if (lost()) resolve('lost');
      }, LOST_POLL_MS);
    });
    try {
      const result = await Promise.race([op(tf, (message.args ?? {}) as never), lostWhileRunning]);
      if (result === 'lost' || lost()) return { id, ok: false, error: contextLostError(info.name) };
      return { id, ok: true, result, stats: stats() };
    } catch (error) {
      if (lost()) return { id, ok: false, error: contextLostError(info.name) };
      const code = error instanceof OpArgsError ? 'badArgs' : 'opFailed';
      return { id, ok: false, error: { code, message: messageOf(error) }, stats: stats() };
    } finally {
      clearInterval(poll);
    }
  }

  return { handle, backend };
}

/** The ArrayBuffers inside a response, so postMessage can transfer them instead of copying. */
export function transferablesOf(value: unknown, found = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) found.add(value.buffer);
  } else if (Array.isArray(value)) {
    for (const v of value) if (typeof v === 'object' && v !== null) transferablesOf(v, found);
  } else if (isRecord(value)) {
    for (const v of Object.values(value)) transferablesOf(v, found);
  }
  return [...found];
}

/**
 * Whether WebGL can run in this (worker) scope: OffscreenCanvas must exist and give a WebGL2 or
 * WebGL1 context. The probe context is released at once.
 */
export function probeWebgl(): { code: FallbackCode; detail: string } | null {
  if (typeof OffscreenCanvas === 'undefined')
    return { code: 'noOffscreenCanvas', detail: 'OffscreenCanvas is not available in this worker' };
  let gl: WebGL2RenderingContext | WebGLRenderingContext | null = null;
  try {
    const canvas = new OffscreenCanvas(1, 1);
    gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  } catch (error) {
    return { code: 'noWebglContext', detail: `creating a WebGL context failed: ${messageOf(error)}` };
  }
  if (!gl)
    return {
      code: 'noWebglContext',
      detail: 'OffscreenCanvas.getContext("webgl2") and ("webgl") returned null',
    };
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return null;
}
