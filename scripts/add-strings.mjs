// Merges UI strings into src/content/i18n/{en,ko}.json in one step, so several people can add
// widget strings without overwriting each other. Usage:
//   node scripts/add-strings.mjs fragment.json     (fragment: { "en": {key: text}, "ko": {key: text} })
// Every key must be given in both languages; existing keys are replaced.
import { readFileSync, writeFileSync } from 'node:fs';

const fragment = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const enKeys = Object.keys(fragment.en ?? {}).sort();
const koKeys = Object.keys(fragment.ko ?? {}).sort();
if (enKeys.join('\n') !== koKeys.join('\n')) {
  console.error('add-strings: "en" and "ko" must have the same keys');
  process.exit(1);
}
for (const locale of ['en', 'ko']) {
  const path = `src/content/i18n/${locale}.json`;
  const current = JSON.parse(readFileSync(path, 'utf8'));
  writeFileSync(path, JSON.stringify({ ...current, ...fragment[locale] }, null, 2) + '\n');
}
console.log(`add-strings: ${enKeys.length} keys merged into en.json and ko.json`);
