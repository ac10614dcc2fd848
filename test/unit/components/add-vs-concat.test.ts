import { describe, expect, it } from 'vitest';
import {
  clean,
  computeFigure,
  defaultSettings,
  type Settings,
} from '../../../src/components/widgets/AddVsConcat/add-vs-concat';
import { english } from '../english';

const settings = (over: Partial<Settings>): Settings => ({ ...defaultSettings, ...over });
const ok = (s: Settings) => {
  const f = computeFigure(s);
  if (!f.ok) throw new Error(f.problems.map(english).join('; '));
  return f;
};

describe('add vs concat', () => {
  it('default: A = [1, 0, 3, 5], B = [9, 2, 1, 0]; the sum is the note’s 10 for (1, 9) and for (2, 8)', () => {
    const f = ok(defaultSettings);
    expect(f.sum.channels).toEqual([[10, 2, 4, 5]]);
    expect(f.aAlt).toEqual([2, 1, 4, 6]);
    expect(f.bAlt).toEqual([8, 1, 0, -1]);
    expect(f.concat.channels).toEqual([
      [1, 0, 3, 5],
      [9, 2, 1, 0],
    ]);
  });

  it('the sum cannot be undone, the concatenation can', () => {
    const f = ok(defaultSettings);
    expect(f.sum.recoverable).toBe(false);
    expect(f.concat.recoverable).toBe(true);
    expect([f.sum.weights, f.concat.weights]).toEqual([1, 2]);
  });

  it.each([
    // w_A, w_B, w: concat output on (A, B) and (A′, B′), sum output, concat tells the pairs apart, reproduces the sum
    ['1', '0.5', '1', [5.5, 1, 3.5, 5], [6, 1.5, 4, 5.5], [10, 2, 4, 5], true, false],
    ['1', '1', '1', [10, 2, 4, 5], [10, 2, 4, 5], [10, 2, 4, 5], false, true],
    ['2', '2', '1', [20, 4, 8, 10], [20, 4, 8, 10], [10, 2, 4, 5], false, false],
    ['0', '1', '-1', [9, 2, 1, 0], [8, 1, 0, -1], [-10, -2, -4, -5], true, false],
  ] as const)('w_A %s, w_B %s, w %s', (wa, wb, w, cat, catAlt, sum, tells, reproduces) => {
    const f = ok(settings({ wa, wb, w }));
    expect(f.concat.out).toEqual(cat);
    expect(f.concat.outAlt).toEqual(catAlt);
    expect(f.sum.out).toEqual(sum);
    expect(f.sum.outAlt).toEqual(sum);
    expect(f.sum.distinguishes).toBe(false);
    expect(f.concat.distinguishes).toBe(tells);
    expect(f.concatReproducesSum).toBe(reproduces);
  });

  it('decimals: 0.1 + 0.2 is shown as 0.3', () => {
    const f = ok(settings({ a: ['0.1', '0', '0', '0'], b: ['0.2', '0', '0', '0'] }));
    expect(f.sum.channels[0]![0]).toBe(0.3);
    expect(clean(0.1 + 0.2)).toBe(0.3);
  });

  it('accepts numbers as the browser binds them', () => {
    expect(ok(settings({ a: [1, 2, 3, 4], b: [4, 3, 2, 1], wa: 1, wb: 1, w: 1 })).sum.channels[0]).toEqual([
      5, 5, 5, 5,
    ]);
  });

  it.each<[string, Partial<Settings>, string, string]>([
    ['an empty cell', { a: ['1', '', '3', '5'] }, 'missingNumber', 'a2'],
    ['a word', { b: ['9', 'x', '1', '0'] }, 'missingNumber', 'b2'],
    ['too large', { b: ['9', '2', '1', '1000'] }, 'outOfRange', 'b4'],
    ['empty weight', { wb: '' }, 'missingNumber', 'wb'],
    ['infinite', { w: 'Infinity' }, 'outOfRange', 'w'],
  ])('%s → a problem naming the cell', (_l, over, code, what) => {
    const f = computeFigure(settings(over));
    expect(f.ok).toBe(false);
    if (f.ok) return;
    expect(f.problems[0]!.code).toBe(code);
    expect(f.problems[0]!.values.what).toBe(what);
  });
});
