import { test, expect, hydrated, typeInto } from './fixtures';
import type { Page } from '@playwright/test';

const PATH = '/lessons/11-detection/';
const widget = (page: Page) => page.locator('[data-widget="DetectionCost"]');
const field = (page: Page, name: string) => widget(page).locator(`[data-field="${name}"]`);
const cell = (page: Page, id: string) => widget(page).getByTestId(id);

test('shows the papers’ setting without JavaScript: VGG-16, 600 × 1000, 2,000 and 300 proposals', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(PATH);
  // R-CNN: 2000 · (15,346,630,656 conv + 119,951,360 head); Fast R-CNN: trunk on 600×1000 + 2000 heads
  await expect(cell(page, 'rcnn-macs')).toHaveText('30,933,164,032,000');
  await expect(cell(page, 'fast-rcnn-macs')).toHaveText('423,064,195,072');
  await expect(cell(page, 'faster-rcnn-macs')).toHaveText('224,622,532,608');
  await expect(cell(page, 'yolo-macs')).toHaveText('20,285,153,280');
  await expect(cell(page, 'rcnn-passes')).toHaveText('2,000 × whole network');
  await expect(cell(page, 'note')).toContainText('37×62×512');
  await expect(cell(page, 'note')).toContainText('20,646 anchors');
  await expect(widget(page).locator('[data-testid="chart"] svg[role="img"]')).toBeVisible();
  await expect(cell(page, 'speeds')).toContainText('47 s');
  await context.close();
});

test('keyboard: fewer proposals and AlexNet scale R-CNN linearly', async ({ page, watch }) => {
  await hydrated(page, PATH, 'DetectionCost');
  await typeInto(page, field(page, 'proposals'), '1000');
  await expect(cell(page, 'rcnn-macs')).toHaveText('15,466,582,016,000');
  await expect(cell(page, 'rcnn-passes')).toHaveText('1,000 × whole network');
  // the chart is redrawn: R-CNN's bar is labelled with its new count
  const chart = widget(page).locator('[data-testid="chart"] svg[role="img"]');
  await expect(chart.locator('.dc-label').first()).toHaveText('15.5T');
  // Fast R-CNN loses 1000 heads of 119,951,360 MACs
  await expect(cell(page, 'fast-rcnn-macs')).toHaveText(
    (183_161_475_072 + 1000 * 119_951_360).toLocaleString('en-US'),
  );
  await field(page, 'backbone').focus();
  await page.keyboard.press('ArrowUp'); // VGG-16 → AlexNet, the option above it
  await expect(field(page, 'backbone')).toHaveValue('alexnet-2012');
  await expect(cell(page, 'rcnn-macs')).toHaveText((1000 * 720_724_512).toLocaleString('en-US'));
  await expect(cell(page, 'yolo-macs')).toHaveText('20,285,153,280');
  await expect(widget(page).getByTestId('result')).toContainText('AlexNet');
  await expect(chart).toContainText('R-CNN');
  await expect(chart.locator('.dc-label').first()).toHaveText('720.7B');
  await expect(chart.locator('desc')).toContainText('R-CNN 720.7B');
  expect(watch.consoleErrors).toEqual([]);
});

test('pointer: a smaller image shrinks the shared map and the trunk', async ({ page }) => {
  await hydrated(page, PATH, 'DetectionCost');
  const h = field(page, 'imageH');
  await h.click();
  await h.fill('300');
  const w = field(page, 'imageW');
  await w.click();
  await w.fill('500');
  await expect(cell(page, 'note')).toContainText('18×31×512');
  await expect(cell(page, 'note')).toContainText((18 * 31 * 9).toLocaleString('en-US'));
  await expect(cell(page, 'rcnn-macs')).toHaveText('30,933,164,032,000'); // regions are warped: unchanged
  await field(page, 'backbone').selectOption('resnet50');
  await expect(widget(page).getByTestId('result')).toContainText('ResNet-50');
});

test('impossible settings explain themselves', async ({ page }) => {
  await hydrated(page, PATH, 'DetectionCost');
  await typeInto(page, field(page, 'proposals'), '0');
  const invalid = widget(page).getByTestId('invalid');
  await expect(invalid.locator('[data-code="notPositive"]')).toContainText('Proposals N must be at least 1');
  await typeInto(page, field(page, 'proposals'), '2000');
  await typeInto(page, field(page, 'imageH'), '64');
  await typeInto(page, field(page, 'imageW'), '64');
  // 64 / 16 = 4: a 4 × 4 map has 144 anchors, fewer than the 300 proposals asked for
  await expect(invalid.locator('[data-code="tooLarge"]')).toContainText(
    'RPN proposals N′ is too large (at most 144)',
  );
  await typeInto(page, field(page, 'imageW'), '');
  await expect(invalid.locator('[data-code="missing"]')).toContainText('Image width W');
  await expect(widget(page)).not.toContainText('NaN');
});

test('Korean strings', async ({ page }) => {
  await hydrated(page, '/ko/lessons/11-detection/', 'DetectionCost');
  await expect(widget(page).getByTestId('result')).toContainText('곱셈-누산');
  await expect(cell(page, 'rcnn-passes')).toHaveText('신경망 전체 × 2,000');
  await typeInto(page, field(page, 'proposals'), '0');
  await expect(widget(page).getByTestId('invalid')).toContainText('후보 영역 N');
});
