/**
 * Server-side access to the UI strings in src/content/i18n (the same files Starlight reads).
 * Astro components call `stringsFor` and pass the result to a widget island.
 */
import en from '~/content/i18n/en.json';
import ko from '~/content/i18n/ko.json';
import type { Locale, Strings } from './translate';

export const uiStrings: Record<Locale, Strings> = { en, ko };

/** The locale of a Starlight page from its `lang` ('en', 'ko', 'ko-KR' …). */
export function localeOf(lang: string | undefined): Locale {
  return lang?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

/** Every string whose key starts with one of `prefixes`, for one locale. */
export function stringsFor(locale: Locale, ...prefixes: string[]): Strings {
  return Object.fromEntries(
    Object.entries(uiStrings[locale]).filter(([key]) => prefixes.some((prefix) => key.startsWith(prefix))),
  );
}
