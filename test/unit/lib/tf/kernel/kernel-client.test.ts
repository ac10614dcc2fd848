/**
 * The notebook kernel's main-thread client with a fake worker: lazy start with a warm-up, calls in
 * order, a time limit that terminates the worker and restarts it, Stop, crashes — every call
 * resolves, none rejects.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkerLike } from '~/lib/tf/client';
import { createKernelClient, KERNEL_START_TIMEOUT_MS } from '~/lib/tf/kernel/kernel-client';
import type { KernelRequest, KernelResponse } from '~/lib/tf/kernel/protocol';

class FakeWorker implements WorkerLike {
  listeners: Record<string, Array<(e: Event) => void>> = {};
  sent: KernelRequest[] = [];
  terminated = false;
  addEventListener(type: string, fn: (e: Event) => void) {
    (this.listeners[type] ??= []).push(fn);
  }
  postMessage(message: unknown) {
    this.sent.push(message as KernelRequest);
  }
  terminate() {
    this.terminated = true;
  }
  emit(type: string, event: Event) {
    for (const fn of this.listeners[type] ?? []) fn(event);
  }
  reply(response: Partial<KernelResponse> & { id: number }) {
    this.emit(
      'message',
      new MessageEvent('message', {
        data: {
          ok: true,
          outputs: [],
          ms: 1,
          backend: { name: 'webgl' },
          numTensors: 0,
          tensorsCreated: 0,
          ...response,
        },
      }),
    );
  }
  /** answers the warm-up reset */
  ready() {
    const warm = this.sent[0]!;
    expect(warm.type).toBe('reset');
    this.reply({ id: warm.id });
  }
  last() {
    return this.sent.at(-1)!;
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const client = createKernelClient(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  });
  return { client, workers };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('KernelClient', () => {
  it('starts the worker on the first run (after a warm-up reset) and sends calls one at a time, in order', async () => {
    const { client, workers } = setup();
    expect(client.started).toBe(false);
    expect(client.generation).toBe(0);
    const a = client.run('1', 0);
    const b = client.run('2', 1);
    expect(workers).toHaveLength(1);
    expect(client.generation).toBe(1);
    const w = workers[0]!;
    expect(w.sent).toHaveLength(1); // only the warm-up so far
    w.ready();
    expect(w.last()).toMatchObject({ type: 'run', cell: 0, code: '1' });
    expect(w.sent).toHaveLength(2); // b waits for a
    w.reply({ id: w.last().id, outputs: [{ kind: 'value', text: '1' }], tensorsCreated: 2, numTensors: 2 });
    expect(await a).toMatchObject({
      ok: true,
      outputs: [{ kind: 'value', text: '1' }],
      tensorsCreated: 2,
      backend: { name: 'webgl' },
    });
    expect(w.last()).toMatchObject({ type: 'run', cell: 1, code: '2' });
    w.reply({
      id: w.last().id,
      ok: false,
      outputs: [{ kind: 'error', name: 'TypeError', message: 'x', line: 1 }],
    });
    expect(await b).toMatchObject({ ok: false, outputs: [{ kind: 'error', line: 1 }] });
    expect((await b).failure).toBeUndefined();
    expect(client.busy).toBe(false);
  });

  it('a run over its time limit terminates the worker, resolves with a timeout, and the next run starts a fresh kernel', async () => {
    const { client, workers } = setup();
    const loop = client.run('while (true) {}', 0, { timeoutMs: 500 });
    const after = client.run('1', 1);
    workers[0]!.ready();
    await vi.advanceTimersByTimeAsync(499);
    expect(workers[0]!.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(workers[0]!.terminated).toBe(true);
    expect(await loop).toMatchObject({
      ok: false,
      failure: 'timeout',
      outputs: [{ kind: 'error', name: 'TimeoutError', message: expect.stringContaining('0.5 s') }],
    });
    // the call queued behind the loop is not run on a kernel that lost the earlier names
    expect(await after).toMatchObject({ ok: false, failure: 'stopped' });
    const next = client.run('2', 2);
    expect(workers).toHaveLength(2);
    expect(client.generation).toBe(2);
    workers[1]!.ready();
    workers[1]!.reply({ id: workers[1]!.last().id, outputs: [{ kind: 'value', text: '2' }] });
    expect(await next).toMatchObject({ ok: true, outputs: [{ kind: 'value', text: '2' }] });
  });

  it('the time limit starts when the run is sent, not while the worker starts', async () => {
    const { client, workers } = setup();
    const r = client.run('1', 0, { timeoutMs: 100 });
    await vi.advanceTimersByTimeAsync(5000); // loading tfjs
    workers[0]!.ready();
    await vi.advanceTimersByTimeAsync(50);
    workers[0]!.reply({ id: workers[0]!.last().id });
    expect(await r).toMatchObject({ ok: true });
  });

  it('a worker that never finishes starting counts as crashed', async () => {
    const { client, workers } = setup();
    const r = client.run('1', 0);
    await vi.advanceTimersByTimeAsync(KERNEL_START_TIMEOUT_MS);
    expect(await r).toMatchObject({ ok: false, failure: 'crashed' });
    expect(workers[0]!.terminated).toBe(true);
  });

  it('terminate (Stop) resolves the running and waiting calls as stopped', async () => {
    const { client, workers } = setup();
    const a = client.run('while (true) {}', 0);
    const b = client.run('1', 1);
    workers[0]!.ready();
    client.terminate();
    expect(workers[0]!.terminated).toBe(true);
    expect(await a).toMatchObject({
      ok: false,
      failure: 'stopped',
      outputs: [{ kind: 'error', name: 'Stopped' }],
    });
    expect(await b).toMatchObject({ ok: false, failure: 'stopped' });
    expect(client.started).toBe(false);
    // a late answer from the old worker is ignored
    workers[0]!.reply({ id: 2 });
    const c = client.reset();
    workers[1]!.ready();
    expect(workers[1]!.last()).toMatchObject({ type: 'reset' });
    workers[1]!.reply({ id: workers[1]!.last().id, numTensors: 0 });
    expect(await c).toMatchObject({ ok: true, numTensors: 0 });
  });

  it('a crash, a malformed answer or a worker that cannot be made resolves as crashed', async () => {
    const { client, workers } = setup();
    const a = client.run('1', 0);
    workers[0]!.ready();
    const event = new Event('error', { cancelable: true });
    workers[0]!.emit('error', event);
    expect(event.defaultPrevented).toBe(true);
    expect(await a).toMatchObject({
      ok: false,
      failure: 'crashed',
      outputs: [{ kind: 'error', name: 'KernelError' }],
    });

    const b = client.run('1', 0);
    workers[1]!.ready();
    workers[1]!.emit(
      'message',
      new MessageEvent('message', { data: { id: workers[1]!.last().id, outputs: 'no' } }),
    );
    expect(await b).toMatchObject({
      ok: false,
      failure: 'crashed',
      outputs: [{ message: 'The kernel sent a malformed response' }],
    });

    const broken = createKernelClient(() => {
      throw new Error('Worker is not defined');
    });
    expect(await broken.run('1', 0)).toMatchObject({
      ok: false,
      failure: 'crashed',
      outputs: [{ kind: 'error', message: 'The kernel could not start: Worker is not defined' }],
    });
  });
});
