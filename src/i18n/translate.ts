/**
 * Client-safe translation helpers: widgets receive only the strings they need (a flat
 * key → template record) as a prop, so no locale file is shipped to the browser.
 */
import { fillTemplate, type Problem } from '../lib/cnn/problems';

export type Strings = Record<string, string>;
export type Locale = 'en' | 'ko';

/** Looks up `key` and fills `{name}` placeholders; a missing key shows itself, loudly. */
export function translate(strings: Strings, key: string, values: Record<string, number | string> = {}): string {
  const template = strings[key];
  return template === undefined ? `[missing: ${key}]` : fillTemplate(template, values);
}

/** A Problem in the reader's language; quantity symbols in `what` are named per locale. */
export function describeProblem(strings: Strings, p: Problem): string {
  const what = p.values.what;
  const values =
    typeof what === 'string' && strings[`cnn.quantity.${what}`] !== undefined
      ? { ...p.values, what: strings[`cnn.quantity.${what}`]! }
      : p.values;
  const key = `cnn.problem.${p.code}`;
  return strings[key] === undefined ? p.message : fillTemplate(strings[key]!, values);
}

/** Formats a number for the locale: grouping separators, at most `digits` decimals. */
export function formatNumber(locale: Locale, value: number, digits = 0): string {
  return new Intl.NumberFormat(locale === 'ko' ? 'ko-KR' : 'en-US', { maximumFractionDigits: digits }).format(value);
}
