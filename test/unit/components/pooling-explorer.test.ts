import { describe, expect, it } from 'vitest';
import {
  cellRole,
  computeFigure,
  defaultSettings,
  fromTensor,
  inputMap,
  maxDifference,
  moveSelection,
  toPoolArgs,
  type Settings,
} from '~/components/widgets/PoolingExplorer/pooling-explorer';

const settings = (over: Partial<Settings>): Settings => ({ ...defaultSettings, ...over });
const ok = (over: Partial<Settings>) => {
  const f = computeFigure(settings(over));
  if (!f.ok) throw new Error(f.problems.map((p) => p.code).join('; '));
  return f;
};

describe('inputMap', () => {
  it('is a fixed n × n grid of digits', () => {
    const x = inputMap(7);
    expect(x).toHaveLength(7);
    expect(
      x.every((row) => row.length === 7 && row.every((v) => Number.isInteger(v) && v >= 0 && v <= 9)),
    ).toBe(true);
    expect(inputMap(7)).toEqual(x);
  });
  it('a shift moves the pattern right and brings new values in on the left', () => {
    const a = inputMap(6, 0);
    const b = inputMap(6, 1);
    for (let i = 0; i < 6; i++) expect(b[i]!.slice(1)).toEqual(a[i]!.slice(0, 5));
  });
});

describe('computeFigure', () => {
  it.each([
    // n, k, s, ceil, o, other rounding's o, rest
    [7, 2, 2, false, 3, 4, 1],
    [7, 2, 2, true, 4, 3, 1],
    [6, 2, 2, false, 3, 3, 0],
    [7, 3, 2, false, 3, 3, 0],
    [8, 3, 2, true, 4, 3, 1],
    [5, 5, 1, false, 1, 1, 0],
  ])('n=%i k=%i s=%i ceil=%s → %i×%i (other %i), rest %i', (n, k, s, ceil, o, other, rest) => {
    const f = ok({ n, k, s, ceil });
    expect([f.result.oh, f.result.ow, f.otherO, f.rest]).toEqual([o, o, other, rest]);
  });

  it('max pooling keeps each window’s largest value, average its mean', () => {
    const max = ok({ mode: 'max' });
    const avg = ok({ mode: 'avg' });
    const w = max.input.slice(0, 2).flatMap((row) => row.slice(0, 2));
    expect(max.result.output[0]![0]).toBe(Math.max(...w));
    expect(avg.result.output[0]![0]).toBeCloseTo(w.reduce((a, b) => a + b, 0) / 4, 10);
  });

  it.each([
    [{ n: '' }, 'missing'],
    [{ n: '2.5' }, 'notInteger'],
    [{ k: '0' }, 'notPositive'],
    [{ s: '13' }, 'tooLarge'],
    [{ n: '3', k: '4' }, 'kernelTooLarge'],
  ])('%j is a problem (%s), never NaN', (over, code) => {
    const f = computeFigure(settings(over));
    expect(f.ok).toBe(false);
    if (!f.ok) expect(f.problems.map((p) => p.code)).toContain(code);
  });

  it('counts the outputs a one-pixel shift leaves unchanged', () => {
    expect(ok({ shift: 0 }).unchanged).toBeNull();
    const f = ok({ shift: 1, n: '8', k: '2', s: '2' });
    expect(f.unchanged).not.toBeNull();
    expect(f.unchanged!).toBeGreaterThanOrEqual(0);
    expect(f.unchanged!).toBeLessThanOrEqual(16);
  });
});

describe('worker round trip helpers', () => {
  it('builds HWC args and reads an o × o answer back', () => {
    const f = ok({});
    const args = toPoolArgs(f);
    expect(args.input.shape).toEqual([7, 7, 1]);
    expect(args).toMatchObject({ mode: 'max', k: 2, stride: 2, ceil: false });
    const back = fromTensor({ shape: [3, 3, 1], data: Float32Array.from(f.result.output.flat()) }, 3, 3);
    expect(back).toEqual(f.result.output);
    expect(maxDifference(back!, f.result.output)).toBe(0);
    expect(fromTensor({ shape: [4, 4, 1], data: new Float32Array(16) }, 3, 3)).toBeNull();
    expect(maxDifference([[1]], [[1, 2]])).toBe(Infinity);
  });
});

describe('cellRole and moveSelection', () => {
  it('marks the window, its winner and the cells the floor never reads', () => {
    const f = ok({ n: '7', k: '2', s: '2', mode: 'max' });
    const [wi, wj] = f.result.argmax[1]![1]!;
    expect(cellRole(f, 1, 1, wi, wj)).toBe('winner');
    const other = [2, 3]
      .flatMap((i) => [2, 3].map((j) => [i, j] as const))
      .find(([i, j]) => i !== wi || j !== wj)!;
    expect(cellRole(f, 1, 1, other[0], other[1])).toBe('window');
    expect(cellRole(f, 1, 1, 0, 0)).toBe('plain');
    expect(cellRole(f, 1, 1, 6, 0)).toBe('unread');
    expect(cellRole(f, 1, 1, 0, 6)).toBe('unread');
    const ceil = ok({ n: '7', k: '2', s: '2', ceil: true });
    expect(cellRole(ceil, 0, 0, 6, 6)).toBe('plain');
    expect(cellRole(ceil, 3, 3, 6, 6)).toBe('winner'); // the clipped 1×1 window
    expect(cellRole(ok({ mode: 'avg' }), 0, 0, 0, 0)).toBe('window');
  });
  it.each([
    ['ArrowRight', 0, 0, [0, 1]],
    ['ArrowRight', 0, 2, [0, 2]],
    ['ArrowDown', 2, 1, [2, 1]],
    ['ArrowUp', 1, 1, [0, 1]],
    ['Home', 1, 2, [1, 0]],
    ['End', 1, 0, [1, 2]],
    ['x', 1, 1, null],
  ])('%s from (%i, %i) on 3×3', (key, r, c, expected) =>
    expect(moveSelection(key, r, c, 3)).toEqual(expected),
  );
});
