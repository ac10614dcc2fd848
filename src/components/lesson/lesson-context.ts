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
