import type { KatexOptions } from 'katex';

/**
 * KaTeX options for every widget formula (build time and in the island): display mode, MathML
 * only. The browser lays MathML out natively, so the site loads no KaTeX CSS or fonts and a formula
 * costs a few dozen elements instead of a few hundred (issue 12; lesson formulas are rendered the
 * same way by rehype-katex in astro.config.mjs; fonts in src/styles/course.css).
 */
export const widgetFormula = { displayMode: true, output: 'mathml' } as const satisfies KatexOptions;
