/** Reads what lesson components need from the Starlight route: locale, file, cited works. */
import { localeOf } from '~/i18n/ui';
import type { Locale } from '~/i18n/translate';

interface RouteLocals {
  starlightRoute?: { lang: string; entry: { id: string; filePath?: string; data: { cites?: string[] } } };
}

export interface LessonContext {
  locale: Locale;
  file: string;
  cites: string[];
}

/** The current page's locale, source file and `cites` list (empty outside Starlight pages). */
export function lessonContext(locals: unknown): LessonContext {
  const route = (locals as RouteLocals).starlightRoute;
  return {
    locale: localeOf(route?.lang),
    file: route?.entry.filePath ?? route?.entry.id ?? 'unknown page',
    cites: route?.entry.data.cites ?? [],
  };
}

/**
 * The value a `<Num>` prints: `value` itself when it is a finite number; otherwise throws (failing
 * the build) with the lesson file and what was given, so a typo in a computed expression
 * (`undefined`, `NaN`, `Infinity`) never reaches the page.
 */
export function checkedNum(value: unknown, file: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  const shown = typeof value === 'string' ? `the string "${value}"` : String(value);
  throw new Error(`${file}: <Num value={…}> got ${shown}; it needs a finite number computed by code`);
}

/**
 * The 1-based number of the work `id` in the lesson's `cites` list; throws (failing the build),
 * naming the lesson file, when `id` is not a known reference or not listed in `cites`.
 */
export function citeNumber(
  id: unknown,
  cites: readonly string[],
  file: string,
  known: (id: string) => boolean,
): number {
  if (typeof id !== 'string' || !known(id))
    throw new Error(`${file}: <Cite id="${String(id)}"> names no known reference (src/data/references.ts)`);
  const index = cites.indexOf(id);
  if (index < 0) throw new Error(`${file}: <Cite id="${id}"> is not listed in the frontmatter "cites"`);
  return index + 1;
}
