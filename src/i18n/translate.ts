/**
 * Client-safe translation helpers: widgets receive only the strings they need (a flat
 * key → template record) as a prop, so no locale file is shipped to the browser.
 */
import type en from '~/content/i18n/en.json';
import { fillTemplate, type Problem } from '~/lib/cnn/problems';

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

/** Value slots that hold a code rendered from its own strings: slot → key prefix. */
const codeSlots = {
  what: 'cnn.quantity.',
  expected: 'cnn.phrase.',
  found: 'cnn.phrase.',
  detail: 'cnn.mismatch.',
};

/**
 * A Problem in the reader's language: the template `cnn.problem.<code>` filled from the problem's
 * values, where the code-valued slots are first rendered from their own strings (a quantity
 * symbol in `what` → `cnn.quantity.<what>`, a parse phrase in `expected`/`found` →
 * `cnn.phrase.<phrase>`, a shape-mismatch `detail` → `cnn.mismatch.<detail>`, the `settings` of
 * an unknown option → `cnn.setting.<key>` each, flags as written); a problem that belongs to a
 * layer starts with the layer's name ("conv3: …"). `describeProblem(uiStrings.en, p)` is the
 * English text for developers (errors thrown at build time, tests). A missing key shows itself.
 */
export function describeProblem(strings: Strings, p: Problem): string {
  const values: Record<string, number | string> = { ...p.values };
  for (const [slot, prefix] of Object.entries(codeSlots)) {
    const code = p.values[slot];
    const template = typeof code === 'string' ? strings[prefix + code] : undefined;
    if (template !== undefined) values[slot] = fillTemplate(template, p.values);
  }
  if (typeof p.values.settings === 'string') {
    const words = p.values.settings.split(' ').filter((w) => w !== '');
    values.settings =
      words.length === 0
        ? translate(strings, 'cnn.phrase.nothingMore')
        : words.map((w) => strings[`cnn.setting.${w}`] ?? w).join(', ');
  }
  const text = translate(strings, `cnn.problem.${p.code}`, values);
  return p.values.layer === undefined ? text : `${p.values.layer}: ${text}`;
}

/**
 * Numbers for the locale (grouped, compact, percent), written without `Intl`: its first use on a
 * page costs ~60 ms of main thread (issue 12). Same text as `Intl.NumberFormat` gives.
 */
export { formatCompact, formatNumber, formatPercent } from './number-format';

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
