/**
 * Both locales always: every English page under lessons/ and tools/ needs a Korean twin with the
 * same file name under ko/, and every Korean page an English one.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Folders of src/content/docs whose pages must exist in both locales. */
export const TWIN_FOLDERS = ['lessons', 'tools'];

const pageNames = (dir) => (existsSync(dir) ? readdirSync(dir).filter((name) => /\.mdx?$/.test(name)) : []);

/**
 * The pages of one folder missing in the other locale, as sentences, given the file names in the
 * English folder (`en`) and in the Korean one (`ko`) and the folder's path for the message.
 */
export function twinProblems(folder, en, ko) {
  const problems = [];
  for (const name of en)
    if (!ko.includes(name))
      problems.push(
        `src/content/docs/${folder}/${name} has no Korean twin src/content/docs/ko/${folder}/${name}`,
      );
  for (const name of ko)
    if (!en.includes(name))
      problems.push(
        `src/content/docs/ko/${folder}/${name} has no English twin src/content/docs/${folder}/${name}`,
      );
  return problems;
}

/** Every missing twin under `docs` (the src/content/docs folder). */
export function missingTwins(docs) {
  return TWIN_FOLDERS.flatMap((folder) =>
    twinProblems(folder, pageNames(join(docs, folder)), pageNames(join(docs, 'ko', folder))),
  );
}
