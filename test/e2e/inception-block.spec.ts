import { test, expect, hydrated, typeInto } from './fixtures';
import type { Page } from '@playwright/test';

const PATH = '/lessons/07-googlenet/';
const widget = (page: Page) => page.locator('[data-widget="InceptionBlock"]');
const fieldInput = (page: Page, name: string) => widget(page).locator(`input[data-field="${name}"]`);
const cell = (page: Page, id: string) => widget(page).getByTestId(id);

test('inception 3a without JavaScript: 163,328 weights, 163,696 parameters, 256 channels', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(PATH);
  const result = widget(page).getByTestId('result');
  await expect(result).toHaveAttribute('data-weights', '163328');
  await expect(result).toHaveAttribute('data-params', '163696');
  await expect(cell(page, 'params-total')).toHaveText('163,696');
  await expect(cell(page, 'out-total')).toHaveText('256');
  // MACs = 28·28·163,328 (every convolution stride 1, same padding)
  await expect(cell(page, 'macs-total')).toHaveText('128,049,152');
  await expect(widget(page).getByTestId('diagram').locator('svg')).toBeVisible();
  await context.close();
});

test('keyboard: switching the reductions off gives the naive block (416 channels, 387,296 parameters)', async ({
  page,
  watch,
}) => {
  await hydrated(page, PATH, 'InceptionBlock');
  await widget(page).locator('input[data-field="reduce"]').focus();
  await page.keyboard.press('Space');
  // 192·64 + 9·192·128 + 25·192·32 = 387,072 weights + 224 biases; 64 + 128 + 32 + 192 channels
  await expect(cell(page, 'params-total')).toHaveText('387,296');
  await expect(cell(page, 'out-total')).toHaveText('416');
  await expect(cell(page, 'out-pool')).toHaveText('192');
  await expect(widget(page).locator('input[data-field="r3"]')).toBeDisabled();
  await expect(widget(page).getByTestId('compare')).toHaveAttribute('data-params', '163696');
  await page.keyboard.press('Space');
  await expect(cell(page, 'params-total')).toHaveText('163,696');
  // 256 input channels: 163,696 + 64·(64 + 96 + 16 + 32) = 177,008
  await typeInto(page, fieldInput(page, 'cIn'), '256');
  await expect(cell(page, 'params-total')).toHaveText('177,008');
  await expect(cell(page, 'params-b1')).toHaveText('16,448');
  expect(watch.consoleErrors).toEqual([]);
});

test('pointer: widths change channels and the diagram; an empty field is explained', async ({ page }) => {
  await hydrated(page, PATH, 'InceptionBlock');
  const c3 = widget(page).locator('input[data-field="c3"]');
  await c3.click();
  await c3.fill('64');
  // 64 + 64 + 32 + 32 channels; 3×3 branch 192·96 + 96 + 9·96·64 + 64 = 18,528 + 55,360 = 73,888
  await expect(cell(page, 'out-total')).toHaveText('192');
  await expect(cell(page, 'params-b3')).toHaveText('73,888');
  await expect(widget(page).getByTestId('box-b3-1')).toContainText('64 ch');
  await widget(page).getByText('1×1 reductions before 3×3 and 5×5, and after the pool').click();
  await expect(cell(page, 'out-total')).toHaveText('352');
  await widget(page).getByText('1×1 reductions before 3×3 and 5×5, and after the pool').click();
  await c3.fill('');
  await expect(widget(page).getByTestId('invalid').locator('[data-code="missing"]')).toContainText('#3×3');
  await expect(widget(page)).not.toContainText('NaN');
});

test('Korean strings', async ({ page }) => {
  await hydrated(page, '/ko/lessons/07-googlenet/', 'InceptionBlock');
  await expect(widget(page).getByTestId('result')).toContainText('채널 256개');
  await typeInto(page, fieldInput(page, 'cIn'), '0');
  await expect(widget(page).getByTestId('invalid')).toContainText('입력 채널 수');
});
