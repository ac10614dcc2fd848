import { describe, expect, it } from 'vitest';
import { formatCompact, formatNumber, formatPercent, formatSignificant } from '~/i18n/number-format';
import type { Locale } from '~/i18n/translate';
import { mulberry32 } from '~/lib/cnn';

/**
 * Every formatter against Node's own Intl.NumberFormat (the ICU the browsers ship): the course's
 * option sets, both locales, hand-picked edges and a few thousand seeded pseudo-random values.
 */
const tags: Record<Locale, string> = { en: 'en-US', ko: 'ko-KR' };
const locales: Locale[] = ['en', 'ko'];

const edges = [
  0,
  -0,
  0.5,
  -0.5,
  0.05,
  0.005,
  0.15,
  0.25,
  0.35,
  1.005,
  -1.005,
  1.015,
  2.5,
  -2.5,
  3.5,
  9.95,
  9.995,
  99.95,
  999.5,
  999.95,
  999.94,
  999.949,
  9999,
  9999.95,
  99_999,
  999_999,
  999_950,
  999_949,
  1e6,
  9_999_999,
  99_999_999,
  1e8,
  123_456_789.987,
  -123_456_789.987,
  60_965_224,
  1e12 - 1,
  1e12,
  999_950_000_000,
  1e15,
  1e15 - 1,
  9.9995e15,
  1e16,
  1e18,
  2 ** 53,
  2 ** 60,
  1e21,
  1.5e21,
  1e22,
  1.7976931348623157e308,
  1e-7,
  -1e-7,
  5e-7,
  1e-9,
  5e-324,
  0.1 + 0.2,
  0.0001,
  -0.001,
  0.000_95,
  0.009_95,
  0.0125,
  1 / 3,
  2 / 3,
  -2 / 3,
  0.9617,
  0.99995,
  0.999_95,
  12.5,
  1234,
  12_345,
  123_456,
  1_234_567,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];

/**
 * `count` values spread over magnitudes 10⁻⁹…10¹⁸, about a third of them negative, a third with
 * few significant digits (so they land on rounding ties like 1.25 or 999.95 and on unit edges).
 */
function randomValues(seed: number, count: number): number[] {
  const next = mulberry32(seed);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const exponent = -9 + next() * 27;
    let v = 10 ** exponent;
    if (i % 3 === 1) {
      const places = Math.floor(next() * 4) + 1;
      const scale = 10 ** (Math.floor(exponent) - places + 1);
      v = Number((Math.round(v / scale) * scale).toPrecision(places + 1));
    }
    if (i % 3 === 2)
      v =
        Number(
          String(v)
            .slice(0, 3 + Math.floor(next() * 6))
            .replace(/\.$/, ''),
        ) || v;
    out.push(next() < 0.3 ? -v : v);
  }
  return out;
}

const values = [...edges, ...randomValues(20261130, 3000)];

/** Each value with what Intl gives and what ours gives, mismatches only. */
function mismatches(ours: (v: number) => string, intl: Intl.NumberFormat): string[] {
  return values.flatMap((v) => {
    const want = intl.format(v);
    const got = ours(v);
    return got === want ? [] : [`${Object.is(v, -0) ? '-0' : String(v)}: ${got} ≠ ${want}`];
  });
}

describe.each(locales)('number-format matches Intl.NumberFormat (%s)', (locale) => {
  const tag = tags[locale];

  it.each([0, 1, 2, 3, 4, 6])('formatNumber with at most %i decimals', (digits) => {
    const intl = new Intl.NumberFormat(tag, { maximumFractionDigits: digits });
    expect(mismatches((v) => formatNumber(locale, v, digits), intl)).toEqual([]);
  });

  it.each([1, 2, 3])('formatNumber with exactly %i decimals', (digits) => {
    const intl = new Intl.NumberFormat(tag, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    expect(mismatches((v) => formatNumber(locale, v, digits, digits), intl)).toEqual([]);
  });

  it.each([1, 2, 3, 5])('formatSignificant with %i significant digits', (digits) => {
    const intl = new Intl.NumberFormat(tag, { maximumSignificantDigits: digits });
    expect(mismatches((v) => formatSignificant(locale, v, digits), intl)).toEqual([]);
  });

  it('formatCompact (compact notation, at most one decimal)', () => {
    const intl = new Intl.NumberFormat(tag, { notation: 'compact', maximumFractionDigits: 1 });
    expect(mismatches((v) => formatCompact(locale, v), intl)).toEqual([]);
  });

  it.each([0, 1, 2])('formatPercent with %i decimals', (digits) => {
    const intl = new Intl.NumberFormat(tag, {
      style: 'percent',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    expect(mismatches((v) => formatPercent(locale, v, digits), intl)).toEqual([]);
  });

  it("matches Plot's default number format (Intl.NumberFormat(tag) = at most 3 decimals)", () => {
    expect(mismatches((v) => formatNumber(locale, v, 3), new Intl.NumberFormat(tag))).toEqual([]);
  });
});

describe('number-format by hand', () => {
  it.each<[string, string, string]>([
    [formatNumber('en', 1.005, 2), '1.01', 'ties of the shortest decimal round away from zero, not toFixed'],
    [formatNumber('en', -0.001, 2), '-0', 'a negative that rounds to 0 keeps its sign'],
    [formatNumber('en', -0), '-0', '−0'],
    [formatNumber('en', 1e21), '1,000,000,000,000,000,000,000', 'past String’s exponent notation'],
    [formatNumber('ko', 0.72, 1, 1), '0.7', 'exactly one decimal'],
    [formatSignificant('en', 1e-7, 2), '0.0000001', 'tiny values written out'],
    [formatCompact('en', 999_999), '1M', 'rounding carries into the next unit'],
    [formatCompact('ko', 999_999), '100만', 'a carry within 만 stays in 만'],
    [formatCompact('ko', 9_999), '1만', '천 carries into 만'],
    [formatCompact('ko', 60_965_224), '6096.5만', 'four digits ungrouped in compact form'],
    [formatCompact('en', 1e16), '10,000T', 'five digits grouped, T the largest unit'],
    [formatCompact('ko', 123_456_789.987), '1.2억', '억'],
    [formatCompact('en', Number.NEGATIVE_INFINITY), '-∞', 'infinity'],
    [formatPercent('en', 0.9617), '96.2%', 'percent'],
    [formatPercent('ko', Number.NaN, 0), 'NaN%', 'NaN percent'],
  ])('%s (expected %s: %s)', (got, want) => {
    expect(got).toBe(want);
  });

  it('rejects digit options Intl rejects', () => {
    expect(() => formatNumber('en', 1, -1)).toThrow(RangeError);
    expect(() => formatNumber('en', 1, 101)).toThrow(RangeError);
    expect(() => formatNumber('en', 1, 1, 2)).toThrow(RangeError);
    expect(() => formatSignificant('en', 1, 0)).toThrow(RangeError);
    expect(() => formatPercent('en', 1, Number.NaN)).toThrow(RangeError);
  });
});
