import { describe, expect, it } from 'vitest';
import {
  backendName,
  channelOf,
  formatCellNumber,
  formatHeatValue,
  formatNested,
  formatScalar,
  heatmapNumbered,
  heatmapRows,
  heatScale,
  parseOutputs,
  valueMatrix,
} from '~/components/notebook/cell-format';
import { editKey, hashCode, readEdit, writeEdit, type EditStorage } from '~/components/notebook/cell-storage';
import { lineAndColumn } from '~/components/notebook/caret';

describe('formatCellNumber', () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [42, '42'],
    [-7, '−7'],
    [0.123456, '0.1235'],
    [-0.5, '−0.5'],
    [1234.5678, '1235'],
    [2.5e-7, '2.5e−7'],
    [1e-7, '1e−7'],
    [-3.14159e20, '−3.142e20'],
    [1e21, '1e21'],
    [0.0001, '0.0001'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, '∞'],
    [Number.NEGATIVE_INFINITY, '−∞'],
  ])('%s → %s', (value, text) => {
    expect(formatCellNumber(value)).toBe(text);
  });
});

describe('formatHeatValue and formatScalar', () => {
  it.each([
    [0.07275, '0.07'],
    [-0.4268, '−0.43'],
    [-0.004, '0'],
    [1.5, '1.5'],
    [12, '12'],
  ])('heat %s → %s', (value, text) => {
    expect(formatHeatValue(value)).toBe(text);
  });
  it.each([
    [null, 'null'],
    [true, 'true'],
    ['NaN', 'NaN'],
    [-2, '−2'],
  ] as const)('scalar %s → %s', (value, text) => {
    expect(formatScalar(value)).toBe(text);
  });
});

describe('valueMatrix and formatNested', () => {
  it.each([
    ['a scalar', 3, [[3]]],
    ['a vector', [1, 2], [[1, 2]]],
    [
      'a matrix',
      [
        [1, 2],
        [3, 4],
      ],
      [
        [1, 2],
        [3, 4],
      ],
    ],
    ['non-finite values as strings', [1, 'NaN'], [[1, 'NaN']]],
    ['ragged rows', [[1], [2, 3]], null],
    ['three dimensions', [[[1]]], null],
    ['an empty matrix', [], [[]]],
    ['an object', { a: 1 }, null],
  ])('%s', (_name, values, expected) => {
    expect(valueMatrix(values)).toEqual(expected);
  });
  it('writes 3-D values as nested text with real minus signs', () => {
    expect(formatNested([[[1, -2]], [[0.5, 3]]])).toBe('[[[1, −2]], [[0.5, 3]]]');
  });
});

describe('heatmaps', () => {
  const map = {
    label: 'channel 1',
    channel: 1,
    rows: 2,
    cols: 3,
    data: [1, -4, 2, 0, 3, -1],
    min: -4,
    max: 3,
  };
  it('scales colours by the largest |value| and splits rows', () => {
    expect(heatScale(map)).toBe(4);
    expect(heatScale({ min: 0, max: 0 })).toBe(0);
    expect(heatmapRows(map)).toEqual([
      [1, -4, 2],
      [0, 3, -1],
    ]);
  });
  it.each([
    [12, 12, true],
    [12, 13, false],
    [64, 1, false],
    [1, 1, true],
  ])('%i × %i printed with numbers: %s', (rows, cols, numbered) => {
    expect(heatmapNumbered({ rows, cols })).toBe(numbered);
  });
  it.each([
    ['channel 3', 3],
    [' channel 12 ', 12],
    ['', null],
    ['channel x', null],
  ])('channel of %j is %s', (label, channel) => {
    expect(channelOf(label)).toBe(channel);
  });
});

describe('backendName and parseOutputs', () => {
  it('names the backend', () => {
    expect(backendName('webgl')).toBe('WebGL');
    expect(backendName('cpu')).toBe('CPU');
    expect(backendName(undefined)).toBe('CPU');
  });
  it.each([
    [undefined, []],
    ['', []],
    ['not json', []],
    ['{"kind":"text"}', []],
    ['[{"kind":"value","text":"1"}]', [{ kind: 'value', text: '1' }]],
  ])('%j → %j', (json, outputs) => {
    expect(parseOutputs(json)).toEqual(outputs);
  });
});

describe('edits kept on the device', () => {
  const memory = (): EditStorage & { data: Map<string, string> } => {
    const data = new Map<string, string>();
    return {
      data,
      getItem: (k) => data.get(k) ?? null,
      setItem: (k, v) => void data.set(k, v),
      removeItem: (k) => void data.delete(k),
    };
  };

  it('hashes with FNV-1a (known vectors)', () => {
    expect(hashCode('')).toBe('811c9dc5');
    expect(hashCode('a')).toBe('e40c292c');
    expect(hashCode('foobar')).toBe('bf9cf968');
  });

  it('keys by page, cell and the author’s code', () => {
    const key = editKey('/lessons/01/', 2, 'x = 1');
    expect(key).toBe(editKey('/lessons/01/', 2, 'x = 1'));
    expect(key).not.toBe(editKey('/lessons/01/', 3, 'x = 1'));
    expect(key).not.toBe(editKey('/ko/lessons/01/', 2, 'x = 1'));
    expect(key).not.toBe(editKey('/lessons/01/', 2, 'x = 2'));
  });

  it('saves an edit, and forgets it when the text is the author’s again', () => {
    const s = memory();
    writeEdit(s, 'k', 'edited', 'author');
    expect(readEdit(s, 'k')).toBe('edited');
    writeEdit(s, 'k', 'author', 'author');
    expect(readEdit(s, 'k')).toBeNull();
    expect(s.data.size).toBe(0);
  });

  it('survives storage that is missing or throws', () => {
    const broken: EditStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(readEdit(broken, 'k')).toBeNull();
    expect(() => writeEdit(broken, 'k', 'x', 'y')).not.toThrow();
    expect(readEdit(null, 'k')).toBeNull();
  });
});

describe('lineAndColumn', () => {
  it.each([
    ['', { line: 0, col: 0 }],
    ['abc', { line: 0, col: 3 }],
    ['a\nbc', { line: 1, col: 2 }],
    ['a\n', { line: 1, col: 0 }],
  ])('%j → %j', (text, position) => {
    expect(lineAndColumn(text)).toEqual(position);
  });
});
