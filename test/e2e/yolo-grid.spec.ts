import { test, expect, hydrated, typeInto } from './fixtures';
import type { Page } from '@playwright/test';

const PATH = '/lessons/11-detection/';
const widget = (page: Page) => page.locator('[data-widget="YoloGrid"]');
const part = (page: Page, id: string) => widget(page).getByTestId(id);

test('shows the car’s cell, the IoU of the default boxes and NMS at its start without JavaScript', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(PATH);
  await expect(part(page, 'cell-result')).toContainText('row 5, column 3');
  await expect(part(page, 'cell-result')).toContainText('car');
  await expect(part(page, 'cell-status')).toContainText('responsible');
  // A 160×128 at (96, 96), B 160×128 at (176, 160): overlap 80 × 64 = 5,120; union 2·20,480 − 5,120
  await expect(part(page, 'iou-result')).toHaveText('Intersection 5,120 px², union 35,840 px², IoU 0.143.');
  await expect(part(page, 'nms-result')).toContainText('16 candidate boxes');
  await expect(part(page, 'cell-scene')).toBeVisible();
  await context.close();
});

test('keyboard: arrow keys walk the grid to the person’s cell', async ({ page, watch }) => {
  await hydrated(page, PATH, 'YoloGrid');
  await part(page, 'cell-scene').focus();
  await page.keyboard.press('ArrowUp');
  await expect(part(page, 'cell-result')).toContainText('row 4, column 3');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(part(page, 'cell-result')).toHaveAttribute('data-col', '5');
  await expect(part(page, 'cell-result')).toContainText('person');
  await expect(part(page, 'cell-status')).toContainText('The person');
  await page.keyboard.press('Home');
  await expect(part(page, 'cell-result')).toContainText('row 4, column 1');
  await expect(part(page, 'cell-status')).toContainText('No object');
  expect(watch.consoleErrors).toEqual([]);
});

test('pointer: clicking the dog’s cell decodes a dog', async ({ page }) => {
  await hydrated(page, PATH, 'YoloGrid');
  const scene = part(page, 'cell-scene');
  const box = (await scene.boundingBox())!;
  await scene.click({ position: { x: (5.5 / 7) * box.width, y: (5.5 / 7) * box.height } });
  await expect(part(page, 'cell-result')).toContainText('row 6, column 6');
  await expect(part(page, 'cell-result')).toContainText('dog');
});

test('IoU by keyboard: move box B onto A’s columns, then resize it', async ({ page }) => {
  await hydrated(page, PATH, 'YoloGrid');
  await part(page, 'box-b').focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft'); // x 176 → 96
  // overlap 160 × 64 = 10,240; union 40,960 − 10,240 = 30,720
  await expect(part(page, 'iou-result')).toHaveText('Intersection 10,240 px², union 30,720 px², IoU 0.333.');
  for (let i = 0; i < 8; i++) await page.keyboard.press('Shift+ArrowUp'); // height 128 → 64
  await expect(part(page, 'iou-result')).toHaveText('Intersection 10,240 px², union 20,480 px², IoU 0.5.');
  await expect(part(page, 'box-b')).toHaveAttribute(
    'aria-label',
    'Box B: x 96, y 160, width 160, height 64 pixels',
  );
});

test('IoU by pointer: dragging A onto B gives IoU 1', async ({ page }) => {
  await hydrated(page, PATH, 'YoloGrid');
  const svg = part(page, 'iou-scene');
  await svg.scrollIntoViewIfNeeded();
  const r = (await svg.boundingBox())!;
  const at = (x: number, y: number) => [r.x + (x * r.width) / 448, r.y + (y * r.height) / 448] as const;
  await page.mouse.move(...at(110, 110));
  await page.mouse.down();
  await page.mouse.move(...at(150, 140), { steps: 4 });
  await page.mouse.move(...at(190, 174), { steps: 4 });
  await page.mouse.up();
  const iou = Number(await part(page, 'iou-result').getAttribute('data-iou'));
  expect(iou).toBeGreaterThan(0.95);
});

test('NMS step by step with the keyboard, then a higher threshold keeps duplicates', async ({ page }) => {
  await hydrated(page, PATH, 'YoloGrid');
  const next = part(page, 'nms-next');
  await next.focus();
  await page.keyboard.press('Enter');
  await expect(part(page, 'nms-result')).toContainText('Round 1 of 3 — keep: car 0.83');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(part(page, 'nms-result')).toContainText('Done: 3 boxes kept, 13 removed.');
  await expect(part(page, 'nms-list').locator('li[data-state="kept"]')).toHaveCount(3);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await typeInto(page, widget(page).locator('input[data-field="threshold"]'), '0.7');
  await widget(page).getByRole('button', { name: 'Play' }).click(); // reduced motion: straight to the end
  await expect(part(page, 'nms-result')).toContainText('Done: 9 boxes kept, 7 removed.');
});

test('an impossible threshold explains itself', async ({ page }) => {
  await hydrated(page, PATH, 'YoloGrid');
  await typeInto(page, widget(page).locator('input[data-field="threshold"]'), '1.5');
  await expect(widget(page).getByTestId('invalid')).toContainText(
    'IoU threshold t must be between 0 and 1 (it is 1.5)',
  );
  await expect(widget(page)).not.toContainText('NaN');
});

test('Korean strings', async ({ page }) => {
  await hydrated(page, '/ko/lessons/11-detection/', 'YoloGrid');
  await expect(part(page, 'cell-result')).toContainText('5행 3열');
  await expect(part(page, 'cell-result')).toContainText('자동차');
  await expect(part(page, 'nms-result')).toContainText('후보 상자가 16개');
  await typeInto(page, widget(page).locator('input[data-field="threshold"]'), '2');
  await expect(widget(page).getByTestId('invalid')).toContainText('IoU 임곗값 t');
});
