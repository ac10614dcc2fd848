import { describe, expect, it } from 'vitest';
import {
  entryHref,
  entryLocale,
  isLessonId,
  lessonSummary,
  lessonsOf,
  type LessonEntryLike,
} from '~/lib/lessons';

const entry = (id: string, data: Partial<LessonEntryLike['data']> = {}): LessonEntryLike => ({
  id,
  filePath: `src/content/docs/${id}.mdx`,
  data: {
    title: 'T',
    description: 'D',
    lesson: Number(/(\d+)-/.exec(id)?.[1] ?? 1),
    objectives: ['o'],
    cites: [],
    ...data,
  },
});

describe('lessons', () => {
  it.each([
    ['lessons/02-padding', true, 'en'],
    ['ko/lessons/02-padding', true, 'ko'],
    ['index', false, 'en'],
    ['ko', false, 'en'],
    ['tools/lab', false, 'en'],
  ])('%s: lesson=%s locale=%s', (id, lesson, locale) => {
    expect(isLessonId(id)).toBe(lesson);
    if (id !== 'ko') expect(entryLocale(id)).toBe(locale);
  });

  it.each([
    [{ lesson: undefined }, 'missing "lesson"'],
    [{ objectives: [] }, 'missing "objectives"'],
    [{ objectives: undefined }, 'missing "objectives"'],
    [{ description: '' }, 'missing "description"'],
    [{ lesson: 3 }, 'must start with the lesson number (expected "03-…")'],
    [{ cites: ['nobody-1999'] }, 'unknown reference "nobody-1999"'],
  ])('rejects %j naming the file', (data, message) => {
    expect(() => lessonSummary(entry('lessons/02-padding', data))).toThrow(
      `src/content/docs/lessons/02-padding.mdx: `,
    );
    expect(() => lessonSummary(entry('lessons/02-padding', data))).toThrow(message);
  });

  it('sorts by lesson number per locale and rejects duplicates', () => {
    const entries = [entry('lessons/03-b'), entry('lessons/01-a'), entry('ko/lessons/02-c'), entry('index')];
    expect(lessonsOf(entries, 'en').map((l) => l.lesson)).toEqual([1, 3]);
    expect(lessonsOf(entries, 'ko').map((l) => l.id)).toEqual(['ko/lessons/02-c']);
    expect(() => lessonsOf([entry('lessons/02-a'), entry('lessons/02-b')], 'en')).toThrow('used twice');
  });

  it('links entries', () => expect(entryHref('ko/lessons/02-x')).toBe('/ko/lessons/02-x/'));
});
