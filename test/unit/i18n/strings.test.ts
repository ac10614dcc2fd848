import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import en from '~/content/i18n/en.json';
import ko from '~/content/i18n/ko.json';
import { describeProblem, formatNumber, translate } from '~/i18n/translate';
import { localeOf, stringsFor } from '~/i18n/ui';
import { analyze } from '~/lib/cnn/analyze';
import { layerKinds } from '~/lib/cnn/network';
import { presetKeys } from '~/lib/cnn/presets';
import {
  mismatchDetails,
  optionKeys,
  parsePhrases,
  problem,
  problemCodes,
  quantityKeys,
  type Problem,
} from '~/lib/cnn/problems';
import { parseNetwork, parseShape } from '~/lib/cnn/text-format';
import { analyzeText } from '~/components/widgets/ArchitectureLab/lab-state';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const enStrings: Record<string, string> = en;
const koStrings: Record<string, string> = ko;

describe('UI strings', () => {
  it('Korean has exactly the keys of English (none missing, none extra)', () => {
    const enKeys = Object.keys(en);
    const koKeys = Object.keys(ko);
    expect(
      koKeys.filter((k) => !(k in en)),
      'only in ko.json',
    ).toEqual([]);
    expect(
      enKeys.filter((k) => !(k in ko)),
      'only in en.json',
    ).toEqual([]);
    expect(koKeys.length).toBe(enKeys.length);
  });

  it.each(Object.keys(en))('%s: same placeholders in both languages, Korean not left in English', (key) => {
    const e = enStrings[key]!;
    const k = koStrings[key]!;
    expect(placeholders(k)).toEqual(placeholders(e));
    // Network names (cnn.preset.*) are proper names, the same in both languages.
    if (!key.startsWith('cnn.preset.') && /[a-z]{5,}/i.test(e.replace(/\{\w+\}/g, '')))
      expect(k).toMatch(/[\uac00-\ud7a3]/);
  });

  // Every code the engine can put in a problem, and every preset, has its text in both languages.
  it.each([
    ...problemCodes.map((c) => `cnn.problem.${c}`),
    ...quantityKeys.map((q) => `cnn.quantity.${q}`),
    ...parsePhrases.map((p) => `cnn.phrase.${p}`),
    ...mismatchDetails.map((d) => `cnn.mismatch.${d}`),
    ...optionKeys.map((o) => `cnn.setting.${o}`),
    ...presetKeys.map((k) => `cnn.preset.${k}`),
  ])('%s exists in both languages', (key) => {
    expect(en).toHaveProperty([key]);
    expect(ko).toHaveProperty([key]);
  });

  it('every string key a widget or component uses exists', () => {
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const d of readdirSync(dir, { withFileTypes: true })) {
        const full = join(dir, d.name);
        if (d.isDirectory()) walk(full);
        else if (/\.(svelte|astro|ts)$/.test(d.name))
          // (not Starlight's own `Astro.locals.t`, whose keys are in Starlight's dictionaries)
          for (const m of readFileSync(full, 'utf8').matchAll(
            /(?<!locals\.)\bt(?:ranslate)?\((?:strings, )?'([\w.]+)'/g,
          ))
            used.add(m[1]!);
      }
    };
    walk('src/components');
    expect(used.size).toBeGreaterThan(10);
    for (const key of used) expect(en, key).toHaveProperty([key]);
  });
});

describe('parse errors in both languages', () => {
  // One bad text per phrase the parser can quote as "expected" or "found".
  const cases: [string, () => Problem][] = [
    ['conv k3', () => first(parseNetwork('conv k3'))],
    ['fc', () => first(parseNetwork('fc'))],
    ['unclosed block', () => first(parseNetwork('residual {\n  relu\n'))],
    ['stray brace', () => first(parseNetwork('}'))],
    ['two things on a line', () => first(parseNetwork('relu }'))],
    ['name without a layer', () => first(parseNetwork('x:\nrelu'))],
    ['bad input shape', () => first(parseNetwork('input 8x8'))],
    ['concat without brace', () => first(parseNetwork('concat\n'))],
    ['layer directly in concat', () => first(parseNetwork('concat {\n  conv 8 k1\n}'))],
    ['no kernel', () => first(parseNetwork('conv 64'))],
    ['bad kernel', () => first(parseNetwork('conv 64 k=foo'))],
    ['bad padding', () => first(parseNetwork('conv 64 k3 p=max'))],
    ['bad stride', () => first(parseNetwork('conv 64 k3 s=x'))],
    ['bad shape', () => first(parseShape('8x8'))],
    [
      'no input line',
      () => (({ issues }) => issues[0]!.problem)(analyzeText('relu\n') as { issues: { problem: Problem }[] }),
    ],
    ['a setting the layer lacks', () => first(parseNetwork('maxpool k3 g2'))],
    ['a layer with no settings', () => first(parseNetwork('relu relu'))],
  ];
  function first(r: { ok: boolean; problems?: Problem[] }): Problem {
    expect(r.ok).toBe(false);
    return r.problems![0]!;
  }
  const problems = cases.map(([, make]) => make());

  it('together they quote every phrase', () => {
    const quoted = new Set(problems.flatMap((p) => [p.values.expected, p.values.found]));
    if (problems.some((p) => p.values.settings === '')) quoted.add('nothingMore');
    expect([...parsePhrases].filter((p) => !quoted.has(p))).toEqual([]);
  });

  // Words that are the text form's own syntax and stay as written in Korean.
  const syntax = new Set<string>([
    ...layerKinds,
    'branch',
    'shortcut',
    'input',
    'bias',
    'nobias',
    'ceil',
    'same',
    'valid',
  ]);
  it.each(cases.map(([label], i) => [label, i] as const))('%s: Korean has no English left', (_label, i) => {
    const p = problems[i]!;
    const text = describeProblem(stringsFor('ko', 'cnn.'), p);
    expect(text).not.toMatch(/\[missing|undefined|NaN|\{\w+\}/);
    expect(text).toMatch(/[\uac00-\ud7a3]/);
    const english = [...text.replace(/"[^"]*"/g, '').matchAll(/[a-z]{4,}/gi)].map((m) => m[0]);
    expect(english.filter((w) => !syntax.has(w))).toEqual([]);
  });

  it('a Korean parse error reads as Korean', () => {
    const p = problem('parseExpected', {
      line: 3,
      col: 6,
      expected: 'units',
      example: 'fc 4096',
      found: 'endOfLine',
    });
    expect(describeProblem(stringsFor('ko', 'cnn.'), p)).toBe(
      '3번째 줄 6번째 칸: 뉴런 수 (예: fc 4096)이(가) 와야 하는데 줄 끝이(가) 있습니다.',
    );
  });

  it("an unknown setting lists what the layer takes, in the reader's language", () => {
    const p = first(parseNetwork('maxpool k3 g2'));
    expect(p).toMatchObject({
      code: 'unknownOption',
      values: { option: 'g2', kind: 'maxpool', settings: 'k s p ceil' },
    });
    expect(describeProblem(stringsFor('en', 'cnn.'), p)).toBe(
      'Line 1, column 12: "g2" is not a setting of maxpool (expected k<size>, s<stride>, p<padding>, ceil).',
    );
    expect(describeProblem(stringsFor('ko', 'cnn.'), p)).toBe(
      '1번째 줄 12번째 칸: "g2"은(는) maxpool의 설정이 아닙니다. 쓸 수 있는 것: k<크기>, s<스트라이드>, p<패딩>, ceil',
    );
    expect(describeProblem(stringsFor('en', 'cnn.'), first(parseNetwork('relu relu')))).toBe(
      'Line 1, column 6: "relu" is not a setting of relu (expected nothing more).',
    );
  });

  it('a layer problem found by the analysis names the layer in both languages', () => {
    const r = analyze([{ kind: 'conv', out: 4, k: 3, s: 0 }], { h: 8, w: 8, c: 3 });
    const p = first(r);
    expect(describeProblem(stringsFor('en', 'cnn.'), p)).toBe(
      'conv1: Stride s must be at least 1 (it is 0).',
    );
    expect(describeProblem(stringsFor('ko', 'cnn.'), p)).toBe(
      'conv1: 스트라이드 s은(는) 1 이상이어야 합니다. 지금 값: 0',
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
    // a string missing from the locale's set shows its key, loudly
    expect(describeProblem({}, problem('emptyNetwork'))).toBe('[missing: cnn.problem.emptyNetwork]');
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
