/**
 * What YoloGrid's three panels share: their props, and the translator with numbers shown to two
 * decimals by default (scores, confidences and IoUs) and class names looked up by VOC index.
 */
import { createTranslator } from '~/components/widgets/shared/translator';
import type { Locale, Strings } from '~/i18n/translate';
import { vocClasses } from './scene';

export interface PanelProps {
  strings: Strings;
  locale: Locale;
  /** prefix for element ids, unique on the page */
  id: string;
}

/** t; num(v, digits = 2); cls(i) = the name of VOC class i in the reader's language. */
export function panelText(strings: Strings, locale: Locale) {
  const { t, num } = createTranslator(strings, locale);
  return {
    t,
    num: (v: number, digits = 2) => num(v, digits),
    cls: (i: number) => t(`yoloGrid.class.${vocClasses[i]!}`),
  };
}
