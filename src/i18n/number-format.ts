/**
 * Number formatting for the course's two locales without `Intl` (issue 12): the first
 * `Intl.NumberFormat` a page makes costs ~60 ms of main thread for ICU to load its data, on every
 * page with a widget. These functions give exactly the text `Intl.NumberFormat` gives for en-US
 * and ko-KR with the option sets the course uses (checked against Node's Intl over edge cases and
 * thousands of values in test/unit/i18n/number-format.test.ts). Both locales write numbers the
 * same way — ',' groups of three, '.' before decimals, '-' before a negative (also before a
 * negative that rounds to 0, and before −0), "∞", "NaN" — except in compact form.
 *
 * Like ICU, every function rounds the shortest decimal that reads back as the same double (the
 * digits of `String(x)`), half away from zero: 1.005 to two decimals is "1.01", where
 * `(1.005).toFixed(2)` gives "1.00" because it rounds the binary value 1.00499999….
 */
import type { Locale } from './translate';

/** A non-negative decimal 0.d₁d₂… × 10^point; `digits` has no leading or trailing zeros ('' is 0). */
interface Decimal {
  digits: string;
  point: number;
}

const ZERO: Decimal = { digits: '', point: 0 };

/** The shortest round-trip decimal of a finite |x| (the digits `String` prints, exponent included). */
function decimalOf(x: number): Decimal {
  const [mantissa = '', exponent = '0'] = String(Math.abs(x)).split('e');
  const [whole = '', fraction = ''] = mantissa.split('.');
  const all = whole + fraction;
  const lead = all.search(/[1-9]/);
  if (lead < 0) return ZERO;
  return { digits: all.slice(lead).replace(/0+$/, ''), point: whole.length + Number(exponent) - lead };
}

/** Power of ten of the leading digit (1234.5 → 3); 0 for zero. */
function magnitude(d: Decimal): number {
  return d.digits === '' ? 0 : d.point - 1;
}

/** d × 10^shift, exactly (the decimal point moves; no floating-point product). */
function shift(d: Decimal, by: number): Decimal {
  return d.digits === '' ? d : { digits: d.digits, point: d.point + by };
}

/** d with only its first `keep` digits, rounded half away from zero (keep ≤ 0 leaves 0 or one unit). */
function roundDigits(d: Decimal, keep: number): Decimal {
  if (keep >= d.digits.length) return d;
  if (keep < 0) return ZERO;
  const up = d.digits.charCodeAt(keep) >= 53; // '5'
  let kept = d.digits.slice(0, keep);
  let point = d.point;
  if (up) {
    let i = kept.length - 1;
    while (i >= 0 && kept[i] === '9') i--;
    if (i < 0) {
      kept = '1';
      point += 1;
    } else {
      kept = kept.slice(0, i) + String(Number(kept[i]) + 1);
    }
  }
  const digits = kept.replace(/0+$/, '');
  return digits === '' ? ZERO : { digits, point };
}

/** d rounded to `fraction` decimals. */
function roundFraction(d: Decimal, fraction: number): Decimal {
  return roundDigits(d, d.point + fraction);
}

/**
 * d as digits: the integer part grouped by threes with ',' once it has at least `groupFrom` digits
 * (4 in standard notation, 5 in compact: ICU's minimum grouping "min2"), then '.' and the decimals,
 * padded with zeros to `minFraction`.
 */
function render(d: Decimal, minFraction: number, groupFrom: number): string {
  const { digits, point } = d;
  const whole = point > 0 ? digits.slice(0, point).padEnd(point, '0') : '0';
  const fraction = (point >= 0 ? digits.slice(point) : '0'.repeat(-point) + digits).padEnd(minFraction, '0');
  const grouped = whole.length >= groupFrom ? whole.replace(/\B(?=(\d{3})+$)/g, ',') : whole;
  return fraction === '' ? grouped : `${grouped}.${fraction}`;
}

/**
 * The sign and text of x: "NaN", "∞"/"-∞", or `digits(decimal of |x|)` after '-' when x is
 * negative or −0 (ICU keeps the sign of a negative that rounds to zero: -0.001 → "-0").
 */
function signed(x: number, digits: (d: Decimal) => string): string {
  if (Number.isNaN(x)) return 'NaN';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  return sign + (Number.isFinite(x) ? digits(decimalOf(x)) : '∞');
}

/** An Intl digit option: RangeError outside [min, max] or for NaN (as Intl), otherwise ⌊value⌋. */
function digitOption(value: number, min: number, max: number, name: string): number {
  if (!(value >= min && value <= max)) throw new RangeError(`${name} value is out of range.`);
  return Math.floor(value);
}

/**
 * A number with grouping separators and between `minDigits` and `maxDigits` decimals, trailing
 * zeros beyond `minDigits` dropped — `Intl.NumberFormat(tag, { maximumFractionDigits: maxDigits,
 * minimumFractionDigits: minDigits })`: 1234.5 → "1,234.5", 1.005 with 2 → "1.01", 0.4 with 0 →
 * "0", 2.5 with 0 → "3", -0.001 with 2 → "-0", 1e21 → "1,000,000,000,000,000,000,000".
 * The same in both locales.
 */
export function formatNumber(locale: Locale, value: number, maxDigits = 0, minDigits = 0): string {
  void locale; // en-US and ko-KR write standard numbers alike
  const max = digitOption(maxDigits, 0, 100, 'maximumFractionDigits');
  const min = digitOption(minDigits, 0, max, 'minimumFractionDigits');
  return signed(value, (d) => render(roundFraction(d, max), min, 4));
}

/**
 * A number rounded to at most `digits` significant digits, trailing zeros dropped, grouped —
 * `Intl.NumberFormat(tag, { maximumSignificantDigits: digits })`: 1234 with 2 → "1,200", 0.01234 →
 * "0.012", 999 → "1,000", 1e-7 → "0.0000001". The same in both locales.
 */
export function formatSignificant(locale: Locale, value: number, digits: number): string {
  void locale;
  const keep = digitOption(digits, 1, 21, 'maximumSignificantDigits');
  return signed(value, (d) => render(roundDigits(d, keep), 0, 4));
}

/**
 * Power-of-ten exponent a compact unit divides by, for a value whose leading digit is 10^m:
 * English K/M/B/T steps by 10³ (m ≥ 15 stays in T); Korean counts 천 (10³), then 만 (10⁴), 억 (10⁸)
 * and 조 (10¹², also for m ≥ 16). Below 10³ there is no unit (0).
 */
function compactUnit(locale: Locale, m: number): number {
  if (m < 3) return 0;
  if (locale === 'en') return 3 * Math.min(Math.floor(m / 3), 4);
  return m < 4 ? 3 : 4 * Math.min(Math.floor(m / 4), 3);
}

const COMPACT_SUFFIX: Record<Locale, Record<number, string>> = {
  en: { 0: '', 3: 'K', 6: 'M', 9: 'B', 12: 'T' },
  ko: { 0: '', 3: '천', 4: '만', 8: '억', 12: '조' },
};

/**
 * A count in short form with at most one decimal — `Intl.NumberFormat(tag, { notation: 'compact',
 * maximumFractionDigits: 1 })`. The value is divided by its unit (English 10³ K, 10⁶ M, 10⁹ B,
 * 10¹² T; Korean 10³ 천, 10⁴ 만, 10⁸ 억, 10¹² 조) and rounded; when rounding reaches the next unit
 * the next unit is used (999,999 → "1M", 9,999 → "1만"). The integer part is grouped only from five
 * digits: 60,965,224 → "61M" / "6096.5만", 10¹⁵ → "1000T" / "1000조", 10¹⁶ → "10,000T" / "10,000조";
 * below 1000 no unit: 999.94 → "999.9", 0.05 → "0.1".
 */
export function formatCompact(locale: Locale, value: number): string {
  return signed(value, (d) => {
    // As ICU: round in the unit of the unrounded value; if that carried into a higher power of
    // ten whose unit differs, rescale the rounded value to that unit and round again.
    const m = magnitude(d);
    let unit = compactUnit(locale, m);
    let r = roundFraction(shift(d, -unit), 1);
    if (r.digits !== '' && magnitude(r) !== m - unit) {
      const next = compactUnit(locale, m + 1);
      if (next !== unit) {
        r = roundFraction(shift(r, unit - next), 1);
        unit = next;
      }
    }
    return render(r, 0, 5) + COMPACT_SUFFIX[locale][unit];
  });
}

/**
 * A share as a percentage with exactly `digits` decimals — `Intl.NumberFormat(tag, { style:
 * 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits })`: the decimal point
 * moves two places (no floating-point ×100), then rounds: 0.9617 → "96.2%", 1.005 → "100.5%",
 * 12.5 with 0 → "1,250%", NaN → "NaN%". The same in both locales.
 */
export function formatPercent(locale: Locale, share: number, digits = 1): string {
  void locale;
  const n = digitOption(digits, 0, 100, 'maximumFractionDigits');
  return `${signed(share, (d) => render(roundFraction(shift(d, 2), n), n, 4))}%`;
}
