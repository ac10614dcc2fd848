/**
 * The main-thread client with a fake worker: lazy start, routing by id, and every failure
 * (worker cannot start, crashes, malformed or missing answers) resolved as an error value.
 */
import { describe, expect, it, vi } from 'vitest';
import { createTfClient, MAX_CONTEXT_RESTARTS, type WorkerLike } from '~/lib/tf/client';
import { messageOf } from '~/lib/tf/error-message';
import type { TfRequest, TfResponse } from '~/lib/tf/protocol';

const stats = { backend: { name: 'webgl' as const, webglVersion: 2 }, ms: 1, numTensors: 0 };

class FakeWorker implements WorkerLike {
  listeners: Record<string, Array<(e: Event) => void>> = {};
  sent: TfRequest[] = [];
  terminated = false;
  addEventListener(type: string, fn: (e: Event) => void) {
    (this.listeners[type] ??= []).push(fn);
  }
  postMessage(message: unknown) {
    this.sent.push(message as TfRequest);
  }
  terminate() {
    this.terminated = true;
  }
  emit(type: string, event: Event) {
    for (const fn of this.listeners[type] ?? []) fn(event);
  }
  reply(response: TfResponse | unknown) {
    this.emit('message', new MessageEvent('message', { data: response }));
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const client = createTfClient(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  });
  return { client, workers };
}

describe('TfClient', () => {
  it('starts the worker only on the first run, and routes answers by id', async () => {
    const { client, workers } = setup();
    expect(client.started).toBe(false);
    expect(workers).toHaveLength(0);
    const a = client.run('info', {});
    const b = client.run('info', {});
    expect(workers).toHaveLength(1);
    const [ra, rb] = workers[0]!.sent;
    expect(ra).toEqual({ id: 1, op: 'info', args: {} });
    workers[0]!.reply({ id: rb!.id, ok: true, result: { version: 'b', ops: [] }, stats });
    workers[0]!.reply({ id: ra!.id, ok: false, error: { code: 'badArgs', message: 'nope' }, stats });
    expect(await b).toMatchObject({ ok: true, result: { version: 'b' }, stats });
    expect(await a).toEqual({ ok: false, error: { code: 'badArgs', message: 'nope' }, stats });
    expect(client.started).toBe(true);
  });

  it('a worker that cannot be constructed becomes workerFailed', async () => {
    const client = createTfClient(() => {
      throw new Error('Worker is not defined');
    });
    expect(await client.run('info', {})).toEqual({
      ok: false,
      error: {
        code: 'workerFailed',
        message: 'The TensorFlow.js worker could not start: Worker is not defined',
      },
    });
  });

  it('a crash fails every pending call (no uncaught error) and the next run starts a fresh worker', async () => {
    const { client, workers } = setup();
    const a = client.run('info', {});
    const b = client.run('conv2d', {
      input: { shape: [1, 1, 1], data: [1] },
      filter: { shape: [1, 1, 1, 1], data: [1] },
      stride: 1,
      pad: 0,
    });
    // Node has no ErrorEvent: an Event with the same `message` field.
    const error = Object.assign(new Event('error', { cancelable: true }), {
      message: 'SyntaxError: bad chunk',
    });
    workers[0]!.emit('error', error);
    expect(error.defaultPrevented).toBe(true);
    for (const r of await Promise.all([a, b]))
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'workerFailed', message: expect.stringContaining('bad chunk') },
      });
    expect(workers[0]!.terminated).toBe(true);
    const c = client.run('info', {});
    expect(workers).toHaveLength(2);
    workers[1]!.reply({ id: workers[1]!.sent[0]!.id, ok: true, result: { version: 'x', ops: [] }, stats });
    expect(await c).toMatchObject({ ok: true });
  });

  it('a malformed response for a pending id is an error value; stray messages are ignored', async () => {
    const { client, workers } = setup();
    const a = client.run('info', {});
    workers[0]!.reply('garbage');
    workers[0]!.reply({ id: 999, ok: true, result: {}, stats });
    workers[0]!.reply({ id: 1, ok: true });
    expect(await a).toEqual({
      ok: false,
      error: { code: 'workerFailed', message: 'The worker sent a malformed response' },
    });
  });

  it('messageerror fails pending calls', async () => {
    const { client, workers } = setup();
    const a = client.run('info', {});
    workers[0]!.emit('messageerror', new Event('messageerror'));
    expect(await a).toMatchObject({ ok: false, error: { code: 'workerFailed' } });
  });

  it('a silent worker times out, and a late answer is ignored', async () => {
    vi.useFakeTimers();
    try {
      const { client, workers } = setup();
      const a = client.run('info', {}, { timeoutMs: 5000 });
      vi.advanceTimersByTime(5001);
      expect(await a).toEqual({
        ok: false,
        error: { code: 'timeout', message: 'TensorFlow.js did not answer within 5 s' },
      });
      workers[0]!.reply({ id: 1, ok: true, result: { version: 'late', ops: [] }, stats });
    } finally {
      vi.useRealTimers();
    }
  });

  it('args that cannot be posted become badArgs; terminate fails what is pending', async () => {
    const { client, workers } = setup();
    workers.length = 0;
    const throwing = createTfClient(() => {
      const w = new FakeWorker();
      w.postMessage = () => {
        throw new DOMException('could not be cloned', 'DataCloneError');
      };
      return w;
    });
    expect(await throwing.run('info', {})).toMatchObject({
      ok: false,
      error: { code: 'badArgs', message: expect.stringContaining('could not be cloned') },
    });
    const pending = client.run('info', {});
    client.terminate();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'workerFailed' } });
    expect(client.started).toBe(false);
  });
});

describe('messageOf', () => {
  it.each([
    [new Error('no context'), 'no context'],
    [new TypeError('bad'), 'bad'],
    ['plain text', 'plain text'],
    [42, '42'],
    [undefined, 'undefined'],
  ])('%s → %s', (thrown, text) => expect(messageOf(thrown)).toBe(text));
});

describe('TfClient after a lost WebGL context', () => {
  const lost = (id: number) => ({ id, ok: false, error: { code: 'contextLost', message: 'lost' } });

  it('restarts the worker once and asks the new one; the answer says it restarted', async () => {
    const { client, workers } = setup();
    const a = client.run('info', {});
    const b = client.run('info', {});
    const [ra] = workers[0]!.sent;
    workers[0]!.reply(lost(ra!.id));
    await vi.waitFor(() => expect(workers).toHaveLength(2));
    expect(workers[0]!.terminated).toBe(true);
    // both requests (the other one failed with the stopped worker) go to the one new worker
    await vi.waitFor(() => expect(workers[1]!.sent).toHaveLength(2));
    for (const r of workers[1]!.sent)
      workers[1]!.reply({ id: r.id, ok: true, result: { version: 'x', ops: [] }, stats });
    for (const out of [await a, await b]) {
      expect(out.ok).toBe(true);
      expect(out.ok && out.stats.backend).toEqual({ ...stats.backend, restarts: 1 });
    }
    expect(workers).toHaveLength(2);
  });

  it(`gives up after ${MAX_CONTEXT_RESTARTS} restarts with a contextLost error`, async () => {
    const { client, workers } = setup();
    const out = client.run('info', {});
    for (let i = 0; i <= MAX_CONTEXT_RESTARTS; i++) {
      await vi.waitFor(() => expect(workers[i]?.sent).toHaveLength(1));
      workers[i]!.reply(lost(workers[i]!.sent[0]!.id));
    }
    const result = await out;
    expect(result).toMatchObject({ ok: false, error: { code: 'contextLost' } });
    expect(!result.ok && result.error.message).toContain(`${MAX_CONTEXT_RESTARTS + 1} times`);
    expect(workers).toHaveLength(MAX_CONTEXT_RESTARTS + 1);
  });
});
