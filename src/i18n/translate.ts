/**
 * Client-safe translation helpers: widgets receive only the strings they need (a flat
 * key → template record) as a prop, so no locale file is shipped to the browser.
 */
import type en from '../content/i18n/en.json';
import { fillTemplate, type Problem } from '../lib/cnn/problems';

export type Strings = Record<string, string>;
export type Locale = 'en' | 'ko';
/** A key of the UI strings: only keys that exist in en.json compile (ko.json has the same keys). */
export type UiKey = keyof typeof en;

/** Looks up `key` and fills `{name}` placeholders; a key the page did not pass in shows itself, loudly. */
export function translate(
  strings: Strings,
  key: UiKey,
  values: Record<string, number | string> = {},
): string {
  const template = strings[key];
  return template === undefined ? `[missing: ${key}]` : fillTemplate(template, values);
}

/**
 * A Problem in the reader's language; quantity symbols in `what` are named per locale, and a
 * problem that belongs to a layer starts with the layer's name ("conv3: …").
 */
export function describeProblem(strings: Strings, p: Problem): string {
  const what = p.values.what;
  const values: Record<string, number | string> =
    typeof what === 'string' && strings[`cnn.quantity.${what}`] !== undefined
      ? { ...p.values, what: strings[`cnn.quantity.${what}`]! }
      : { ...p.values };
  // Parse errors quote fixed English phrases ("the end of the line"); each has a translation.
  for (const slot of ['expected', 'found'] as const) {
    const phrase = values[slot];
    if (typeof phrase === 'string' && strings[`cnn.phrase.${phrase}`] !== undefined)
      values[slot] = strings[`cnn.phrase.${phrase}`]!;
  }
  const key = `cnn.problem.${p.code}`;
  if (strings[key] === undefined) return p.message;
  const text = fillTemplate(strings[key]!, values);
  return p.values.layer === undefined ? text : `${p.values.layer}: ${text}`;
}

/** Formats a number for the locale: grouping separators, at most `digits` decimals. */
export function formatNumber(locale: Locale, value: number, digits = 0): string {
  return new Intl.NumberFormat(locale === 'ko' ? 'ko-KR' : 'en-US', { maximumFractionDigits: digits }).format(
    value,
  );
}

/** Short form of a large count for the locale: 60,965,224 → "61M" (en) or "6096.5만" (ko). */
export function formatCompact(locale: Locale, value: number): string {
  return new Intl.NumberFormat(locale === 'ko' ? 'ko-KR' : 'en-US', {
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(value);
}

/** A percentage for the locale: 0.9617 → "96.2%". */
export function formatPercent(locale: Locale, share: number, digits = 1): string {
  return new Intl.NumberFormat(locale === 'ko' ? 'ko-KR' : 'en-US', {
    style: 'percent',
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(share);
}

/** 10 to the power e written with superscript digits: 6 → "10⁶". */
export function powerOfTenText(e: number): string {
  const sup = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  return (
    '10' +
    String(e)
      .replace(/\d/g, (d) => sup[Number(d)]!)
      .replace('-', '⁻')
  );
}
