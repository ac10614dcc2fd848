import { describe, expect, it } from 'vitest';
import {
  checkSettings,
  defaults,
  formulaTex,
  inputValues,
  kernelValues,
  overlapsOf,
  overlapShade,
  overlapSummary,
  stepOfCell,
  stepView,
  type Settings,
} from '~/components/widgets/TransposedConv/transposed-conv';
import { referenceConvTranspose } from '~/lib/cnn';

const withS = (patch: Partial<Settings>): Settings => ({ ...defaults, ...patch });

describe('checkSettings', () => {
  it('accepts the defaults and the corners of the ranges', () => {
    expect(checkSettings(defaults)).toEqual([]);
    expect(checkSettings(withS({ i: 5, k: 5, s: 3, p: 4, a: 2 }))).toEqual([]);
    expect(checkSettings(withS({ i: 1, k: 1, s: 1, p: 0, a: 0 }))).toEqual([]);
  });
  it.each([
    [{ i: Number.NaN }, 'missing'],
    [{ k: 2.5 }, 'notInteger'],
    [{ s: 0 }, 'notPositive'],
    [{ p: -1 }, 'negative'],
    [{ i: 9 }, 'outOfRange'],
    [{ s: 4 }, 'outOfRange'],
    [{ a: 2, s: 2 }, 'outputPaddingTooLarge'],
    [{ i: 1, k: 2, s: 1, p: 1 }, 'paddingTooLarge'],
  ] as const)('%j → %s', (patch, code) => {
    expect(checkSettings(withS(patch)).map((p) => p.code)).toContain(code);
  });
});

describe('values', () => {
  it('ones mode is all ones; integers mode has several distinct values', () => {
    expect(inputValues(2, 'ones')).toEqual([
      [1, 1],
      [1, 1],
    ]);
    expect(new Set(inputValues(3, 'integers').flat()).size).toBe(3);
    expect(new Set(kernelValues(3, 'integers').flat())).toEqual(new Set([-1, 0, 1, 2]));
  });
});

describe('stepView: the scatter one input cell at a time', () => {
  it('step 0 is all zeros with nothing current; the last step is the full reference', () => {
    const s = defaults;
    const v0 = stepView(s, 0);
    expect(v0.o).toBe(7);
    expect(v0.current).toBeNull();
    expect(v0.partial.flat().every((x) => x === 0)).toBe(true);
    const full = stepView(s, 99);
    const ref = referenceConvTranspose([inputValues(3, s.values)], [[kernelValues(3, s.values)]], [0], 2, 0);
    if (!ref.ok) throw new Error('expected ok');
    expect(full.partial).toEqual(ref.value[0]);
    expect(full.current).toEqual({ r: 2, c: 2 });
  });
  it('step t adds exactly the current cell’s scaled kernel copy to step t − 1', () => {
    const s = withS({ i: 3, k: 3, s: 2, p: 1, a: 1 });
    for (let t = 1; t <= 9; t++) {
      const before = stepView(s, t - 1).partial;
      const now = stepView(s, t);
      now.partial.forEach((row, y) =>
        row.forEach((v, x) => expect(v).toBeCloseTo(before[y]![x]! + (now.copy[y]![x] ?? 0), 12)),
      );
    }
  });
  it('the footprint of cell (1, 2) with k = 3, s = 2, p = 0 is rows 2–4, columns 4–6', () => {
    const v = stepView(defaults, stepOfCell(1, 2, 3));
    expect(v.current).toEqual({ r: 1, c: 2 });
    expect(v.footprint).toEqual({ top: 2, left: 4, bottom: 4, right: 6 });
    expect(v.copy[3]![5]).toBe(inputValues(3, 'integers')[1]![2]! * kernelValues(3, 'integers')[1]![1]!);
  });
  it('with ones everywhere the full output equals the overlap counts', () => {
    const s = withS({ values: 'ones', k: 3, s: 2 });
    expect(stepView(s, 9).partial).toEqual(overlapsOf(s)!.grid);
    expect(overlapsOf(s)!.uneven).toBe(true);
    expect(overlapsOf(withS({ k: 4, s: 2 }))!.uneven).toBe(false);
  });
});

describe('overlapShade', () => {
  it.each([
    [0, 4, 0],
    [2, 4, 50],
    [4, 4, 100],
    [1, 0, 0],
  ])('%i of %i → %i%%', (c, m, pct) => expect(overlapShade(c, m)).toBe(pct));
});

describe('overlapSummary and formulaTex', () => {
  it.each([
    [{ k: 3, s: 2 }, 'uneven', [1, 2, 4]],
    [{ k: 4, s: 2 }, 'even', [4]],
    [{ i: 1, k: 2, s: 2 }, 'none', []],
  ] as const)('%j → %s %j', (patch, kind, counts) => {
    const o = overlapsOf(withS(patch));
    if (!o) throw new Error('expected a pattern');
    const sum = overlapSummary(o);
    expect(sum.kind).toBe(kind);
    expect(sum.counts).toEqual(counts);
  });
  it('fills the formula with the current numbers', () => {
    expect(formulaTex(withS({ i: 3, k: 3, s: 2, p: 1, a: 1 }), 6)).toBe(
      '\\begin{aligned} o &= s(i-1) + a + k - 2p \\\\ &= 2\\cdot(3-1) + 1 + 3 - 2\\cdot 1 = 6 \\end{aligned}',
    );
  });
});
