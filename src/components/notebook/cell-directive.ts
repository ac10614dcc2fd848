/**
 * `client:cell` — how a notebook cell island hydrates: like `client:visible` (when the cell scrolls
 * into view), and also when the page's notebook wakes every cell (`WAKE_EVENT`, sent before a run),
 * so "Run all" reaches cells below the fold and hidden setup cells (`client:cell="setup"`, which
 * have nothing to see) get their code to the kernel. Each island counts itself in
 * `window.__notebookCells`, so the notebook knows how many cells to wait for.
 * Registered in astro.config.mjs (`addClientDirective`); Astro inlines it into pages with cells.
 */
import type { ClientDirective } from 'astro';
import { WAKE_EVENT } from './notebook';

declare module 'astro' {
  interface AstroClientDirectives {
    /** hydrate when visible or when the notebook wakes every cell; "setup": only when woken */
    'client:cell'?: boolean | 'setup';
  }
}

declare global {
  interface Window {
    /** cell islands on this page (hydrated or not) */
    __notebookCells?: number;
  }
}

const directive: ClientDirective = (load, options, el) => {
  window.__notebookCells = (window.__notebookCells ?? 0) + 1;
  let started = false;
  const observer =
    options.value === 'setup'
      ? null
      : new IntersectionObserver((entries) => {
          if (entries.some((e) => e.isIntersecting)) void hydrate();
        });
  async function hydrate() {
    if (started) return;
    started = true;
    observer?.disconnect();
    window.removeEventListener(WAKE_EVENT, hydrate);
    const run = await load();
    await run();
  }
  for (const child of Array.from(el.children)) observer?.observe(child);
  window.addEventListener(WAKE_EVENT, hydrate);
};

export default directive;
