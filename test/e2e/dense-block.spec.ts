import { test, expect, hydrated, typeInto } from './fixtures';
import type { Page } from '@playwright/test';

const PATH = '/lessons/09-densenet/';
const widget = (page: Page) => page.locator('[data-widget="DenseBlock"]');
const field = (page: Page, name: string) => widget(page).locator(`[data-field="${name}"]`);
const cell = (page: Page, id: string) => widget(page).getByTestId(id);
/** Arcs drawn in the connection diagram: its arc paths hold one elliptical-arc command (A) per arc. */
const arcsDrawn = async (page: Page) =>
  (
    await widget(page)
      .getByTestId('diagram')
      .locator('.db-arcs path')
      .evaluateAll((paths) => paths.map((p) => p.getAttribute('d') ?? '').join(''))
  ).split('A').length - 1;

test('without JavaScript: DenseNet-121 block 1, 64 → 256 channels, transition to 128, chart drawn', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(PATH);
  await expect(cell(page, 'result')).toHaveAttribute('data-out', '256');
  await expect(cell(page, 'result')).toHaveAttribute('data-params', '335040');
  await expect(cell(page, 'after-6')).toHaveText('256');
  await expect(cell(page, 'transition-out')).toHaveText('128');
  await expect(cell(page, 'block-activations')).toHaveText('16,558,080');
  await expect(widget(page).getByTestId('chart').locator('svg[role="img"]')).toBeVisible();
  expect(await arcsDrawn(page)).toBe(21);
  await expect(widget(page).getByTestId('diagram').locator('figcaption')).toContainText(
    '21 connections for 6 layers',
  );
  await context.close();
});

test('keyboard: layers and growth rate change the channels linearly; the bottleneck toggles', async ({
  page,
  watch,
}) => {
  await hydrated(page, PATH, 'DenseBlock');
  await typeInto(page, field(page, 'layers'), '12');
  // 64 + 12·32 = 448; 12·13/2 = 78 connections
  await expect(cell(page, 'block-out')).toHaveText('448');
  await expect.poll(() => arcsDrawn(page)).toBe(78);
  await expect(widget(page).getByTestId('diagram').locator('figcaption')).toContainText(
    '78 connections for 12 layers',
  );
  await typeInto(page, field(page, 'k'), '12');
  await expect(cell(page, 'block-out')).toHaveText('208');
  await expect(cell(page, 'after-1')).toHaveText('76');
  // without the bottleneck, layer 1 is bn (2·64) + 3×3 64 → 12 (6,912): 7,040 parameters
  await field(page, 'bottleneck').focus();
  await page.keyboard.press('Space');
  await expect(field(page, 'bottleneck')).not.toBeChecked();
  await expect(widget(page).locator('tr[data-layer="1"] td').nth(2)).toHaveText('7,040');
  // θ = 0.25 keeps ⌊0.25·208⌋ = 52 channels
  await typeInto(page, field(page, 'theta'), '0.25');
  await expect(cell(page, 'transition-out')).toHaveText('52');
  await expect(widget(page).getByTestId('chart').locator('svg[role="img"] desc')).toHaveText(/208/);
  expect(watch.consoleErrors).toEqual([]);
});

test('pointer: DenseNet-121 blocks from the menu; bad θ and empty fields are explained', async ({ page }) => {
  await hydrated(page, PATH, 'DenseBlock');
  await field(page, 'preset').selectOption('3');
  await expect(cell(page, 'block-out')).toHaveText('1,024');
  await expect(cell(page, 'transition-out')).toHaveText('512');
  await field(page, 'preset').selectOption('4');
  await expect(cell(page, 'block-out')).toHaveText('1,024');
  await expect(cell(page, 'transition-out')).toHaveCount(0);
  await expect(field(page, 'theta')).toBeDisabled();
  await field(page, 'transition').click();
  await field(page, 'theta').fill('1.5');
  await expect(widget(page).getByTestId('invalid').locator('[data-code="outOfRange"]')).toContainText(
    'Compression θ',
  );
  await field(page, 'theta').fill('0.5');
  await field(page, 'k').fill('');
  await expect(widget(page).getByTestId('invalid').locator('[data-code="missing"]')).toContainText(
    'Growth rate k',
  );
  await expect(widget(page)).not.toContainText('NaN');
});

test('Korean strings', async ({ page }) => {
  await hydrated(page, '/ko/lessons/09-densenet/', 'DenseBlock');
  await expect(cell(page, 'result')).toContainText('출력 채널은 256개');
  await typeInto(page, field(page, 'layers'), '0');
  await expect(widget(page).getByTestId('invalid')).toContainText('층 수 L');
});
