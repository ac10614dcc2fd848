/**
 * Lesson bookkeeping shared by the landing page, the lesson frame and tests: which docs entries
 * are lessons, in which order, and whether their frontmatter is complete. Problems throw with the
 * file named, so a broken lesson fails the build.
 */
import { isReferenceKey, type ReferenceKey } from '~/data/references';

export interface LessonEntryLike {
  id: string;
  filePath?: string;
  data: { title: string; description?: string; lesson?: number; objectives?: string[]; cites?: string[] };
}

export interface LessonSummary {
  id: string;
  title: string;
  description: string;
  lesson: number;
  objectives: string[];
  cites: ReferenceKey[];
}

/** Entry ids look like `lessons/02-kernel-size-and-padding` or `ko/lessons/…`. */
export function isLessonId(id: string): boolean {
  return /^(ko\/)?lessons\//.test(id);
}

/** The locale of an entry from its id (Korean pages live under `ko/`). */
export function entryLocale(id: string): 'en' | 'ko' {
  return id.startsWith('ko/') ? 'ko' : 'en';
}

/**
 * Checks one lesson entry and returns its summary, or throws an Error naming the file and the
 * missing or wrong field.
 */
export function lessonSummary(entry: LessonEntryLike): LessonSummary {
  const where = entry.filePath ?? entry.id;
  const { lesson, objectives, description, cites = [] } = entry.data;
  if (lesson === undefined)
    throw new Error(`${where}: lesson frontmatter is missing "lesson" (the lesson number)`);
  if (!objectives || objectives.length === 0)
    throw new Error(
      `${where}: lesson frontmatter is missing "objectives" (a list of what the reader will be able to do)`,
    );
  if (!description) throw new Error(`${where}: lesson frontmatter is missing "description"`);
  const prefix = /\/(\d+)-[^/]+$/.exec(entry.id)?.[1];
  if (prefix === undefined || Number(prefix) !== lesson)
    throw new Error(
      `${where}: file name must start with the lesson number (expected "${String(lesson).padStart(2, '0')}-…")`,
    );
  for (const key of cites)
    if (!isReferenceKey(key)) throw new Error(`${where}: unknown reference "${key}" in "cites"`);
  return {
    id: entry.id,
    title: entry.data.title,
    description,
    lesson,
    objectives,
    cites: cites as ReferenceKey[],
  };
}

/** All lessons of one locale, checked and sorted by lesson number; duplicates are an error. */
export function lessonsOf(entries: LessonEntryLike[], locale: 'en' | 'ko'): LessonSummary[] {
  const lessons = entries
    .filter((e) => isLessonId(e.id) && entryLocale(e.id) === locale)
    .map(lessonSummary)
    .sort((a, b) => a.lesson - b.lesson);
  for (let i = 1; i < lessons.length; i++)
    if (lessons[i]!.lesson === lessons[i - 1]!.lesson)
      throw new Error(`${lessons[i]!.id}: lesson number ${lessons[i]!.lesson} is used twice`);
  return lessons;
}

/** The URL of an entry: `lessons/02-x` → `/lessons/02-x/`. */
export function entryHref(id: string): string {
  return `/${id}/`;
}
