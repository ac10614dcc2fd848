// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import svelte from '@astrojs/svelte';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import rehypeFocusableScroll from './src/lib/markdown/rehype-focusable-scroll.mjs';
import remarkCheckCitations from './src/lib/markdown/remark-check-citations.mjs';
import remarkCells from './src/lib/markdown/remark-cells.mjs';
import rehypeCheckKatex from './src/lib/markdown/rehype-check-katex.mjs';
import rehypeLeanMath from './src/lib/markdown/rehype-lean-math.mjs';
import rehypeRenderFold from './src/lib/markdown/rehype-render-fold.mjs';
import contentChecks from './src/lib/markdown/content-checks.mjs';
import contentSecurityPolicy from './scripts/csp.mjs';
import plotWithoutIntl from './scripts/plot-without-intl.mjs';
import compileHints from './scripts/compile-hints.mjs';

/**
 * An integration that registers the client directive `client:<name>` from `entrypoint` (a path from here).
 * @param {string} name
 * @param {string} entrypoint
 * @returns {import('astro').AstroIntegration}
 */
const clientDirective = (name, entrypoint) => ({
  name: `client-${name}`,
  hooks: {
    'astro:config:setup': ({ addClientDirective }) =>
      addClientDirective({ name, entrypoint: fileURLToPath(new URL(entrypoint, import.meta.url)) }),
  },
});
// Notebook cells hydrate with `client:cell`: when visible, or when a run wakes every cell of the page.
const notebookCells = clientDirective('cell', './src/components/notebook/cell-directive.ts');
// Islands that hydrate with `client:staged`: when visible, their code loaded in one task and hydrated in the next.
const stagedIslands = clientDirective('staged', './src/components/widgets/shared/staged-directive.ts');

// KaTeX renders at build time, as MathML only (issue 12): browsers lay MathML Core out natively, and
// KaTeX's default HTML copy beside it tripled the DOM of the formula-heavy lessons (lesson 5: 2,892
// elements, 1.1 s of style and layout on a phone). No KaTeX CSS or fonts are needed (src/styles/course.css).
// remarkCheckCitations fails the build when a lesson's `cites` and its <Cite> tags disagree;
// rehypeCheckKatex when a formula does not render (strict: non-LaTeX input is an error too).
// remarkCells runs each page's ```js cell blocks in a tfjs CPU kernel and renders them as <Cell>
// with their real outputs (a cell that throws, loops or shows NaN fails the build).
const markdownPlugins = {
  remarkPlugins: [remarkMath, remarkCells, remarkCheckCitations],
  rehypePlugins: [
    /** @type {[typeof rehypeKatex, import('rehype-katex').Options]} */ ([
      rehypeKatex,
      { output: 'mathml', strict: 'error' },
    ]),
    rehypeCheckKatex,
    rehypeLeanMath,
    rehypeFocusableScroll,
    // marks where a lesson's first two phone screens end: blocks after it may skip rendering
    rehypeRenderFold,
  ],
};

export default defineConfig({
  site: 'https://convnet-notebook.example',
  markdown: { processor: unified(markdownPlugins) },
  integrations: [
    starlight({
      title: { en: 'ConvNet Notebook', ko: 'ConvNet 노트북' },
      description: 'An interactive course on modern convolutional networks.',
      defaultLocale: 'root',
      locales: {
        root: { label: 'English', lang: 'en' },
        ko: { label: '한국어', lang: 'ko' },
      },
      customCss: ['./src/styles/course.css'],
      components: {
        Search: './src/components/starlight/Search.astro',
        MarkdownContent: './src/components/starlight/MarkdownContent.astro',
        TableOfContents: './src/components/starlight/toc/TableOfContents.astro',
        MobileTableOfContents: './src/components/starlight/toc/MobileTableOfContents.astro',
        MobileMenuToggle: './src/components/starlight/MobileMenuToggle.astro',
      },
      sidebar: [
        {
          label: 'Lessons',
          translations: { ko: '강의' },
          items: [{ autogenerate: { directory: 'lessons' } }],
        },
        {
          label: 'Tools',
          translations: { ko: '도구' },
          items: [{ autogenerate: { directory: 'tools' } }],
        },
      ],
    }),
    svelte(),
    // Missing translations and broken internal links fail the build (src/lib/markdown/content-checks.mjs);
    // every page gets its Content-Security-Policy, workers theirs in _headers (scripts/csp.mjs).
    contentChecks(),
    contentSecurityPolicy(),
    notebookCells,
    stagedIslands,
  ],
  vite: {
    // Plot's en-US number format without Intl, whose first use costs a page ~60 ms (issue 12).
    // The Architecture Lab's hydration runs code V8 compiled eagerly when it loaded (scripts/compile-hints.mjs).
    plugins: [
      plotWithoutIntl(),
      compileHints(['/ArchitectureLab/ArchitectureLab.svelte', '/@astrojs/svelte/dist/client.svelte.js']),
    ],
    // The TensorFlow.js worker (src/lib/tf) is an ES module worker, so it can load its backends as
    // separate chunks (the CPU backend is downloaded only when WebGL is unavailable).
    worker: { format: 'es' },
    // Figures computed at build time by the same ops on the tfjs CPU backend (src/lib/tf/node.ts):
    // tfjs-core's ES modules import files without extensions, which Node cannot resolve on its own,
    // so the server build bundles tfjs (one copy, shared by core, its gradients and the backend).
    environments: Object.fromEntries(
      ['ssr', 'prerender'].map((name) => [
        name,
        { resolve: { noExternal: ['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-cpu'] } },
      ]),
    ),
  },
});
