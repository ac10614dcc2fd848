import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import en from '../../../src/content/i18n/en.json';
import ko from '../../../src/content/i18n/ko.json';
import { describeProblem, formatNumber, translate } from '../../../src/i18n/translate';
import { localeOf, stringsFor } from '../../../src/i18n/ui';
import { problem, problemTemplatesEn, quantityNamesEn } from '../../../src/lib/cnn/problems';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('UI strings', () => {
  it('English and Korean have the same keys', () => {
    expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(en))('%s: same placeholders in both languages, Korean not left in English', (key) => {
    const e = (en as Record<string, string>)[key]!;
    const k = (ko as Record<string, string>)[key]!;
    expect(placeholders(k)).toEqual(placeholders(e));
    if (/[a-z]{5,}/i.test(e.replace(/\{\w+\}/g, ''))) expect(k).toMatch(/[\uac00-\ud7a3]/);
  });

  it('every problem code and quantity the engine can report has a string in both languages', () => {
    for (const code of Object.keys(problemTemplatesEn)) {
      const key = `cnn.problem.${code}`;
      if (key in en) expect(ko).toHaveProperty([key]);
    }
    for (const q of Object.keys(quantityNamesEn)) {
      expect(en).toHaveProperty([`cnn.quantity.${q}`]);
      expect(ko).toHaveProperty([`cnn.quantity.${q}`]);
    }
  });

  it('every string key a widget or component uses exists', () => {
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const d of readdirSync(dir, { withFileTypes: true })) {
        const full = join(dir, d.name);
        if (d.isDirectory()) walk(full);
        else if (/\.(svelte|astro|ts)$/.test(d.name))
          for (const m of readFileSync(full, 'utf8').matchAll(/\bt(?:ranslate)?\((?:strings, )?'([\w.]+)'/g))
            used.add(m[1]!);
      }
    };
    walk('src/components');
    expect(used.size).toBeGreaterThan(10);
    for (const key of used) expect(en, key).toHaveProperty([key]);
  });
});

describe('parse-error phrases', () => {
  // Every fixed phrase the parser quotes as "expected" or "found" reads naturally in Korean too.
  const source =
    readFileSync('src/lib/cnn/text-format.ts', 'utf8') +
    readFileSync('src/components/widgets/ArchitectureLab/lab-state.ts', 'utf8');
  const phrases = new Set<string>();
  for (const m of source.matchAll(
    /(?:this\.fail\([^,]+, |this\.expect\('[^']*', |expected: |found: |return )'([^']+)'/g,
  ))
    phrases.add(m[1]!);
  for (const m of source.matchAll(/\? '([^']+)'\s*:/g)) phrases.add(m[1]!);
  const candidates = [...phrases].filter((p) => / /.test(p) || p === '"}"');
  it('finds the phrases', () => expect(candidates.length).toBeGreaterThan(15));
  it.each(candidates)('%s', (phrase) => {
    expect(en).toHaveProperty([`cnn.phrase.${phrase}`]);
    expect(ko).toHaveProperty([`cnn.phrase.${phrase}`]);
  });
  it('a Korean parse error has no English phrase left in it', () => {
    const p = problem('parseExpected', {
      line: 3,
      col: 6,
      expected: 'the number of units (e.g. fc 4096)',
      found: 'the end of the line',
    });
    expect(describeProblem(stringsFor('ko', 'cnn.'), p)).toBe(
      '3번째 줄 6번째 칸: 뉴런 수 (예: fc 4096)이(가) 와야 하는데 줄 끝이(가) 있습니다.',
    );
  });
});

describe('translate', () => {
  it('fills placeholders and flags missing keys', () => {
    expect(translate({ 'course.lessonLabel': 'n = {n}' }, 'course.lessonLabel', { n: 3 })).toBe('n = 3');
    expect(translate({}, 'quiz.heading')).toBe('[missing: quiz.heading]');
  });

  it('describes problems in Korean with the quantity named in Korean', () => {
    const ks = stringsFor('ko', 'cnn.');
    expect(describeProblem(ks, problem('notPositive', { what: 's', value: 0 }))).toBe(
      '스트라이드 s은(는) 1 이상이어야 합니다. 지금 값: 0',
    );
    expect(describeProblem(stringsFor('en', 'cnn.'), problem('missing', { what: 'n' }))).toBe(
      'Input size n is not a number: type a whole number.',
    );
    // unknown code in the strings → the English message from the engine
    expect(describeProblem({}, problem('emptyNetwork'))).toBe('The network has no layers.');
  });

  it.each([
    ['en', 60965224, 0, '60,965,224'],
    ['ko', 60965224, 0, '60,965,224'],
    ['en', 0.25, 2, '0.25'],
    ['en', 93.8123, 1, '93.8'],
  ] as const)('formatNumber(%s, %d, %d) = %s', (locale, v, digits, want) =>
    expect(formatNumber(locale, v, digits)).toBe(want),
  );

  it.each([
    ['ko', 'ko'],
    ['ko-KR', 'ko'],
    ['en', 'en'],
    [undefined, 'en'],
  ] as const)('localeOf(%s) = %s', (lang, want) => expect(localeOf(lang)).toBe(want));
});
