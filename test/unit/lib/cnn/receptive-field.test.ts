import { describe, expect, it } from 'vitest';
import {
  clipRange,
  dependencyRanges,
  fieldGrowth,
  readMask,
  stackNames,
  stackSizes,
  type StackLayer,
} from '~/lib/cnn/receptive-field';
import { receptiveField } from '~/lib/cnn/formulas';

const conv = (k: number, s = 1, p = 0, d = 1): StackLayer => ({ kind: 'conv', k, s, p, d });
const pool = (k: number, s = k, p = 0): StackLayer => ({ kind: 'pool', k, s, p, d: 1 });

describe('fieldGrowth (hand-derived)', () => {
  it.each([
    ['two 3×3', [conv(3), conv(3)], [1, 3, 5]],
    ['three 3×3', [conv(3), conv(3), conv(3)], [1, 3, 5, 7]],
    ['one 5×5', [conv(5)], [1, 5]],
    ['dilated 3×3, d=2', [conv(3, 1, 0, 2)], [1, 5]],
    ['3×3 d=1,2,4 (exponential)', [conv(3), conv(3, 1, 0, 2), conv(3, 1, 0, 4)], [1, 3, 7, 15]],
    ['VGG block', [conv(3, 1, 1), conv(3, 1, 1), pool(2)], [1, 3, 5, 6]],
    ['AlexNet head', [conv(11, 4), pool(3, 2), conv(5, 1, 2), pool(3, 2)], [1, 11, 19, 51, 67]],
    ['empty', [], [1]],
  ])('%s', (_n, layers, growth) => {
    expect(fieldGrowth(layers)).toEqual(growth);
    expect(fieldGrowth(layers).at(-1)).toBe(receptiveField(layers).r);
  });
});

describe('dependencyRanges', () => {
  it('two 3×3 on 7: top unit 1 depends on 1–3 in the middle layer and 1–5 in the input', () => {
    expect(dependencyRanges([conv(3), conv(3)], 1)).toEqual([
      { lo: 1, hi: 5 },
      { lo: 1, hi: 3 },
      { lo: 1, hi: 1 },
    ]);
  });
  it('stride and padding: conv 3 s2 p1, unit 0 reaches one cell into the padding', () => {
    expect(dependencyRanges([conv(3, 2, 1)], 0)).toEqual([
      { lo: -1, hi: 1 },
      { lo: 0, hi: 0 },
    ]);
    expect(dependencyRanges([conv(3, 2, 1)], 2)).toEqual([
      { lo: 3, hi: 5 },
      { lo: 2, hi: 2 },
    ]);
  });
  it.each([
    [[conv(3), conv(3)], 0],
    [[conv(11, 4), pool(3, 2), conv(5, 1, 2), pool(3, 2)], 3],
    [[conv(3, 1, 0, 2), conv(3, 2)], 2],
  ])('input range width equals the receptive field (%#)', (layers, u) => {
    const r = dependencyRanges(layers, u)[0]!;
    expect(r.hi - r.lo + 1).toBe(fieldGrowth(layers).at(-1));
  });
});

describe('readMask', () => {
  it('dilated 3×3 (d=2) reads every other cell of its 5-wide window', () => {
    expect(readMask([conv(3, 1, 0, 2)], 0, 0)).toEqual([true, false, true, false, true]);
  });
  it('a 3×3 then a dilated 3×3 (d=2) covers its whole 7-wide window', () => {
    expect(readMask([conv(3), conv(3, 1, 0, 2)], 0, 0)).toEqual([true, true, true, true, true, true, true]);
  });
  it('ordinary stacks read the whole window', () => {
    expect(readMask([conv(3), conv(3)], 2, 0).every(Boolean)).toBe(true);
  });
  it('stride 2 with kernel 1 skips cells', () => {
    expect(readMask([conv(1, 2), conv(3)], 0, 0)).toEqual([true, false, true, false, true]);
  });
});

describe('stackSizes', () => {
  it.each([
    [[conv(3), conv(3)], 9, [9, 7, 5]],
    [[conv(3, 1, 1), conv(3, 1, 1), pool(2)], 8, [8, 8, 8, 4]],
    [[conv(11, 4), pool(3, 2)], 35, [35, 7, 3]],
    [[conv(3, 1, 0, 2)], 9, [9, 5]],
  ])('%#', (layers, n, sizes) => expect(stackSizes(layers, n)).toEqual({ ok: true, value: sizes }));

  it.each([
    ['kernel too large in layer 2', [conv(3), conv(5)], 5, 'kernelTooLarge', 'conv2'],
    ['stride 0', [conv(3, 0)], 9, 'notPositive', 'conv1'],
    ['non-integer kernel', [conv(2.5)], 9, 'notInteger', 'conv1'],
    ['pool too large', [conv(3), pool(9)], 9, 'kernelTooLarge', 'pool1'],
  ])('%s', (_n, layers, n, code, layer) => {
    const r = stackSizes(layers, n);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems[0]!.code).toBe(code);
      expect(r.problems[0]!.values.layer).toBe(layer);
    }
  });
  it('an empty stack is a problem', () => expect(stackSizes([], 5).ok).toBe(false));
});

describe('helpers', () => {
  it.each([
    [{ lo: -1, hi: 1 }, 5, { lo: 0, hi: 1 }],
    [{ lo: 3, hi: 9 }, 5, { lo: 3, hi: 4 }],
    [{ lo: 6, hi: 9 }, 5, null],
  ])('clipRange(%j, %i)', (r, size, want) => expect(clipRange(r, size)).toEqual(want));
  it('names layers per kind', () =>
    expect(stackNames([conv(3), pool(2), conv(3)])).toEqual(['conv1', 'pool1', 'conv2']));
});
