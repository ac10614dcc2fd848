import { test, expect, builtPages, axeViolations, useTheme } from './fixtures';

const pages = builtPages();

test('the build has the landing page and lesson 2 in both locales', () => {
  for (const path of [
    '/',
    '/ko/',
    '/lessons/02-kernel-size-and-padding/',
    '/ko/lessons/02-kernel-size-and-padding/',
  ])
    expect(pages).toContain(path);
});

/** Scrolls through the page so every client:visible island hydrates, then lets the network settle. */
async function scrollThrough(page: import('@playwright/test').Page) {
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 600) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 30));
    }
  });
  await settle(page);
}

/**
 * Lets the network go quiet, then waits two frames and a task. Off-screen lesson blocks skip
 * rendering (content-visibility: auto) and switch back a frame after they come near the viewport:
 * the last of those switches lands before axe measures anything.
 */
async function settle(page: import('@playwright/test').Page) {
  await page.waitForLoadState('networkidle');
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))),
  );
}

for (const path of pages) {
  // Both themes and both layouts on every page in one load (CI time): light at desktop width, then
  // the same page switched to dark the way Starlight's theme menu does it and narrowed to a phone.
  test(`${path} loads cleanly and passes axe (light 1280 px, then dark 360 px)`, async ({ page, watch }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    await useTheme(page, 'light');
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    for (const theme of ['light', 'dark'] as const) {
      if (theme === 'dark') {
        await page.evaluate(() => {
          localStorage.setItem('starlight-theme', 'dark');
          document.documentElement.dataset.theme = 'dark';
        });
        await page.setViewportSize({ width: 360, height: 800 });
      }
      // every island hydrated on the first pass; the second only lets the narrower layout settle
      if (theme === 'light') await scrollThrough(page);
      else await settle(page);
      expect(await page.getAttribute('html', 'data-theme')).toBe(theme);
      expect(await axeViolations(page), theme).toEqual([]);
      // Nothing may make the whole page scroll sideways (wide content scrolls inside its own box).
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
        theme,
      ).toBe(true);
    }
    expect(watch.consoleErrors).toEqual([]);
  });
}

test('Korean pages are in Korean', async ({ page, watch }) => {
  await page.goto('/ko/lessons/02-kernel-size-and-padding/');
  expect(await page.getAttribute('html', 'lang')).toBe('ko');
  await expect(page.locator('h1')).toContainText('패딩');
  expect(watch.foreignRequests).toEqual([]);
});

test('the landing page lists every lesson with its objectives', async ({ page, watch }) => {
  await page.goto('/lessons/02-kernel-size-and-padding/');
  const objectives = await page.locator('.objectives li').count();
  // The lessons in the sidebar are the ones that exist; the course map lists exactly those.
  const published = await page.locator('nav[aria-label="Main"] a[href^="/lessons/"]').count();
  await page.goto('/');
  const lesson = page.locator('.course-map li[data-lesson="2"]');
  await expect(lesson.getByRole('link')).toHaveAttribute('href', '/lessons/02-kernel-size-and-padding/');
  await expect(lesson.locator('ul li')).toHaveCount(objectives);
  expect(published).toBeGreaterThan(0);
  await expect(page.locator('.course-map > ol > li')).toHaveCount(published);
  await expect(page.locator('.course-summary')).toContainText(`${published} lessons`);
  await page.goto('/ko/');
  await expect(page.locator('.course-map li[data-lesson="2"] a')).toHaveAttribute(
    'href',
    '/ko/lessons/02-kernel-size-and-padding/',
  );
  expect(watch.consoleErrors).toEqual([]);
});

for (const [path, row, column] of [
  ['/lessons/02-kernel-size-and-padding/', 'Row', 'Column'],
  ['/ko/lessons/02-kernel-size-and-padding/', '행', '열'],
] as const)
  test(`${path}: the pooling example names each number's row and column, in headers that take no room`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(path);
    const table = page.locator('table.pool-example');
    await table.scrollIntoViewIfNeeded();
    const columns = table.getByRole('columnheader');
    await expect(columns).toHaveCount(4);
    await expect(table.getByRole('rowheader')).toHaveCount(4);
    for (let i = 0; i < 4; i++) {
      await expect(columns.nth(i)).toHaveAccessibleName(
        new RegExp(`${i + 1}\\s*${column}|${column}\\s*${i + 1}`),
      );
      await expect(table.getByRole('rowheader').nth(i)).toHaveAccessibleName(
        new RegExp(`${i + 1}\\s*${row}|${row}\\s*${i + 1}`),
      );
      // every data cell sits under a column header and beside a row header of its own
      await expect(table.locator(`tbody tr:nth-child(${i + 1}) > :is(th, td)`)).toHaveCount(5);
    }
    await expect(table.locator('tbody td')).toHaveCount(16);
    // the headers are for screen readers: the column headers' row and the row headers' column are at
    // most the 1 px half of the grid's collapsed outer border, so the grid looks as it did without them
    const size = (cells: Element[]) =>
      cells.map((c) => ({
        width: c.getBoundingClientRect().width,
        height: c.getBoundingClientRect().height,
      }));
    for (const box of await table.locator('thead :is(th, td)').evaluateAll(size))
      expect(box.height).toBeLessThanOrEqual(1.5);
    for (const box of await table.locator('tbody th').evaluateAll(size))
      expect(box.width).toBeLessThanOrEqual(1.5);
  });

test('on a phone the menu button opens the menu over a page that stays put, and closes it', async ({
  page,
  watch,
}) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto('/ko/lessons/08-resnet/');
  const button = page.locator('button.sl-menu-button');
  const menu = page.locator('#starlight__sidebar');
  const overflow = () => page.evaluate(() => getComputedStyle(document.body).overflow);
  const shown = (icon: string) =>
    button.locator(icon).evaluate((e) => getComputedStyle(e).display !== 'none');
  await expect(button).toHaveAccessibleName('메뉴');
  expect([await shown('.open-menu'), await shown('.close-menu')]).toEqual([true, false]);
  expect(await overflow()).not.toBe('hidden');
  // keyboard: focus the button and press Enter
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toBeVisible();
  expect([await shown('.open-menu'), await shown('.close-menu')]).toEqual([false, true]);
  // the page behind the open menu does not scroll (MobileMenuToggle.astro's rule)
  expect(await overflow()).toBe('hidden');
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  expect(await overflow()).not.toBe('hidden');
  // pointer: open and close with the same button
  await button.click();
  await expect(menu).toBeVisible();
  expect(await overflow()).toBe('hidden');
  await button.click();
  await expect(menu).toBeHidden();
  expect([await shown('.open-menu'), await shown('.close-menu')]).toEqual([true, false]);
  // wider than 50rem the button is hidden and the sidebar is part of the page
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(button).toBeHidden();
  expect(watch.consoleErrors).toEqual([]);
});
