/**
 * Notebook cells in Chromium, in both locales, on lesson 1 (which has at least two cells): the
 * editor is not downloaded until the reader focuses the code; keyboard editing and Ctrl+Enter;
 * Run all in page order with names shared between cells; an endless loop stopped within 2 s and
 * the kernel usable after; errors at the reader's line; WebGL; Restart frees tensors; Reset;
 * edits kept across a reload; axe; no sideways scrolling at 360 px.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect, axeViolations, placeholdersMeasured } from './fixtures';
import { readFileSync } from 'node:fs';
import { translate, type Locale, type Strings, type UiKey } from '~/i18n/translate';

// the locale files, read as data (Playwright's loader does not import JSON modules)
const uiStrings = Object.fromEntries(
  (['en', 'ko'] as const).map((l) => [l, JSON.parse(readFileSync(`src/content/i18n/${l}.json`, 'utf8'))]),
) as Record<Locale, Strings>;

const LESSONS: Record<Locale, string> = {
  en: '/lessons/01-convolution-and-parameters/',
  ko: '/ko/lessons/01-convolution-and-parameters/',
};
// generous: the first run starts the worker and loads TensorFlow.js, slow on a busy machine
const KERNEL_MS = 90_000;
const EDITOR_CHUNK = /\/cell-editor\.[\w-]+\.js$/;

/** The text of `key` in `locale` with placeholders filled; `{x}` left as a regex wildcard when `values` omits x. */
function sentence(locale: Locale, key: UiKey, values: Record<string, string | number> = {}): RegExp {
  const marker = '\u0000';
  const template = translate(uiStrings[locale], key, values).replace(/\{\w+\}/g, marker);
  const escaped = template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replaceAll(marker, '.+?');
  return new RegExp(escaped);
}

const cell = (page: Page, i: number) => page.locator('[data-cell]').nth(i);
const output = (c: Locator) => c.locator('[data-cell-output]');
const statusOf = (c: Locator) => c.locator('[data-cell-status]');

/**
 * Scrolls cell i into view and waits until its island has hydrated (its Run button works). Only
 * once the lesson's placeholders are measured: before that, blocks rendering above the cell could
 * move it out of view again.
 */
async function readyCell(page: Page, i: number): Promise<Locator> {
  const c = cell(page, i);
  await placeholdersMeasured(page);
  await c.scrollIntoViewIfNeeded();
  await expect(c.locator('[data-cell-run]')).toBeEnabled({ timeout: 20_000 });
  return c;
}

/** Reaches the cell's code with the keyboard (Shift+Tab back from its Run button) and waits for the editor. */
async function openEditorByKeyboard(page: Page, c: Locator) {
  await c.locator('[data-cell-run]').focus();
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Shift+Tab');
    // the highlighted code (a <pre>) or the editor, not the copy button beside them
    const inCode = await c
      .locator('[data-cell-code]')
      .evaluate((el) => el.contains(document.activeElement?.closest('pre, .cm-editor') ?? null));
    if (inCode) break;
  }
  const editor = c.locator('.cm-content');
  await expect(editor).toBeFocused({ timeout: KERNEL_MS });
  return editor;
}

/** Replaces the cell's code by typing in its editor (opening it by keyboard first when needed). */
async function typeCode(page: Page, c: Locator, code: string) {
  const editor = c.locator('.cm-content');
  if (!(await editor.isVisible())) await openEditorByKeyboard(page, c);
  await editor.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText(code);
}

async function runAndWait(c: Locator) {
  await c.locator('[data-cell-run]').click();
  await expect(output(c)).toHaveAttribute('data-state', 'done', { timeout: KERNEL_MS });
}

for (const locale of ['en', 'ko'] as const) {
  const lesson = LESSONS[locale];

  test.describe(`notebook cells (${locale})`, () => {
    test.describe.configure({ timeout: 240_000 });

    test('the editor loads only on focus; keyboard edit, Ctrl+Enter, kept across a reload, Reset', async ({
      page,
      watch,
    }) => {
      void watch;
      const editorRequests: string[] = [];
      page.on('request', (r) => {
        if (EDITOR_CHUNK.test(new URL(r.url()).pathname)) editorRequests.push(r.url());
      });
      await page.goto(lesson);
      expect(await page.locator('[data-cell]').count()).toBeGreaterThanOrEqual(2);
      const c = await readyCell(page, 0);
      const authorCode = (await c.locator('[data-cell-code] pre:visible').innerText()).trim();
      await page.waitForLoadState('networkidle');
      expect(editorRequests, 'no editor code before the reader focuses a cell').toEqual([]);
      await expect(page.locator('.cm-editor')).toHaveCount(0);

      const editor = await openEditorByKeyboard(page, c);
      expect(editorRequests.length).toBe(1);
      await expect(editor).toHaveAttribute(
        'aria-label',
        translate(uiStrings[locale], 'cell.editorLabel', { n: 1 }),
      );
      await expect(editor).toContainText(authorCode.split('\n')[0]!.trim());

      await typeCode(page, c, 'const answer = 6 * 7;\nanswer');
      await page.keyboard.press('ControlOrMeta+Enter');
      await expect(output(c)).toHaveAttribute('data-state', 'done', { timeout: KERNEL_MS });
      await expect(output(c).locator('.out-value')).toHaveText('42');
      await expect(c.locator('[data-cell-reset]')).toBeEnabled();

      // Tab leaves the editor (it is not trapped)
      await editor.focus();
      await page.keyboard.press('Tab');
      await expect(editor).not.toBeFocused();

      // the edit is kept on this device, as plain code until the reader opens the editor again
      await page.reload();
      const again = await readyCell(page, 0);
      await expect(again.locator('[data-cell-code] pre:visible')).toHaveText('const answer = 6 * 7;\nanswer');
      await expect(again.locator('[data-cell-reset]')).toBeEnabled();

      await again.locator('[data-cell-reset]').click();
      await expect(again.locator('[data-cell-code] pre:visible')).toContainText(
        authorCode.split('\n')[0]!.trim(),
      );
      await expect(again.locator('[data-cell-reset]')).toBeDisabled();
      await page.reload();
      const fresh = await readyCell(page, 0);
      await expect(fresh.locator('[data-cell-reset]')).toBeDisabled();
      // innerText is empty while the code block skips rendering, so poll until it has rendered
      await expect
        .poll(async () => (await fresh.locator('[data-cell-code] pre:visible').innerText()).trim())
        .toBe(authorCode);
    });

    test('Run all runs the cells in page order and later cells see earlier names', async ({
      page,
      watch,
    }) => {
      void watch;
      await page.goto(lesson);
      const first = await readyCell(page, 0);
      await typeCode(page, first, 'const shared = 6 * 7;\nshared');
      const second = await readyCell(page, 1);
      await typeCode(page, second, 'shared + 1');
      await first.locator('[data-cell-run-all]').click();
      await expect(output(second)).toHaveAttribute('data-state', 'done', { timeout: KERNEL_MS });
      await expect(output(first).locator('.out-value')).toHaveText('42');
      await expect(output(second).locator('.out-value')).toHaveText('43');
      const cells = await page
        .locator('[data-cell-output]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-state')));
      expect(cells.every((s) => s === 'done')).toBe(true);
    });

    test('an endless loop is stopped within 2 s and the kernel works again', async ({ page, watch }) => {
      void watch;
      await page.goto(lesson);
      const c = await readyCell(page, 0);
      // start the kernel first, so the time measured is the loop's, not tfjs loading
      await typeCode(page, c, '1 + 1');
      await runAndWait(c);
      await typeCode(page, c, 'let spins = 0;\nwhile (true) { spins++; }');
      await c.locator('[data-cell-run]').click();
      await expect(output(c)).toHaveAttribute('data-state', 'running');
      const stop = c.locator('[data-cell-stop]');
      await expect(stop).toBeEnabled();
      // measured in the page (the test runner's own round trips are slow on a busy machine)
      const elapsed = await c.evaluate(
        (root) =>
          new Promise<number>((resolve) => {
            const out = root.querySelector('[data-cell-output]')!;
            const t0 = performance.now();
            new MutationObserver(() => {
              if (out.getAttribute('data-state') === 'stopped') resolve(performance.now() - t0);
            }).observe(out, { attributes: true });
            (root.querySelector('[data-cell-stop]') as HTMLButtonElement).click();
          }),
      );
      expect(elapsed).toBeLessThan(2000);
      await expect(output(c)).toHaveAttribute('data-state', 'stopped');
      await expect(statusOf(c)).toHaveText(sentence(locale, 'cell.stopped'));
      // the page did not freeze, and a new kernel runs the next cell
      await typeCode(page, c, '[1, 2, 3].map((v) => v * 2)');
      await runAndWait(c);
      await expect(output(c).locator('.out-value')).toContainText('2, 4, 6');
    });

    test('an error names the line of the reader’s code', async ({ page, watch }) => {
      void watch;
      await page.goto(lesson);
      const c = await readyCell(page, 0);
      await typeCode(page, c, 'const a = 1;\nconst b = 2;\nnull.boom;\nconst d = 4;');
      await runAndWait(c);
      const error = output(c).locator('.out-error');
      await expect(error).toContainText('TypeError');
      await expect(error).toContainText(translate(uiStrings[locale], 'cell.errorLine', { line: 3 }));
      await expect(statusOf(c)).toHaveText(new RegExp(`^${sentence(locale, 'cell.failed').source}`));
    });

    test('cells run on WebGL; Restart frees every tensor', async ({ page, watch }) => {
      void watch;
      await page.goto(lesson);
      const c = await readyCell(page, 0);
      await runAndWait(c); // the author's code, unchanged
      await expect(statusOf(c)).toHaveText(sentence(locale, 'cell.ranWebgl', { version: 2 }));
      await expect(output(c).locator('.out-error')).toHaveCount(0);

      const d = await readyCell(page, 1);
      await typeCode(page, d, 'const kept = [tf.ones([3, 3]), tf.zeros([2])];\nkept.length');
      await runAndWait(d);
      await expect(statusOf(d)).toContainText(sentence(locale, 'cell.tensors', { created: 2 }));
      await d.locator('[data-cell-restart]').click();
      await expect(statusOf(d)).toHaveText(sentence(locale, 'cell.restarted', { live: 0 }));
      // after the restart only what the next run creates is alive
      await runAndWait(d);
      await expect(statusOf(d)).toContainText(
        translate(uiStrings[locale], 'cell.tensors', { created: 2, live: 2 }),
      );
    });

    test('axe finds nothing and the page does not scroll sideways at 360 px', async ({ page, watch }) => {
      void watch;
      await page.setViewportSize({ width: 360, height: 800 });
      await page.goto(lesson);
      const c = await readyCell(page, 0);
      await runAndWait(c);
      await openEditorByKeyboard(page, c);
      await readyCell(page, 1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(
        true,
      );
      expect(await axeViolations(page)).toEqual([]);
    });
  });
}
