/** Number display shared by widgets (the locale-aware formatting itself is i18n's `formatNumber`). */

/** Decimals worth showing for a ratio: 2 below 10 (8.94×), 1 below 100 (42.7×), none above. */
export function ratioDigits(ratio: number): number {
  return ratio < 10 ? 2 : ratio < 100 ? 1 : 0;
}
