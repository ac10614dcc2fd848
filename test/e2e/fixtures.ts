/**
 * Shared e2e fixtures: every test page is watched for console errors, uncaught exceptions,
 * Content-Security-Policy violations and requests to any host other than the site's own, and each
 * test fails if any occur.
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { placeholdersMeasured } from '../../scripts/widget-change.mjs';

export interface PageWatch {
  consoleErrors: string[];
  foreignRequests: string[];
  /** what the page's Content-Security-Policy refused (securitypolicyviolation events) */
  cspViolations: string[];
}

/** Prefix of the console line the init script below writes for each CSP violation. */
const CSP_VIOLATION = 'CSP violation:';

export const test = base.extend<{ watch: PageWatch }>({
  // auto: every test's page is watched, whether or not the test reads `watch` itself
  watch: [
    async ({ page, baseURL }, use) => {
      const watch: PageWatch = { consoleErrors: [], foreignRequests: [], cspViolations: [] };
      const ownOrigin = new URL(baseURL!).origin;
      // Chromium also logs "Refused to …" as a console error; the event names the directive and source.
      await page.addInitScript((prefix) => {
        document.addEventListener('securitypolicyviolation', (e) =>
          console.info(
            `${prefix} ${e.effectiveDirective} refused ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
          ),
        );
      }, CSP_VIOLATION);
      page.on('console', (msg) => {
        if (msg.text().startsWith(CSP_VIOLATION)) watch.cspViolations.push(msg.text());
        else if (msg.type() === 'error') watch.consoleErrors.push(`${msg.text()} (${msg.location().url})`);
      });
      page.on('pageerror', (err) => watch.consoleErrors.push(`uncaught: ${err.message}`));
      page.on('request', (req) => {
        const url = new URL(req.url());
        if (['data:', 'blob:'].includes(url.protocol)) return;
        if (url.origin !== ownOrigin) watch.foreignRequests.push(req.url());
      });
      await use(watch);
      expect(watch.cspViolations, 'Content-Security-Policy violations').toEqual([]);
      expect(watch.consoleErrors, 'console errors').toEqual([]);
      expect(watch.foreignRequests, 'requests to other hosts').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Every built page, as a URL path ("/", "/ko/lessons/…/"), read from dist/. */
export function builtPages(dist = 'dist'): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) {
        if (name !== '_astro' && name !== 'pagefind') walk(full);
      } else if (name === 'index.html') {
        const rel = relative(dist, dir).split('\\').join('/');
        out.push(rel === '' ? '/' : `/${rel}/`);
      }
    }
  };
  walk(dist);
  return out.sort();
}

/**
 * axe with the WCAG 2.x A/AA rule sets (2.0, 2.1, 2.2), on the page as a reader sees each part of
 * it once scrolled there: off-screen lesson blocks skip rendering (`content-visibility: auto`), and
 * axe's geometric checks (a text's background, a target's size) read a skipped block's placeholder
 * box — e.g. a subscript "measured" on top of a heatmap cell that really sits elsewhere. So every
 * block is rendered for the audit, and the page is put back afterwards. Legacy mode runs axe in
 * the page itself: the default (`runPartial`, then `finishRun` in a new blank page, for
 * cross-origin frames, which the site has none of) took about 2 s longer per audit, on every page.
 */
export async function axeViolations(page: Page) {
  await page.evaluate(async () => {
    const style = document.createElement('style');
    style.id = 'axe-render-all';
    style.textContent = '* { content-visibility: visible !important; }';
    document.head.append(style);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .setLegacyMode(true)
    .analyze()
    .finally(() => page.evaluate(() => document.getElementById('axe-render-all')?.remove()));
  return results.violations.map((v) => ({
    id: v.id,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
  }));
}

/** Switches Starlight's theme before the page loads (it reads localStorage). */
export async function useTheme(page: Page, theme: 'light' | 'dark') {
  await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
}

/**
 * Waits until every off-screen lesson block stands in at its measured height (measure-placeholders.ts):
 * the benchmarks' wait, which moves the pointer first since the measuring starts at the reader's
 * first activity (a pointer move, not a scroll or key, which would let an #anchor's target go).
 */
export { placeholdersMeasured };

/**
 * Opens `path`, scrolls the widget `[data-widget="<widgetName>"]` into view (its island is
 * client:visible) and waits until it has hydrated: Astro removes the island's ssr attribute then.
 * It scrolls once the off-screen blocks have their measured placeholders (about a second after
 * load), as a reader who scrolls there would: before that, blocks above the widget rendering at
 * their real heights could still move it under the next click (placeholders.spec.ts), or out of
 * view again so that its island never hydrated. `timeout`: the wait for hydration (default: the
 * expect timeout).
 */
export async function hydrated(page: Page, path: string, widgetName: string, timeout?: number) {
  await page.goto(path);
  await placeholdersMeasured(page);
  await page.locator(`[data-widget="${widgetName}"]`).scrollIntoViewIfNeeded();
  await expect(page.locator(`astro-island:has([data-widget="${widgetName}"])`)).not.toHaveAttribute(
    'ssr',
    /.*/,
    { timeout },
  );
}

/** Types `value` into a field with the keyboard only: focus, select all, then type it (or Backspace to empty it). */
export async function typeInto(page: Page, field: Locator, value: string) {
  await field.focus();
  await page.keyboard.press('ControlOrMeta+A');
  if (value === '') await page.keyboard.press('Backspace');
  else await page.keyboard.type(value);
}
