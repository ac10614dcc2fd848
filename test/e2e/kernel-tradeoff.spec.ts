import { test, expect, hydrated, typeInto } from './fixtures';
import type { Page } from '@playwright/test';

const PATH = '/lessons/06-vgg/';
const widget = (page: Page) => page.locator('[data-widget="KernelTradeoff"]');
const fieldInput = (page: Page, name: string) => widget(page).locator(`input[data-field="${name}"]`);
const cell = (page: Page, id: string) => widget(page).getByTestId(id);

test('shows the default comparison without JavaScript: two 3×3 vs one 5×5 at C = 64', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(PATH);
  // 18·64² = 73,728 and 25·64² = 102,400; both fields 5×5
  await expect(cell(page, 'weights-stacked')).toHaveText('73,728');
  await expect(cell(page, 'weights-single')).toHaveText('102,400');
  await expect(cell(page, 'field-stacked')).toHaveText('5×5');
  await expect(cell(page, 'field-single')).toHaveText('5×5');
  await expect(widget(page).getByTestId('formula')).toContainText('73,728');
  await expect(widget(page).locator('[data-testid="chart"] svg[role="img"]')).toBeVisible();
  await context.close();
});

test('keyboard: arrow keys pick 7×7 — three 3×3 reach 7 with 27C² against 49C²', async ({ page, watch }) => {
  await hydrated(page, PATH, 'KernelTradeoff');
  await widget(page).getByRole('radio').first().focus();
  await page.keyboard.press('ArrowRight');
  await expect(cell(page, 'field-stacked')).toHaveText('7×7');
  await expect(cell(page, 'field-single')).toHaveText('7×7');
  // 27·4096 = 110,592; 49·4096 = 200,704; biases 3·64 and 64; 3 nonlinearities against 1
  await expect(cell(page, 'weights-stacked')).toHaveText('110,592');
  await expect(cell(page, 'weights-single')).toHaveText('200,704');
  await expect(cell(page, 'biases-stacked')).toHaveText('192');
  await expect(cell(page, 'nonlinearities-stacked')).toHaveText('3');
  await expect(cell(page, 'nonlinearities-single')).toHaveText('1');
  await expect(widget(page).getByTestId('formula')).toContainText('200,704');
  // the chart is redrawn for 7×7: the stack has 27/49 = 55% of the weights, 300% of the nonlinearities
  const chart = widget(page).locator('[data-testid="chart"] svg[role="img"]');
  await expect(chart.locator('title')).toHaveText('3 × 3×3 as a share of one 7×7');
  await expect(chart.locator('.kt-label').nth(2)).toHaveText('55%');
  await expect(chart.locator('.kt-label').nth(8)).toHaveText('300%');
  await typeInto(page, fieldInput(page, 'h'), '10');
  await typeInto(page, fieldInput(page, 'w'), '10');
  // MACs = H·W·weights = 100 · 110,592
  await expect(cell(page, 'macs-stacked')).toHaveText('11,059,200');
  expect(watch.consoleErrors).toEqual([]);
});

test('pointer: C = 10 gives 1,800 against 2,500 weights, and the chart shows 72%', async ({ page }) => {
  await hydrated(page, PATH, 'KernelTradeoff');
  const c = widget(page).locator('input[data-field="c"]');
  await c.click();
  await c.fill('10');
  await expect(cell(page, 'weights-stacked')).toHaveText('1,800');
  await expect(cell(page, 'weights-single')).toHaveText('2,500');
  await widget(page).getByText('7×7: 3 × 3×3 or one 7×7').click();
  await expect(cell(page, 'weights-stacked')).toHaveText('2,700');
  await expect(cell(page, 'weights-single')).toHaveText('4,900');
  await widget(page).getByText('5×5: 2 × 3×3 or one 5×5').click();
  await expect(widget(page).locator('[data-testid="chart"] svg[role="img"]')).toContainText('72%');
});

test('impossible settings explain themselves', async ({ page }) => {
  await hydrated(page, PATH, 'KernelTradeoff');
  await typeInto(page, fieldInput(page, 'c'), '0');
  const invalid = widget(page).getByTestId('invalid');
  await expect(invalid.locator('[data-code="notPositive"]')).toContainText('Channels C must be at least 1');
  await typeInto(page, fieldInput(page, 'c'), '64');
  await typeInto(page, fieldInput(page, 'h'), '');
  await expect(invalid.locator('[data-code="missing"]')).toContainText('Height H');
  await expect(widget(page)).not.toContainText('NaN');
});

test('Korean strings', async ({ page }) => {
  await hydrated(page, '/ko/lessons/06-vgg/', 'KernelTradeoff');
  await expect(widget(page).getByTestId('result')).toContainText('둘 다 입력의 5×5 영역을 봅니다');
  await typeInto(page, fieldInput(page, 'c'), '0');
  await expect(widget(page).getByTestId('invalid')).toContainText('채널 수 C');
});
