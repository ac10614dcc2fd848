/**
 * The one way islands and components turn string keys into text in the reader's language. Keys
 * are typed: only keys that exist in `src/content/i18n/en.json` compile (ko.json holds the same
 * keys, checked by a unit test), so a misspelled key fails `npm run check`.
 */
import {
  formatCompact,
  formatNumber,
  formatPercent,
  translate,
  type Locale,
  type Strings,
  type UiKey,
} from '~/i18n/translate';

export type { UiKey };

/** Values for a template's `{name}` placeholders. */
export type TemplateValues = Record<string, string | number>;

/** Text and numbers for one locale. */
export interface Translator {
  /** The template of `key` with its placeholders filled from `values`. */
  t: (key: UiKey, values?: TemplateValues) => string;
  /** A number with grouping separators and at most `digits` decimals (1234.5 → "1,234.5"). */
  num: (value: number, digits?: number) => string;
  /** A large count in short form (60,965,224 → "61M" in English, "6096.5만" in Korean). */
  compact: (value: number) => string;
  /** A share as a percentage with `digits` decimals (0.9617 → "96.2%"). */
  percent: (share: number, digits?: number) => string;
}

/**
 * A translator over `strings` (the flat key → template record an island receives as a prop) for
 * `locale`. In a Svelte component: `const { t, num } = $derived(createTranslator(strings, locale));`.
 */
export function createTranslator(strings: Strings, locale: Locale): Translator {
  return {
    t: (key, values = {}) => translate(strings, key, values),
    num: (value, digits = 0) => formatNumber(locale, value, digits),
    compact: (value) => formatCompact(locale, value),
    percent: (share, digits = 1) => formatPercent(locale, share, digits),
  };
}
