/**
 * Helpers of the robustness specs (fuzz, Lab hostile input, TensorFlow.js memory): what must never
 * reach the reader, and whether the page still answers.
 */
import type { Locator, Page } from '@playwright/test';
import { hydrated } from './fixtures';

/** Text that must never reach the reader. */
export const BAD_TEXT = /\b(NaN|Infinity|undefined|null)\b/;

/** Attributes a screen reader reads out; they must be free of BAD_TEXT too. */
export const READ_ATTRIBUTES = ['aria-label', 'aria-valuetext', 'aria-valuenow', 'title', 'alt'];

/**
 * Waits two animation frames (Svelte has flushed what the last key changed), then lists the lines
 * of the element's visible text and the read-out attributes inside it that contain BAD_TEXT, and
 * whether each selector in `visible` matches a visible element there.
 */
export async function inspect(
  root: Locator,
  visible: Record<string, string> = {},
): Promise<{ bad: string[]; shown: Record<string, boolean> }> {
  return root.evaluate(
    async (el, { source, attributes, visible }) => {
      await new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
      const bad = new RegExp(source);
      const found: string[] = [];
      for (const line of (el as HTMLElement).innerText.split('\n'))
        if (bad.test(line)) found.push(`text: ${line.trim()}`);
      for (const node of [el, ...Array.from(el.querySelectorAll('*'))])
        for (const attr of attributes) {
          const v = node.getAttribute(attr);
          if (v !== null && bad.test(v)) found.push(`${node.tagName.toLowerCase()}[${attr}]: ${v}`);
        }
      const shown: Record<string, boolean> = {};
      for (const [key, sel] of Object.entries(visible))
        shown[key] = Array.from(el.querySelectorAll<HTMLElement>(sel)).some((e) => e.offsetParent !== null);
      return { bad: found, shown };
    },
    { source: BAD_TEXT.source, attributes: READ_ATTRIBUTES, visible },
  );
}

/**
 * How long the page may take to answer (issue 12: 2 s). `E2E_RESPONSIVE_MS` widens it on a machine
 * so loaded that an idle page's round trip alone takes seconds; CI uses the default.
 */
export const RESPONSIVE_MS = Number(process.env.E2E_RESPONSIVE_MS ?? 2000);

/**
 * Asks the page's main thread for an answer and fails if none comes within `ms` (a frozen page).
 * Returns how long the answer took.
 */
export async function expectResponsive(page: Page, ms = RESPONSIVE_MS): Promise<number> {
  const started = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      page.evaluate(() => 1),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the page did not answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
  return Date.now() - started;
}

/** `hydrated` with room for a loaded machine (up to `ms` for the island to hydrate); returns the widget. */
export async function openWidget(page: Page, path: string, widget: string, ms = 20_000): Promise<Locator> {
  await hydrated(page, path, widget, ms);
  return page.locator(`[data-widget="${widget}"]`);
}
