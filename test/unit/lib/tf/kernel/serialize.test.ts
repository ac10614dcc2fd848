/**
 * Value → CellOutput for every kind: strings, numbers (NaN, ±Infinity, -0), booleans, null and
 * undefined, arrays (truncated), nested and cyclic objects, Maps/Sets, tables, tensors (values,
 * heatmaps, non-finite flag) and plot specs (with clear errors for bad ones).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  asTable,
  consoleOutput,
  formatNumber,
  formatValue,
  heatmapGeometry,
  MAX_ITEMS,
  MAX_TABLE_ROWS,
  tensorOutput,
  toOutput,
  validatePlotSpec,
} from '~/lib/tf/kernel/serialize';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('numbers and primitives', () => {
  it.each([
    [0, '0'],
    [-0, '-0'],
    [1.5, '1.5'],
    [1e21, '1e+21'],
    [-2.5e-7, '-2.5e-7'],
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [-Infinity, '-Infinity'],
  ])('%s → %s', (n, text) => expect(formatNumber(n)).toBe(text));

  it.each([
    [42, { kind: 'value', text: '42' }],
    [true, { kind: 'value', text: 'true' }],
    [null, { kind: 'value', text: 'null' }],
    [undefined, { kind: 'value', text: 'undefined' }],
    [10n, { kind: 'value', text: '10n' }],
    ['plain text', { kind: 'text', text: 'plain text' }],
    [NaN, { kind: 'value', text: 'NaN', nonFinite: true }],
    [-Infinity, { kind: 'value', text: '-Infinity', nonFinite: true }],
    [-0, { kind: 'value', text: '-0' }],
  ])('toOutput(%s)', (value, output) => expect(toOutput(value)).toEqual(output));
});

describe('arrays and objects', () => {
  it('formats nested structures on one line when short, with strings quoted inside', () => {
    expect(formatValue([1, 'a', [true, null], { k: undefined, 'two words': -0 }]).text).toBe(
      '[1, "a", [true, null], { k: undefined, "two words": -0 }]',
    );
  });

  it('breaks long structures over indented lines', () => {
    const text = formatValue({ alpha: 'x'.repeat(40), beta: { gamma: 'y'.repeat(40) } }).text;
    expect(text).toBe(`{\n  alpha: "${'x'.repeat(40)}",\n  beta: { gamma: "${'y'.repeat(40)}" }\n}`);
  });

  it('truncates huge arrays with "… N more"', () => {
    const out = formatValue(Array.from({ length: 1000 }, (_, i) => i)).text;
    expect(out.endsWith(`… ${1000 - MAX_ITEMS} more\n]`)).toBe(true);
    expect(out).toContain(`${MAX_ITEMS - 1},`);
    expect(out).not.toContain(`${MAX_ITEMS},`);
    expect(formatValue(new Float32Array(150)).text).toMatch(
      /^Float32Array\(150\) \[\n {2}0,[\s\S]*… 50 more\n\]$/,
    );
  });

  it('marks cycles and elides deep nesting', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(formatValue(a).text).toBe('{ name: "a", self: [Circular] }');
    expect(formatValue({ a: { b: { c: { d: { e: 1 } } } } }).text).toBe(
      '{ a: { b: { c: { d: [Object] } } } }',
    );
    const shared = { v: 1 };
    expect(formatValue([shared, shared]).text).toBe('[{ v: 1 }, { v: 1 }]'); // repeated is not circular
  });

  it('names Maps, Sets, class instances, functions, dates and errors', () => {
    class Point {
      constructor(
        public x = 1,
        public y = 2,
      ) {}
    }
    expect(formatValue(new Map([['k', 1]])).text).toBe('Map(1) { "k" => 1 }');
    expect(formatValue(new Set([1, 2])).text).toBe('Set(2) { 1, 2 }');
    expect(formatValue(new Point()).text).toBe('Point { x: 1, y: 2 }');
    expect(formatValue(function named() {}).text).toBe('[Function named]');
    expect(formatValue(Point).text).toBe('[class Point]');
    expect(formatValue(new Date(Date.UTC(2020, 0, 2))).text).toBe('2020-01-02T00:00:00.000Z');
    expect(formatValue(new RangeError('no')).text).toBe('RangeError: no');
    expect(formatValue([]).text).toBe('[]');
    expect(formatValue({}).text).toBe('{}');
  });

  it('flags NaN anywhere inside', () => {
    expect(toOutput({ a: [1, NaN] })).toEqual({ kind: 'value', text: '{ a: [1, NaN] }', nonFinite: true });
    expect(formatValue(new Float64Array([1, Infinity])).nonFinite).toBe(true);
  });
});

describe('tables', () => {
  it('an array of plain objects with the same keys is a table', () => {
    expect(
      toOutput([
        { k: 3, p: 1 },
        { p: 'same', k: 5 },
      ]),
    ).toEqual({
      kind: 'table',
      columns: ['k', 'p'],
      rows: [
        [3, 1],
        [5, 'same'],
      ],
    });
  });

  it('cells that are not plain values are written as text; NaN is flagged and written out', () => {
    expect(asTable([{ a: [1, 2], b: undefined, c: NaN, d: -0 }])).toEqual({
      kind: 'table',
      columns: ['a', 'b', 'c', 'd'],
      rows: [['[1, 2]', null, 'NaN', '-0']],
      nonFinite: true,
    });
  });

  it('long tables keep the first rows and count the rest', () => {
    const t = asTable(Array.from({ length: MAX_TABLE_ROWS + 5 }, (_, i) => ({ i })))!;
    expect(t.rows).toHaveLength(MAX_TABLE_ROWS);
    expect(t.more).toBe(5);
  });

  it.each([
    ['different keys', [{ a: 1 }, { b: 1 }]],
    ['a missing key', [{ a: 1, b: 2 }, { a: 1 }]],
    ['not all objects', [{ a: 1 }, 2]],
    ['empty objects', [{}, {}]],
    ['class instances', [new Date(0)]],
  ])('%s is not a table', (_, value) => expect(toOutput(value).kind).toBe('value'));
});

describe('tensors', () => {
  it('a scalar and a small vector show shape, dtype and values', () => {
    expect(toOutput(tf.scalar(2.5))).toEqual({
      kind: 'tensor',
      shape: [],
      dtype: 'float32',
      size: 1,
      values: 2.5,
    });
    expect(toOutput(tf.tensor1d([1, 2, 3], 'int32'))).toEqual({
      kind: 'tensor',
      shape: [3],
      dtype: 'int32',
      size: 3,
      values: [1, 2, 3],
    });
  });

  it('a 2-D tensor gets one heatmap, row-major, with its range', () => {
    expect(
      tensorOutput(
        tf.tensor2d([
          [1, 2, 3],
          [4, 5, -6],
        ]),
      ),
    ).toEqual({
      kind: 'tensor',
      shape: [2, 3],
      dtype: 'float32',
      size: 6,
      values: [
        [1, 2, 3],
        [4, 5, -6],
      ],
      heatmaps: [{ label: '', rows: 2, cols: 3, data: [1, 2, 3, 4, 5, -6], min: -6, max: 5 }],
    });
  });

  it('[H, W, C] and [1, H, W, C] get one heatmap per channel, at most 8', () => {
    const hwc = tf.tensor3d([
      [
        [1, 10],
        [2, 20],
      ],
    ]); // [1, 2, 2]
    const out = tensorOutput(hwc);
    expect(out.heatmaps).toEqual([
      { label: 'channel 0', channel: 0, rows: 1, cols: 2, data: [1, 2], min: 1, max: 2 },
      { label: 'channel 1', channel: 1, rows: 1, cols: 2, data: [10, 20], min: 10, max: 20 },
    ]);
    const wide = tensorOutput(tf.zeros([1, 3, 3, 12]));
    expect(wide.heatmaps).toHaveLength(8);
    expect(wide.channelsShown).toBe(8);
    expect(wide.values).toBeUndefined(); // 108 elements > 64
  });

  it('big, batched or 1-D tensors get no heatmap; more than 64 elements get no values', () => {
    expect(tensorOutput(tf.zeros([65, 2])).heatmaps).toBeUndefined();
    expect(tensorOutput(tf.zeros([2, 2, 2, 1])).heatmaps).toBeUndefined();
    expect(tensorOutput(tf.zeros([8])).heatmaps).toBeUndefined();
    const big = tensorOutput(tf.zeros([8, 9]));
    expect(big.values).toBeUndefined();
    expect(big.heatmaps?.[0]?.data).toHaveLength(72);
    expect(tensorOutput(tf.zeros([8, 8])).values).toHaveLength(8);
  });

  it.each([
    [
      [2, 3],
      [2, 3, 1],
    ],
    [
      [4, 5, 3],
      [4, 5, 3],
    ],
    [
      [1, 4, 5, 3],
      [4, 5, 3],
    ],
    [
      [64, 64],
      [64, 64, 1],
    ],
    [[65, 1], null],
    [[0, 3], null],
    [[3], null],
    [[2, 2, 2, 2], null],
  ])('heatmapGeometry(%j) = %j', (shape, hwc) => expect(heatmapGeometry(shape)).toEqual(hwc));

  it('NaN and Infinity are flagged, written as words, and get no heatmap', () => {
    const out = tensorOutput(
      tf.tensor2d([
        [NaN, 1],
        [Infinity, -Infinity],
      ]),
    );
    expect(out).toMatchObject({
      nonFinite: true,
      values: [
        ['NaN', 1],
        ['Infinity', '-Infinity'],
      ],
    });
    expect(out.heatmaps).toBeUndefined();
    expect(JSON.parse(JSON.stringify(out)).values).toEqual([
      ['NaN', 1],
      ['Infinity', '-Infinity'],
    ]);
  });

  it('bool and string tensors', () => {
    expect(tensorOutput(tf.tensor1d([true, false], 'bool'))).toMatchObject({ dtype: 'bool', values: [1, 0] });
    const s = tensorOutput(tf.tensor1d(['a', 'b'], 'string'));
    expect(s).toMatchObject({ dtype: 'string', values: ['a', 'b'] });
    expect(s.heatmaps).toBeUndefined();
  });

  it('a disposed tensor is an error, and inside a value it is summarised', () => {
    const t = tf.ones([2]);
    t.dispose();
    expect(() => toOutput(t)).toThrow(/already disposed/);
    expect(formatValue({ t }).text).toBe('{ t: Tensor(float32, [2]) (disposed) }');
  });
});

describe('console output', () => {
  it('joins arguments with spaces, strings unquoted, and keeps the stream', () => {
    expect(consoleOutput('warn', ['shape', [2, 3], { ok: true }])).toEqual({
      kind: 'text',
      text: 'shape [2, 3] { ok: true }',
      stream: 'warn',
    });
    expect(consoleOutput('log', ['x', NaN])).toEqual({
      kind: 'text',
      text: 'x NaN',
      stream: 'log',
      nonFinite: true,
    });
  });
});

describe('plot specs', () => {
  it('a good spec comes back as a plain copy', () => {
    const spec = {
      marks: [
        {
          mark: 'line',
          data: [{ layer: 1, norm: 0.5, net: 'relu' }],
          options: { x: 'layer', y: 'norm', stroke: 'net' },
        },
        { mark: 'ruleY', data: [{ y: 0 }] },
        { mark: 'barY', data: [1, 2] },
      ],
      x: { label: 'layer', type: 'linear', domain: [0, 10] },
      y: { type: 'log' },
      color: { legend: true },
      ariaLabel: 'Gradient norm per layer',
      height: 240,
    };
    expect(validatePlotSpec(spec)).toEqual(spec);
    expect(validatePlotSpec(spec)).not.toBe(spec);
  });

  it.each([
    [null, 'show.plot: expects an object'],
    [{ marks: [] }, 'show.plot: needs a non-empty "marks" array'],
    [
      { marks: [{ mark: 'area', data: [] }] },
      'marks[0].mark must be one of line, lineY, dot, barY, ruleY, cell, text (got "area")',
    ],
    [{ marks: [{ mark: 'line', data: 'abc' }] }, 'marks[0].data must be an array'],
    [{ marks: [{ mark: 'dot', data: [1, 2] }] }, 'only lineY and barY accept'],
    [{ marks: [{ mark: 'lineY', data: [1, NaN] }] }, 'marks[0].data[1] is NaN; a chart needs finite numbers'],
    [{ marks: [{ mark: 'line', data: [{ x: 1, y: Infinity }] }] }, 'marks[0].data[0].y is Infinity'],
    [
      { marks: [{ mark: 'line', data: [{ x: [1] }] }] },
      'marks[0].data[0].x must be a number, string, boolean or null',
    ],
    [{ marks: [{ mark: 'line', data: [], options: { y: () => 1 } }] }, 'functions cannot cross to the page'],
    [{ marks: [{ mark: 'line', data: [], colour: 'red' }] }, 'marks[0] has an unknown key "colour"'],
    [
      { marks: [{ mark: 'line', data: [] }], x: { type: 'sqrt' } },
      'x.type must be "linear", "log" or "band" (got "sqrt")',
    ],
    [{ marks: [{ mark: 'line', data: [] }], y: { domain: [0] } }, 'y.domain must be two finite numbers'],
    [
      { marks: [{ mark: 'line', data: [] }], height: 5 },
      'height must be a number of pixels between 40 and 1200',
    ],
    [{ marks: [{ mark: 'line', data: [] }], width: 5 }, 'unknown key "width"'],
    [{ marks: [{ mark: 'line', data: new Array(10_001).fill({ x: 1 }) }] }, 'at most 10000 can be drawn'],
  ])('refuses %j', (spec, message) => {
    expect(() => validatePlotSpec(spec)).toThrow(message);
    try {
      validatePlotSpec(spec);
    } catch (error) {
      expect((error as Error).name).toBe('PlotSpecError');
    }
  });
});
