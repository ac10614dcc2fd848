import { test, expect, builtPages, placeholdersMeasured as measured } from './fixtures';
import type { Page } from '@playwright/test';

// Off-screen lesson blocks skip rendering (content-visibility: auto, course.css) and stand in at
// their measured heights once the page is idle (measure-placeholders.ts). These check what a
// reader would see if the estimates were wrong: the page jumping at load, an #anchor landing in
// the wrong place, a widget moving under the pointer.

/** The layout shifts since the page started loading (Layout Instability API), summed. */
const shiftsSoFar = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) =>
        new PerformanceObserver((list, observer) => {
          observer.disconnect();
          resolve(list.getEntries().reduce((sum, e) => sum + (e as unknown as { value: number }).value, 0));
        }).observe({ type: 'layout-shift', buffered: true }),
      ),
  );

test.describe('lesson placeholders', () => {
  for (const path of [
    '/lessons/01-convolution-and-parameters/',
    '/lessons/09-densenet/',
    '/ko/lessons/02-kernel-size-and-padding/',
    '/ko/lessons/05-alexnet/',
  ])
    test(`${path} loads on a phone without the page jumping`, async ({ page }) => {
      await page.setViewportSize({ width: 412, height: 823 });
      await page.goto(path);
      await measured(page);
      // A shift is only reported when one happened; with none the observer never calls back.
      const total = await Promise.race([shiftsSoFar(page), page.waitForTimeout(500).then(() => 0)]);
      expect(total).toBeLessThan(0.005);
    });

  for (const [path, id] of [
    ['/lessons/02-kernel-size-and-padding/', 'pooling-a-summary-of-each-window'],
    ['/ko/lessons/09-densenet/', '대가-활성값-메모리'],
  ])
    test(`${path}#${id} stays where the browser scrolled it while blocks are measured (1280 px)`, async ({
      page,
    }) => {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`${path}#${id}`);
      const heading = page.locator(`[id="${id}"]`);
      const before = await heading.evaluate((h) => h.getBoundingClientRect().top);
      await measured(page);
      await page.waitForTimeout(300);
      expect(Math.abs((await heading.evaluate((h) => h.getBoundingClientRect().top)) - before)).toBeLessThan(
        3,
      );
    });

  test('every skipped block stands in at the height it has when rendered', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/lessons/02-kernel-size-and-padding/');
    await measured(page);
    const off = await page.evaluate(async () => {
      const blocks = [...document.querySelectorAll<HTMLElement>('.sl-markdown-content *')].filter(
        (el) => getComputedStyle(el).contentVisibility === 'auto',
      );
      const skipped = blocks.map((el) => el.getBoundingClientRect().height);
      const style = document.createElement('style');
      style.textContent = '* { content-visibility: visible !important; }';
      document.head.append(style);
      const rendered = blocks.map((el) => el.getBoundingClientRect().height);
      style.remove();
      return {
        blocks: blocks.length,
        wrong: blocks.flatMap((el, i) =>
          Math.abs(skipped[i]! - rendered[i]!) > 1
            ? [
                `${el.tagName}.${el.className} ${skipped[i]} vs ${rendered[i]}: ${el.textContent?.slice(0, 40)}`,
              ]
            : [],
        ),
      };
    });
    expect(off.blocks).toBeGreaterThan(20);
    expect(off.wrong).toEqual([]);
  });

  test("a widget deep in a lesson stays put once scrolled into view (lesson 2's PoolingExplorer, 1280 px)", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/lessons/02-kernel-size-and-padding/');
    await measured(page);
    const widget = page.locator('[data-widget="PoolingExplorer"]');
    await widget.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const top = await widget.evaluate((el) => el.getBoundingClientRect().top);
    await page.waitForTimeout(500);
    expect(Math.abs((await widget.evaluate((el) => el.getBoundingClientRect().top)) - top)).toBeLessThan(3);
  });
});

// Chrome's autofill looks at every text field, select and form control when a page has loaded,
// and to know whether one can take focus it lays out the skipped block around it: lesson 10's quiz
// and two widgets were styled and laid out in one 30 ms task at load, after the first paint, where
// Total Blocking Time counts it (issue 12). So no block that skips rendering may hold one: widgets
// skip their figures, not their controls, and the quiz is rendered with the page.
test('no block that skips rendering holds a text field, a select or a form', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 412, height: 823 });
  const lessons = builtPages().filter((path) => path.includes('/lessons/'));
  expect(lessons.length).toBeGreaterThanOrEqual(22);
  for (const path of lessons) {
    await page.goto(path);
    const held = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.sl-markdown-content *')]
        .filter((el) => getComputedStyle(el).contentVisibility === 'auto')
        .flatMap((el) =>
          [
            ...el.querySelectorAll(
              "input:not([type='radio'], [type='checkbox'], [type='range']), select, textarea, form",
            ),
          ].map((control) => `${el.tagName}.${el.className} holds ${control.tagName}`),
        ),
    );
    expect(held, path).toEqual([]);
  }
});

test('a lesson opened with a damaged #fragment still measures its blocks, without an error', async ({
  page,
}) => {
  // `watch` (fixtures.ts) fails the test on any uncaught exception or console error.
  for (const fragment of ['%', '%E0%A4%A', 'no-such-heading']) {
    await page.goto(`/lessons/02-kernel-size-and-padding/#${fragment}`);
    await measured(page);
  }
});
