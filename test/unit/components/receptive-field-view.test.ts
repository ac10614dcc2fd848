import { describe, expect, it } from 'vitest';
import {
  computeFigure,
  readLayers,
  stackPresets,
  type LayerFields,
} from '../../../src/components/widgets/ReceptiveField/receptive-field-view';

const f = (k: unknown, s: unknown = 1, p: unknown = 0, d: unknown = 1, kind: 'conv' | 'pool' = 'conv') =>
  ({ kind, k, s, p, d }) as LayerFields;

describe('readLayers', () => {
  it('reads typed fields as numbers; pooling ignores dilation', () => {
    expect(readLayers([f('3', '2', '1', '2'), f(2, 2, 0, null, 'pool')])).toEqual({
      ok: true,
      value: [
        { kind: 'conv', k: 3, s: 2, p: 1, d: 2 },
        { kind: 'pool', k: 2, s: 2, p: 0, d: 1 },
      ],
    });
  });
  it.each([
    [[f('', 1)], 'missing', 'conv1'],
    [[f(3, 0)], 'notPositive', 'conv1'],
    [[f(3), f(3, 1, -1)], 'negative', 'conv2'],
    [[f(3), f(2.5, 2, 0, 1, 'pool')], 'notInteger', 'pool1'],
    [[f(300)], 'tooLarge', 'conv1'],
  ])('%#: %s in %s', (fields, code, layer) => {
    const r = readLayers(fields);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems[0]!.code).toBe(code);
      expect(r.problems[0]!.values.layer).toBe(layer);
    }
  });
});

describe('computeFigure', () => {
  it.each(Object.entries(stackPresets))('preset %s is valid and drawable', (_k, preset) => {
    const r = computeFigure([...preset.layers], preset.n, 0, 0);
    expect(r.ok && r.value.drawable).toBe(true);
  });
  it('clamps the selection to the top grid and reports levels input-first', () => {
    const r = computeFigure([...stackPresets.twoThree.layers], 9, 99, -4);
    if (!r.ok) throw new Error('expected ok');
    expect([r.value.row, r.value.col]).toEqual([4, 0]);
    expect(r.value.levels.map((l) => [l.name, l.size])).toEqual([
      ['input', 9],
      ['conv1', 7],
      ['conv2', 5],
    ]);
    expect(r.value.levels[0]!.range).toEqual({ lo: 4, hi: 8 });
  });
  it.each([
    [0, 'notPositive'],
    [Number.NaN, 'missing'],
    [5000, 'tooLarge'],
    [3, 'kernelTooLarge'],
  ])('input size %d → %s', (n, code) => {
    const r = computeFigure([...stackPresets.twoThree.layers], n, 0, 0);
    expect(!r.ok && r.problems[0]!.code).toBe(code);
  });
  it('large inputs are computed but not drawn', () => {
    const r = computeFigure([...stackPresets.twoThree.layers], 200, 0, 0);
    expect(r.ok && r.value.drawable).toBe(false);
  });
});
