import { describe, expect, it } from 'vitest';
import { ratioDigits, subscript, texNumber } from '~/components/widgets/shared/format';

describe('ratioDigits', () => {
  it.each([
    [1, 2],
    [8.94, 2],
    [9.999, 2],
    [10, 1],
    [42.65, 1],
    [99.9, 1],
    [100, 0],
    [31_700.4, 0],
  ])('%d → %d decimals', (r, d) => expect(ratioDigits(r)).toBe(d));
});

describe('texNumber', () => {
  it.each([
    [0, '0'],
    [64, '64'],
    [304, '304'],
    [1000, '1{,}000'],
    [1_234_567, '1{,}234{,}567'],
    [9_636_928, '9{,}636{,}928'],
    [698_821_855_872, '698{,}821{,}855{,}872'],
    [1.5, '1.5'],
    [0.72, '0.72'],
  ])('%d → %s', (n, tex) => expect(texNumber(n)).toBe(tex));
});

describe('subscript', () => {
  it.each([
    [0, '₀'],
    [1, '₁'],
    [12, '₁₂'],
    [128, '₁₂₈'],
    [4096, '₄₀₉₆'],
  ])('%i → %s', (n, s) => expect(subscript(n)).toBe(s));
});
