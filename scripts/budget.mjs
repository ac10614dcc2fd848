// Size budgets for the built site (run after `npm run build`), from budgets.json. For every page
// it follows the static import graph of the JavaScript the page loads at once, and of each widget
// island, and checks: pages without widgets ship no widget code; gzipped sizes stay under
// `js` (pageInitial: what every page loads up front; island: one widget island with its static
// imports; pageIslands: all islands of a page); TensorFlow.js is never part of a main-thread
// static graph (only workers or lazy imports); the page's DOM stays under `domElements`.
// Notebook cells' island only on pages with cells; the cell editor (CodeMirror) is never in a
// static import graph (it loads on focus). It also checks the Content-Security-Policy the build wrote (scripts/csp.mjs `cspProblems`).
import { cspProblems } from './csp.mjs';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';

const dist = process.argv[2] ?? 'dist';
const KB = 1024;
const { js: budgets, domElements } = JSON.parse(
  readFileSync(new URL('../budgets.json', import.meta.url), 'utf8'),
);
/** The DOM budget of a page (its path relative to dist): the first class that matches, else the default. */
const domBudget = (where) =>
  domElements.classes.find((c) => where.includes(c.match))?.max ?? domElements.default;

const gz = new Map();
const gzSize = (file) => {
  if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(file)).length);
  return gz.get(file);
};

const fileOf = (url) => join(dist, url.replace(/^\//, ''));
const staticImports = (file) => {
  const code = readFileSync(file, 'utf8');
  const out = new Set();
  // import … from "./x.js" | import "./x.js" | export … from "./x.js" (not import("…"), which is lazy)
  for (const m of code.matchAll(/(?:import|export)\s*(?:[\w*${}\s,]+?\s*from\s*)?["']([^"']+\.js)["']/g)) {
    if (code[m.index + 6] === '(') continue;
    out.add(join(file, '..', m[1]));
  }
  return [...out];
};
const closure = (roots) => {
  const seen = new Set();
  const stack = [...roots];
  while (stack.length) {
    const f = stack.pop();
    if (seen.has(f)) continue;
    seen.add(f);
    stack.push(...staticImports(f));
  }
  return seen;
};
const sum = (files) => [...files].reduce((a, f) => a + gzSize(f), 0);
// tfjs-core registers kernels and backends and reads its WEBGL_* flags; nothing else here does.
const isTf = (file) => /registerKernel|registerBackend|WEBGL_VERSION/.test(readFileSync(file, 'utf8'));
// CodeMirror's view module names its content element's class; nothing else here does.
const isEditor = (file) => /[`"']cm-content[`"']/.test(readFileSync(file, 'utf8'));

const pages = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== '_astro' && name !== 'pagefind') walk(full);
    } else if (name.endsWith('.html')) pages.push(full);
  }
};
walk(dist);

const failures = [];
const rows = [];
for (const page of pages.sort()) {
  const html = readFileSync(page, 'utf8');
  const scripts = [...html.matchAll(/<script type="module" src="([^"]+)"/g)].map((m) => fileOf(m[1]));
  const inlineImports = [...html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)].flatMap((m) =>
    [...m[1].matchAll(/import\s*["']([^"']+\.js)["']|from\s*["']([^"']+\.js)["']/g)].map((x) =>
      fileOf(x[1] ?? x[2]),
    ),
  );
  const initial = closure([...scripts, ...inlineImports]);
  const islands = [
    ...html.matchAll(/<astro-island[^>]*component-url="([^"]+)"[^>]*renderer-url="([^"]+)"/g),
  ].map((m) => ({
    name: m[1].split('/').pop().split('.')[0],
    files: closure([fileOf(m[1]), fileOf(m[2])]),
  }));
  const allIslands = new Set(islands.flatMap((i) => [...i.files]));
  const where = relative(dist, page);
  const initialSize = sum(initial);
  const islandsSize = sum(allIslands);
  const dom = parseHTML(html).document.querySelectorAll('*').length;
  rows.push({
    page: where,
    initial: initialSize,
    islands: islandsSize,
    dom,
    widgets: [...new Set(islands.map((i) => i.name))].join(' '),
  });
  if (dom > domBudget(where)) failures.push(`${where}: ${dom} DOM elements > ${domBudget(where)}`);
  if (initialSize > budgets.pageInitial)
    failures.push(`${where}: page JS ${initialSize} B gz > ${budgets.pageInitial}`);
  if (islandsSize > budgets.pageIslands)
    failures.push(`${where}: islands ${islandsSize} B gz > ${budgets.pageIslands}`);
  for (const island of islands) {
    const size = sum(island.files);
    if (size > budgets.island) failures.push(`${where}: ${island.name} ${size} B gz > ${budgets.island}`);
  }
  const allowed = new Set(['QuizIsland']);
  if (/\sdata-cell[\s=>]/.test(html)) allowed.add('Cell');
  if (!/data-widget=/.test(html) && islands.some((i) => !allowed.has(i.name)))
    failures.push(`${where}: has no widget but loads widget code`);
  for (const f of allIslands)
    if (isEditor(f))
      failures.push(`${where}: the cell editor in an island's static imports (${relative(dist, f)})`);
  for (const f of [...initial, ...allIslands])
    if (isTf(f))
      failures.push(`${where}: TensorFlow.js in a main-thread static import (${relative(dist, f)})`);
}

failures.push(...cspProblems(dist));

const kb = (b) => (b / KB).toFixed(1).padStart(6);
console.log('gzipped KB   page JS   islands   DOM elements   page (widgets)');
for (const r of rows)
  console.log(
    `           ${kb(r.initial)}    ${kb(r.islands)}   ${String(r.dom).padStart(12)}   ${r.page}${r.widgets ? ` (${r.widgets})` : ''}`,
  );
if (failures.length) {
  console.error(`\nBudget failures:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log(`\nbudget: ${pages.length} pages within budget, each with its Content-Security-Policy`);
