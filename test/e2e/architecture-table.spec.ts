import { test, expect, hydrated } from './fixtures';
import type { Page } from '@playwright/test';

const table = (page: Page) => page.locator('[data-widget="ArchitectureTable"]');
const PATH = '/lessons/03-a-sense-of-scale/';

const open = (page: Page, path = PATH) => hydrated(page, path, 'ArchitectureTable');

test('without JavaScript the AlexNet table is on the page behind a native disclosure', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(PATH);
  await table(page).locator('summary').click();
  await expect(table(page).getByTestId('summary')).toHaveAttribute('data-total', '60965224');
  await expect(table(page).locator('tr[data-layer="fc6"] td[data-col="params"]')).toHaveText('37,752,832');
  await context.close();
});

test('keyboard: guess the power of ten, then see the table', async ({ page, watch }) => {
  await open(page);
  const radios = table(page).getByRole('radio');
  await radios.first().focus(); // 10⁴
  await page.keyboard.press('ArrowDown'); // 10⁵
  await page.keyboard.press('ArrowDown'); // 10⁶
  await page.keyboard.press('ArrowDown'); // 10⁷
  await table(page).getByRole('button', { name: 'Check my guess' }).focus();
  await page.keyboard.press('Enter');
  await expect(table(page).getByTestId('guess-verdict')).toContainText(
    'Right: 60,965,224 is in the 10⁷ range',
  );
  await expect(table(page).locator('details')).toHaveAttribute('open', '');
  // FC layers: (37,752,832 + 16,781,312 + 4,097,000) / 60,965,224 = 96.2 %
  await expect(table(page).getByTestId('shares')).toContainText('fully-connected layers 96.2%');
  await expect(table(page).getByTestId('total-params')).toHaveText('60,965,224');
  expect(watch.consoleErrors).toEqual([]);
});

test('pointer: a wrong guess says how far off, another preset recomputes', async ({ page }) => {
  await open(page);
  await table(page).getByRole('button', { name: 'Check my guess' }).click();
  await expect(table(page).getByTestId('guess-verdict')).toContainText('Pick one of the ranges first');
  await table(page).getByLabel(/10⁵/).check();
  await table(page).getByRole('button', { name: 'Check my guess' }).click();
  await expect(table(page).getByTestId('guess-verdict')).toContainText('2 power(s) of ten');
  await table(page).getByTestId('preset').selectOption('vgg16');
  await expect(table(page).getByTestId('summary')).toHaveAttribute('data-total', '138357544');
  await expect(table(page).getByTestId('chart').locator('svg[role="img"]')).toHaveAttribute(
    'aria-label',
    /VGG-16/,
  );
  await table(page).getByTestId('preset').selectOption('resnet50');
  await expect(table(page).getByTestId('summary')).toHaveAttribute('data-total', '25557032');
  await expect(table(page).getByTestId('shares')).toContainText('Batch normalization');
});

test('Korean', async ({ page }) => {
  await open(page, `/ko${PATH}`);
  await table(page).getByLabel(/10⁸/).check();
  await table(page).getByRole('button', { name: '확인하기' }).click();
  await expect(table(page).getByTestId('guess-verdict')).toContainText('10⁷ 규모');
});
