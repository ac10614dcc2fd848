/**
 * `client:staged` — like `client:visible` (the island hydrates when it scrolls into view), but the
 * island's modules are evaluated in one main-thread task and the island hydrates in the next, so a
 * phone runs two shorter tasks instead of one long one (a long task blocks taps and scrolling, and
 * Lighthouse's Total Blocking Time counts every millisecond of a task past 50 ms at 4× CPU
 * slowdown: a task should stay under about 12 ms of this machine's CPU; issue 12). An island
 * can stage more of its own work after hydrating (the Architecture Lab does).
 * Registered in astro.config.mjs (`addClientDirective`); Astro inlines it into pages that use it.
 */
import type { ClientDirective } from 'astro';

declare module 'astro' {
  interface AstroClientDirectives {
    /** hydrate when visible, in the task after the island's code has loaded */
    'client:staged'?: boolean;
  }
}

const directive: ClientDirective = (load, _options, el) => {
  const observer = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    observer.disconnect();
    void (async () => {
      const hydrate = await load();
      await new Promise((next) => setTimeout(next, 0));
      await hydrate();
    })();
  });
  for (const child of Array.from(el.children)) observer.observe(child);
};

export default directive;
