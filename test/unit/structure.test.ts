/**
 * The shape every widget keeps (a new widget copies one pattern): its own folder with Name.astro
 * and Name.svelte, exported for lessons, importing no other widget's folder; TensorFlow.js only
 * under src/lib/tf; the island's root marked for tests and kept out of search; every island given
 * the page's locale; imports that leave a folder use the ~/ alias.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const src = join(root, 'src');
const widgetsDir = join(src, 'components', 'widgets');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const codeFiles = (dir: string) => filesUnder(dir).filter((f) => /\.(ts|svelte|astro|mdx|mjs)$/.test(f));
const rel = (path: string) => relative(root, path).split(sep).join('/');

/** Every module specifier a file imports (static, dynamic, side-effect and re-exports). */
export function importsOf(text: string): string[] {
  const found = text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"\n]+)\1/g);
  return [...found].map((m) => m[2]!);
}

/** The markup of a Svelte component: without its script and style blocks. */
export function markupOf(text: string): string {
  // Snippets may be declared before the root element; they are not the root.
  return text
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/\{#snippet[\s\S]*?\{\/snippet\}/g, '');
}

const widgets = readdirSync(widgetsDir).filter(
  (name) => name !== 'shared' && statSync(join(widgetsDir, name)).isDirectory(),
);

describe('widget folders', () => {
  const index = readFileSync(join(widgetsDir, 'index.ts'), 'utf8');

  it('finds the widgets', () => {
    expect(widgets.length).toBeGreaterThanOrEqual(10);
  });

  it.each(widgets)('%s has Name.astro and Name.svelte and is exported from widgets/index.ts', (name) => {
    expect(existsSync(join(widgetsDir, name, `${name}.astro`))).toBe(true);
    expect(existsSync(join(widgetsDir, name, `${name}.svelte`))).toBe(true);
    expect(index).toContain(`export { default as ${name} } from './${name}/${name}.astro';`);
  });

  it.each(widgets)('%s imports no other widget folder', (name) => {
    const foreign = codeFiles(join(widgetsDir, name)).flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter((spec) => {
          const m = /^(?:~\/components\/widgets\/|(?:\.\.\/)+)([A-Za-z]+)\//.exec(spec);
          return m !== null && m[1] !== 'shared' && m[1] !== name && widgets.includes(m[1]!);
        })
        .map((spec) => `${rel(file)} → ${spec}`),
    );
    expect(foreign).toEqual([]);
  });

  it.each(widgets)('%s: the lesson tag renders the island inside a widget-frame', (name) => {
    const tag = readFileSync(join(widgetsDir, name, `${name}.astro`), 'utf8');
    const frame = /<div class="[^"]*\bwidget-frame\b[^"]*"[^>]*>/.exec(tag);
    expect(frame, `${name}.astro has no <div class="… widget-frame">`).not.toBeNull();
    expect(tag.indexOf('client:'), 'the island comes after the frame opens').toBeGreaterThan(frame!.index);
  });

  it.each(widgets)("%s: the island's root element carries data-widget and data-pagefind-ignore", (name) => {
    const markup = markupOf(readFileSync(join(widgetsDir, name, `${name}.svelte`), 'utf8')).trim();
    const rootTag = /^<[a-z]+\b[^>]*>/.exec(markup)?.[0] ?? '';
    expect(rootTag).toContain(`data-widget="${name}"`);
    expect(rootTag).toMatch(/\sdata-pagefind-ignore[\s>]/);
  });
});

describe('islands', () => {
  const astroFiles = codeFiles(src).filter((f) => f.endsWith('.astro'));
  const islands = astroFiles.flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/<[A-Z]\w*\s[^>]*\bclient:[a-z]+[^>]*>/g)].map(
      (m) => [rel(file), m[0]] as const,
    ),
  );

  it('finds the islands', () => {
    expect(islands.length).toBeGreaterThanOrEqual(widgets.length);
  });

  it.each(islands)('%s: the island receives locale', (_file, tag) => {
    expect(tag).toMatch(/\{locale\}|\blocale=\{/);
  });
});

describe('imports', () => {
  const files = [...codeFiles(src), ...codeFiles(join(root, 'test'))];

  it('TensorFlow.js (@tensorflow/) is imported only under src/lib/tf', () => {
    const outside = files
      .filter((file) => !rel(file).startsWith('src/lib/tf/'))
      .flatMap((file) =>
        importsOf(readFileSync(file, 'utf8'))
          .filter((spec) => spec.startsWith('@tensorflow/'))
          .map((spec) => `${rel(file)} → ${spec}`),
      )
      .filter((hit) => !hit.startsWith('test/'));
    expect(outside).toEqual([]);
  });

  it('imports that leave their folder use the ~/ alias (src and test reaching into src)', () => {
    const relativeOut = files.flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter((spec) => spec.startsWith('../') && join(file, '..', spec).startsWith(src + sep))
        .map((spec) => `${rel(file)} → ${spec}`),
    );
    expect(relativeOut).toEqual([]);
  });
});
