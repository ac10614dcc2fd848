import { describe, expect, it } from 'vitest';
import { createTranslator } from '~/components/widgets/shared/translator';
import { stringsFor } from '~/i18n/ui';

describe('createTranslator', () => {
  it('fills templates in the reader language and formats numbers for the locale', () => {
    const en = createTranslator(stringsFor('en', 'course.'), 'en');
    const ko = createTranslator(stringsFor('ko', 'course.'), 'ko');
    expect(en.t('course.lessonLabel', { n: 3 })).toContain('3');
    expect(en.t('course.lessonLabel', { n: 3 })).not.toBe(ko.t('course.lessonLabel', { n: 3 }));
    expect(en.num(1234567.891, 2)).toBe('1,234,567.89');
    expect(en.num(2.5)).toBe('3');
    expect(ko.num(1234567)).toBe('1,234,567');
    expect(en.compact(60_965_224)).toBe('61M');
    expect(ko.compact(60_965_224)).toBe('6096.5만');
    expect(en.percent(0.9617)).toBe('96.2%');
    expect(en.percent(0.5, 0)).toBe('50%');
  });

  it('flags a key the page did not pass in', () => {
    const { t } = createTranslator({}, 'en');
    expect(t('quiz.heading')).toBe('[missing: quiz.heading]');
  });

  it('accepts only keys of en.json (checked by npm run check)', () => {
    const { t } = createTranslator({}, 'en');
    // @ts-expect-error a misspelled key does not compile
    expect(t('quiz.headin')).toBe('[missing: quiz.headin]');
  });
});
