import { describe, expect, it } from 'vitest';
import {
  agrees,
  biasKey,
  buildInput,
  buildKernels,
  checkSettings,
  defaultSettings,
  DEFAULT_SEED,
  formatFactor,
  formatValue,
  hashUnit,
  heatColor,
  inputKey,
  inWindow,
  kernelKey,
  maxAbs,
  newSeed,
  positionOf,
  readCell,
  type Settings,
} from '~/components/widgets/ConvolutionExplorer/convolution-explorer';
import { english } from '../english';

describe('settings, checked with the conv arithmetic', () => {
  const settings = (over: Partial<Settings>): Settings => ({ ...defaultSettings, ...over });

  it('the default: 6×6×3 → 6×6×2 with 3·3·3·2 + 2 = 56 parameters', () => {
    const c = checkSettings(defaultSettings);
    expect(c).toMatchObject({ ok: true, k: 3, s: 1, p: 1, cOut: 2, o: 6, warnings: [] });
    expect(c.ok && c.params).toEqual({ weights: 54, biases: 2, total: 56 });
  });

  it.each([
    [5, 1, 2, 4, 6, 5 * 5 * 3 * 4 + 4],
    [1, 1, 0, 1, 6, 4],
    [3, 2, 0, 3, 2, 84],
    [4, 3, 2, 2, 3, 98],
  ])('k=%i s=%i p=%i C_out=%i → o=%i, %i parameters', (k, s, p, cOut, o, total) => {
    const c = checkSettings({ k, s, p, cOut });
    expect(c.ok && [c.o, c.params.total]).toEqual([o, total]);
  });

  it('warns about uneven tiling and padding at least the kernel size', () => {
    const tiling = checkSettings(settings({ s: 2, p: 0 }));
    expect(tiling.ok && tiling.warnings.map((w) => w.code)).toEqual(['doesNotTile']);
    const pad = checkSettings(settings({ k: 1, p: 1 }));
    expect(pad.ok && pad.warnings.map((w) => w.code)).toEqual(['paddingTooLarge']);
  });

  it.each([
    [{ k: 6 }, 'tooLarge', 'Kernel size k is too large (at most 5).'],
    [{ s: 0 }, 'notPositive', 'Stride s must be at least 1 (it is 0).'],
    [{ p: -1 }, 'negative', 'Padding p cannot be negative (it is -1).'],
    [{ cOut: 2.5 }, 'notInteger', 'Output channels C_out must be a whole number, not 2.5.'],
    [{ cOut: 5 }, 'tooLarge', 'Output channels C_out is too large (at most 4).'],
    [{ k: '' }, 'missing', 'Kernel size k is not a number: type a whole number.'],
    [{ p: null }, 'missing', 'Padding p is not a number: type a whole number.'],
  ])('%o is a problem (%s), never NaN', (over, code, message) => {
    const c = checkSettings(settings(over as Partial<Settings>));
    expect(c.ok).toBe(false);
    expect(!c.ok && c.problems.map((p) => [p.code, english(p)])).toEqual([[code, message]]);
  });
});

describe('seeded values', () => {
  it('are deterministic, whole, and in range', () => {
    const a = buildInput(DEFAULT_SEED);
    expect(buildInput(DEFAULT_SEED)).toEqual(a);
    expect(buildInput(DEFAULT_SEED + 1)).not.toEqual(a);
    expect([a.length, a[0]!.length, a[0]![0]!.length]).toEqual([3, 6, 6]);
    const flat = a.flat(2);
    expect(flat.every((v) => Number.isInteger(v) && v >= 0 && v <= 4)).toBe(true);
    expect(new Set(flat).size).toBeGreaterThan(3);
    const { kernels, bias } = buildKernels(DEFAULT_SEED, 2, 3);
    expect(kernels.flat(3).every((v) => Number.isInteger(v) && v >= -2 && v <= 2)).toBe(true);
    expect(bias.every((v) => Number.isInteger(v) && v >= -1 && v <= 1)).toBe(true);
    expect(hashUnit(1, 2, 3)).toBe(hashUnit(1, 2, 3));
    expect(hashUnit(1, 2, 3)).not.toBe(hashUnit(1, 3, 2));
  });

  it('a kernel keeps its weights when k or C_out changes, and edits win', () => {
    const small = buildKernels(5, 2, 3);
    const big = buildKernels(5, 4, 5);
    expect(big.kernels[1]![2]!.slice(0, 3).map((row) => row.slice(0, 3))).toEqual(small.kernels[1]![2]);
    expect(big.bias.slice(0, 2)).toEqual(small.bias);
    const edited = buildKernels(5, 2, 3, { [kernelKey(1, 0, 2, 2)]: 9, [biasKey(0)]: -7 });
    expect(edited.kernels[1]![0]![2]![2]).toBe(9);
    expect(edited.bias[0]).toBe(-7);
    expect(buildInput(5, { [inputKey(2, 5, 0)]: 1.5 })[2]![5]![0]).toBe(1.5);
    expect(newSeed(() => 0.5)).toBe(2 ** 30);
  });
});

describe('display helpers', () => {
  it('formats values with a real minus sign, at most 2 decimals, no −0', () => {
    expect(formatValue(-3)).toBe('−3');
    expect(formatValue(1.25)).toBe('1.25');
    expect(formatValue(2 / 3)).toBe('0.67');
    expect(formatValue(-0.001)).toBe('0');
    expect(formatValue(-0)).toBe('0');
    expect(formatFactor(-2)).toBe('(−2)');
    expect(formatFactor(4)).toBe('4');
  });

  it('reads typed cells: finite, within ±99, rounded to 2 decimals', () => {
    expect(readCell('9.5')).toBe(9.5);
    expect(readCell('-1.234')).toBe(-1.23);
    expect(readCell('abc')).toBeNull();
    expect(readCell('')).toBeNull();
    expect(readCell('100')).toBeNull();
    expect(readCell(3)).toBe(3);
  });

  it('positions run row by row over the output', () => {
    expect(positionOf(0, 6)).toEqual([0, 0]);
    expect(positionOf(7, 6)).toEqual([1, 1]);
    expect(positionOf(99, 6)).toEqual([5, 5]);
    expect(inWindow(2, 3, 1, 1, 3, 2)).toBe(true);
    expect(inWindow(1, 3, 1, 1, 3, 2)).toBe(false);
    expect(inWindow(4, 4, 1, 1, 3, 2)).toBe(true);
    expect(inWindow(5, 4, 1, 1, 3, 2)).toBe(false);
  });

  it('heatmap colours: neutral at 0, red for positive, blue for negative; dark text stays readable', () => {
    expect(heatColor(0, 10)).toBe('rgb(247, 247, 247)');
    expect(heatColor(10, 10)).toBe('rgb(214, 96, 77)');
    expect(heatColor(-20, 10)).toBe('rgb(67, 147, 195)');
    expect(heatColor(5, 0)).toBe('rgb(247, 247, 247)');
    const luminance = (css: string) => {
      const [r, g, b] = css.match(/\d+/g)!.map((v) => {
        const c = Number(v) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const text = luminance('rgb(17, 17, 17)');
    for (const v of [-10, -5, 0, 5, 10])
      expect((luminance(heatColor(v, 10)) + 0.05) / (text + 0.05)).toBeGreaterThan(4.5);
    expect(
      maxAbs([
        [
          [1, -7],
          [3, 2],
        ],
      ]),
    ).toBe(7);
  });

  it('agreement allows float32 rounding, not real differences', () => {
    expect(agrees(0, 100)).toBe(true);
    expect(agrees(0.05, 100)).toBe(true);
    expect(agrees(0.5, 100)).toBe(false);
    expect(agrees(0.0005, 0)).toBe(true);
  });
});
