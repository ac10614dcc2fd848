/**
 * The kernel on the tfjs CPU backend in Node: shared scope across cells, last-expression values,
 * top-level await, errors at the reader's line (syntax and runtime), tensor accounting and reset.
 */
import { describe, expect, it } from 'vitest';
import { createCpuKernel } from '~/lib/tf/kernel/kernel-node';
import type { CellOutput } from '~/lib/tf/kernel/protocol';

function session() {
  const kernel = createCpuKernel();
  let id = 0;
  let cell = 0;
  return {
    run: (code: string) => kernel.handle({ id: ++id, type: 'run', cell: cell++, code }),
    reset: () => kernel.handle({ id: ++id, type: 'reset' }),
    raw: (message: unknown) => kernel.handle(message),
  };
}

describe('kernel: scope shared across cells', () => {
  it('later cells see names of earlier cells; the last expression is shown', async () => {
    const k = session();
    expect(
      (
        await k.run(
          'const a = 2;\nlet b = 3;\nfunction f(x) { return x * a; }\nclass C { v() { return b; } }',
        )
      ).outputs,
    ).toEqual([]);
    const r = await k.run('var c = f(b) + new C().v();\nc');
    expect(r.ok).toBe(true);
    expect(r.outputs).toEqual([{ kind: 'value', text: '9' }]);
  });

  it('assignments to an earlier let persist; assigning an earlier const throws', async () => {
    const k = session();
    await k.run('let n = 1; const fixed = 1;');
    await k.run('n += 41');
    expect((await k.run('n')).outputs).toEqual([{ kind: 'value', text: '42' }]);
    const r = await k.run('fixed = 2');
    expect(r.ok).toBe(false);
    expect(r.outputs[0]).toMatchObject({ kind: 'error', name: 'TypeError', line: 1 });
  });

  it('a later cell may declare a name again, even with another kind', async () => {
    const k = session();
    await k.run('const x = 1;');
    expect((await k.run('let x = "two";\nx')).outputs).toEqual([{ kind: 'text', text: 'two' }]);
    await k.run('function x() { return 3; }');
    expect((await k.run('x()')).outputs).toEqual([{ kind: 'value', text: '3' }]);
  });

  it('functions hoist within a cell; closures see later updates of a name', async () => {
    const k = session();
    expect((await k.run('const v = g();\nfunction g() { return 5; }\nv')).outputs).toEqual([
      { kind: 'value', text: '5' },
    ]);
  });

  it('a name in its temporal dead zone when the cell throws keeps its previous value', async () => {
    const k = session();
    await k.run('const y = 1;');
    const r = await k.run('throw new Error("early");\nconst y = 2;');
    expect(r.ok).toBe(false);
    expect((await k.run('y')).outputs).toEqual([{ kind: 'value', text: '1' }]);
  });

  it('top-level await works and undefined results show nothing', async () => {
    const k = session();
    const r = await k.run(
      'const v = await Promise.resolve(7);\nawait new Promise((r) => setTimeout(r, 5));\nv * 6',
    );
    expect(r.outputs).toEqual([{ kind: 'value', text: '42' }]);
    expect((await k.run('let u;\nu')).outputs).toEqual([]);
  });

  it('cells run in strict mode: assigning an undeclared name is an error at its line', async () => {
    const k = session();
    const r = await k.run('const a = 1;\nundeclared = 2;');
    expect(r.outputs[0]).toMatchObject({ kind: 'error', name: 'ReferenceError', line: 2 });
  });

  it('show, console.* and the last value appear in order', async () => {
    const k = session();
    const r = await k.run('console.log("a", 1, [2, 3]);\nshow("b");\nconsole.warn({ c: 4 });\n"d"');
    expect(r.outputs).toEqual([
      { kind: 'text', text: 'a 1 [2, 3]', stream: 'log' },
      { kind: 'text', text: 'b' },
      { kind: 'text', text: '{ c: 4 }', stream: 'warn' },
      { kind: 'text', text: 'd' },
    ]);
  });

  it('reset forgets every name', async () => {
    const k = session();
    await k.run('const gone = 1;');
    await k.reset();
    const r = await k.run('gone');
    expect(r.outputs[0]).toMatchObject({
      kind: 'error',
      name: 'ReferenceError',
      message: 'gone is not defined',
      line: 1,
    });
    expect((await k.run('typeof tf.conv2d + " " + typeof cnn.outputSize')).outputs).toEqual([
      { kind: 'text', text: 'function function' },
    ]);
  });
});

describe("kernel: errors at the reader's line and column", () => {
  it('syntax errors come from the parser with 1-based line and column', async () => {
    const k = session();
    const r = await k.run('const a = 1;\nconst b = ;\n');
    expect(r.ok).toBe(false);
    expect(r.outputs).toEqual([
      { kind: 'error', name: 'SyntaxError', message: 'Unexpected token', line: 2, column: 11 },
    ]);
    const r2 = await k.run('let q = 1;\n\n  let q = 2;');
    expect(r2.outputs[0]).toMatchObject({ name: 'SyntaxError', line: 3, column: 7 });
  });

  it('runtime errors map V8 stack positions back to the cell', async () => {
    const k = session();
    const r = await k.run('const a = 1;\n\nconst b = a.foo.bar;');
    expect(r.outputs).toEqual([
      {
        kind: 'error',
        name: 'TypeError',
        message: "Cannot read properties of undefined (reading 'bar')",
        line: 3,
        column: 17,
      },
    ]);
  });

  it('an error in the last expression maps through the inserted `return (`', async () => {
    const k = session();
    const r = await k.run('const o = {};\n  o.missing()');
    expect(r.outputs[0]).toMatchObject({ name: 'TypeError', line: 2, column: 5 });
  });

  it('an error inside a function defined by an earlier cell names that cell', async () => {
    const k = session();
    await k.run('// helpers\nfunction boom() {\n  throw new RangeError("bad");\n}');
    const r = await k.run('const z = 1;\nboom();');
    expect(r.outputs[0]).toMatchObject({ name: 'RangeError', message: 'bad', line: 3, column: 9, cell: 0 });
  });

  it('errors thrown by tfjs inside a cell point at the calling line', async () => {
    const k = session();
    const r = await k.run('const x = tf.zeros([2, 2]);\nconst y = tf.matMul(x, tf.zeros([3, 3]));');
    expect(r.ok).toBe(false);
    expect(r.outputs[0]).toMatchObject({ kind: 'error', line: 2 });
  });

  it('a thrown non-error value is reported as a message', async () => {
    const k = session();
    expect((await k.run('throw "plain"')).outputs).toEqual([
      { kind: 'error', name: 'Uncaught', message: 'plain' },
    ]);
  });

  it('a malformed request is answered with an error, not a rejection', async () => {
    const k = session();
    const r = await k.raw({ id: 3, type: 'nope' });
    expect(r).toMatchObject({ id: 3, ok: false, outputs: [{ kind: 'error', name: 'KernelError' }] });
    expect((await k.raw(null)).id).toBe(-1);
  });
});

describe('kernel: tensors', () => {
  it('a tf.conv2d result is shown as a tensor with values and a heatmap', async () => {
    const k = session();
    const r = await k.run(
      'const x = tf.ones([1, 4, 4, 1]);\nconst w = tf.ones([3, 3, 1, 1]);\ntf.conv2d(x, w, 1, "valid")',
    );
    expect(r.ok).toBe(true);
    expect(r.backend.name).toBe('cpu');
    const out = r.outputs[0] as Extract<CellOutput, { kind: 'tensor' }>;
    expect(out).toMatchObject({
      kind: 'tensor',
      shape: [1, 2, 2, 1],
      dtype: 'float32',
      size: 4,
      values: [
        [
          [[9], [9]],
          [[9], [9]],
        ],
      ],
    });
    expect(out.heatmaps).toEqual([
      { label: 'channel 0', channel: 0, rows: 2, cols: 2, data: [9, 9, 9, 9], min: 9, max: 9 },
    ]);
    expect(r.tensorsCreated).toBe(3);
  });

  it('counts tensors each run creates; reset disposes all of them (kept ones and variables too)', async () => {
    const k = session();
    const base = (await k.reset()).numTensors;
    const a = await k.run('const a = tf.tensor1d([1, 2, 3]);\nconst b = a.square();');
    expect(a.tensorsCreated).toBe(2);
    expect(a.numTensors).toBe(base + 2);
    const b = await k.run(
      'const kept = tf.tidy(() => tf.keep(tf.scalar(1).add(1)));\nconst v = tf.variable(tf.zeros([2]));\nconst m = tf.tidy(() => a.mul(2));',
    );
    expect(b.tensorsCreated).toBe(b.numTensors - a.numTensors);
    expect(b.tensorsCreated).toBeGreaterThanOrEqual(4);
    const c = await k.run('tf.tidy(() => { a.add(1); });\nb.dispose();');
    expect(c.tensorsCreated).toBe(-1);
    const layersModel = await k.run(
      'const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3] })] });\nmodel.countParams()',
    );
    expect(layersModel.outputs).toEqual([{ kind: 'value', text: '8' }]);
    expect(layersModel.tensorsCreated).toBeGreaterThan(0);
    const r = await k.reset();
    expect(r.numTensors).toBe(base);
    expect(r.tensorsCreated).toBe(base - layersModel.numTensors);
  });

  it('NaN in a tensor is flagged', async () => {
    const k = session();
    const r = await k.run('tf.tensor1d([0, 1]).div(tf.tensor1d([0, 1]))');
    expect(r.outputs[0]).toMatchObject({ kind: 'tensor', nonFinite: true, values: ['NaN', 1] });
  });

  it('show.plot validates the spec', async () => {
    const k = session();
    const good = await k.run('show.plot({ marks: [{ mark: "lineY", data: [1, 2, 3] }] })');
    expect(good.outputs).toEqual([{ kind: 'plot', spec: { marks: [{ mark: 'lineY', data: [1, 2, 3] }] } }]);
    const bad = await k.run('\nshow.plot({ marks: [{ mark: "area", data: [] }] })');
    expect(bad.outputs[0]).toMatchObject({ kind: 'error', name: 'PlotSpecError', line: 2 });
    expect((bad.outputs[0] as { message: string }).message).toMatch(
      /marks\[0\]\.mark must be one of line, lineY/,
    );
  });
});
