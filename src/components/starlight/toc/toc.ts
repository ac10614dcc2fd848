/**
 * The tables of contents' script: marks the link to the section being read (`aria-current`), and
 * on phones shows that section's name in the bar and closes the dropdown when a link is chosen,
 * on a click elsewhere, or on Escape.
 *
 * Why not Starlight's own: it finds the section of every element of the page with `:has()`
 * selectors, a 30-65 ms main-thread task per table on a lesson (two per page), and Lighthouse's
 * phone simulation turns that into blocking time (issue 12). Here a scroll listener (at most once
 * a frame) measures only the headings the table links to.
 */
import { currentSection } from './toc-section';

/** Runs `f` when the main thread is idle (soon after load), or on the next task where unsupported. */
const idle = (f: () => void) =>
  'requestIdleCallback' in window ? requestIdleCallback(f, { timeout: 2000 }) : setTimeout(f, 1);

class CourseToc extends HTMLElement {
  #links: HTMLAnchorElement[] = [];
  #headings: (HTMLElement | null)[] = [];
  #current: HTMLAnchorElement | undefined;
  #line = 0;
  #frame = 0;

  connectedCallback() {
    this.#links = [...this.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')];
    const details = this.querySelector('details');
    if (details) this.#closeWhenDone(details);
    idle(() => {
      this.#headings = this.#links.map((a) => document.getElementById(decodeURIComponent(a.hash.slice(1))));
      this.#line = this.#readingLine();
      this.#update();
      addEventListener('scroll', this.#schedule, { passive: true });
      addEventListener('resize', () => {
        this.#line = this.#readingLine();
        this.#schedule();
      });
    });
  }

  /** The px from the top of the window where a section starts to count as being read. */
  #readingLine(): number {
    const header = document.querySelector('header')?.getBoundingClientRect().height ?? 0;
    const bar = this.querySelector('summary')?.getBoundingClientRect().height ?? 0;
    return header + bar + 32;
  }

  #schedule = () => {
    if (this.#frame === 0) this.#frame = requestAnimationFrame(this.#update);
  };

  #update = () => {
    this.#frame = 0;
    const tops = this.#headings.map((h) => (h ? h.getBoundingClientRect().top : Number.NaN));
    const link = this.#links[currentSection(tops, this.#line)];
    if (link) this.#mark(link);
  };

  #mark(link: HTMLAnchorElement) {
    if (link === this.#current) return;
    this.#current?.removeAttribute('aria-current');
    link.setAttribute('aria-current', 'true');
    this.#current = link;
    const display = this.querySelector('.display-current');
    if (display) display.textContent = link.textContent?.trim() ?? '';
  }

  #closeWhenDone(details: HTMLDetailsElement) {
    const close = () => (details.open = false);
    for (const a of this.#links) a.addEventListener('click', close);
    window.addEventListener('click', (e) => {
      if (!details.contains(e.target as Node)) close();
    });
    window.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape' || !details.open) return;
      const hadFocus = details.contains(document.activeElement);
      close();
      if (hadFocus) details.querySelector('summary')?.focus();
    });
  }
}

/** Defines the custom element `name` (once) with the table-of-contents behaviour. */
export function defineToc(name: string) {
  if (!customElements.get(name)) customElements.define(name, class extends CourseToc {});
}
