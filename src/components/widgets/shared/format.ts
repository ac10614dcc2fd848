/** Number display shared by widgets (the locale-aware formatting itself is i18n's `formatNumber`). */
import { formatNumber } from '~/i18n/number-format';

/** Decimals worth showing for a ratio: 2 below 10 (8.94×), 1 below 100 (42.7×), none above. */
export function ratioDigits(ratio: number): number {
  return ratio < 10 ? 2 : ratio < 100 ? 1 : 0;
}

/**
 * A number for TeX, thousands grouped with `{,}` (a comma without the space math mode would add)
 * and at most four decimals: 9636928 → "9{,}636{,}928", 0.72 → "0.72".
 */
export function texNumber(value: number): string {
  return formatNumber('en', value, 4).replace(/,/g, '{,}');
}

const SUBSCRIPT_DIGITS = '₀₁₂₃₄₅₆₇₈₉';

/** A whole number in Unicode subscript digits, for labels such as y₁, b₂ and x₁₂₈: 128 → "₁₂₈". */
export function subscript(n: number): string {
  return String(n).replace(/\d/g, (d) => SUBSCRIPT_DIGITS[Number(d)]!);
}
