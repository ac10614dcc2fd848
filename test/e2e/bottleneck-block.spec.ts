import { test, expect, hydrated, typeInto } from './fixtures';
import type { Page } from '@playwright/test';

const PATH = '/lessons/08-resnet/';
const widget = (page: Page) => page.locator('[data-widget="BottleneckBlock"]');
const field = (page: Page, name: string) => widget(page).locator(`[data-field="${name}"]`);
const cell = (page: Page, id: string) => widget(page).getByTestId(id);

test('without JavaScript: the 256-d block, 1,179,648 against 69,632 weights, ResNet-50 conv2_2', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(PATH);
  const result = widget(page).getByTestId('result');
  await expect(result).toHaveAttribute('data-basic-weights', '1179648');
  await expect(result).toHaveAttribute('data-bottleneck-weights', '69632');
  await expect(cell(page, 'convWeights-basic')).toHaveText('1,179,648');
  await expect(cell(page, 'convWeights-bottleneck')).toHaveText('69,632');
  // 56·56·69,632 MACs; receptive field 5×5 against 3×3
  await expect(cell(page, 'macs-bottleneck')).toHaveText('218,365,952');
  await expect(cell(page, 'rf-basic')).toHaveText('5×5');
  await expect(cell(page, 'rf-bottleneck')).toHaveText('3×3');
  await expect(cell(page, 'reference')).toHaveAttribute('data-match', 'conv2_2');
  await expect(widget(page).getByTestId('diagram').locator('svg')).toBeVisible();
  await context.close();
});

test('keyboard: widths and the stride change the counts; the shortcut becomes a projection', async ({
  page,
  watch,
}) => {
  await hydrated(page, PATH, 'BottleneckBlock');
  // m = 128 at 256 channels: 256·128 + 9·128² + 128·256 = 212,992
  await typeInto(page, field(page, 'width'), '128');
  await expect(cell(page, 'convWeights-bottleneck')).toHaveText('212,992');
  await expect(cell(page, 'reference')).toHaveAttribute('data-match', '');
  // C_out = 512 with stride 2: projection 256·512 = 131,072 weights; basic 9·256·512 + 9·512² = 3,538,944
  await typeInto(page, field(page, 'cOut'), '512');
  await field(page, 's1').focus();
  await page.keyboard.press('ArrowRight');
  await expect(field(page, 's2')).toBeChecked();
  await expect(cell(page, 'convWeights-basic')).toHaveText('3,538,944');
  await expect(cell(page, 'shortcut')).toContainText('131,072');
  await expect(cell(page, 'rf-basic')).toHaveText('7×7');
  await expect(widget(page).getByTestId('projection-bottleneck')).toBeVisible();
  // now it is ResNet-50's conv3_1
  await expect(cell(page, 'reference')).toHaveAttribute('data-match', 'conv3_1');
  expect(watch.consoleErrors).toEqual([]);
});

test('pointer: a ResNet-50 block from the menu; an empty field is explained', async ({ page }) => {
  await hydrated(page, PATH, 'BottleneckBlock');
  await field(page, 'preset').selectOption('conv5_1');
  await expect(field(page, 'cIn')).toHaveValue('1024');
  await expect(field(page, 'width')).toHaveValue('512');
  await expect(cell(page, 'reference')).toHaveAttribute('data-match', 'conv5_1');
  // 1024·512 + 9·512² + 512·2048 = 524,288 + 2,359,296 + 1,048,576
  await expect(cell(page, 'convWeights-bottleneck')).toHaveText('3,932,160');
  await field(page, 'width').click();
  await field(page, 'width').fill('');
  await expect(widget(page).getByTestId('invalid').locator('[data-code="missing"]')).toContainText(
    'Bottleneck width m',
  );
  await expect(widget(page)).not.toContainText('NaN');
});

test('Korean strings', async ({ page }) => {
  await hydrated(page, '/ko/lessons/08-resnet/', 'BottleneckBlock');
  await expect(cell(page, 'result')).toContainText('합성곱 가중치');
  await expect(cell(page, 'result')).toContainText('69,632개');
  await typeInto(page, field(page, 'cIn'), '0');
  await expect(widget(page).getByTestId('invalid')).toContainText('입력 채널');
});
