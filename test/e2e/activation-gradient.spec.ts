import { test, expect, hydrated, typeInto } from './fixtures';
import type { Page } from '@playwright/test';

const PATH = '/lessons/05-alexnet/';
const widget = (page: Page) => page.locator('[data-widget="ActivationGradient"]');
const fieldInput = (page: Page, name: string) => widget(page).locator(`input[data-field="${name}"]`);

test('shows the default sentence and both charts without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(PATH);
  const result = widget(page).getByTestId('result');
  await expect(result).toContainText('After 20 sigmoid layers the median gradient factor is');
  // (1/4)^20 = 9.09…e−13, hand-derived from σ′(0) = 1/4
  await expect(result).toContainText('No chain can do better than 9.1 × 10⁻¹³.');
  await expect(widget(page).locator('[data-testid="gradient-chart"] svg[role="img"]')).toBeVisible();
  await expect(widget(page).locator('[data-testid="activation-chart"] svg[role="img"]')).toBeVisible();
  await context.close();
});

test('keyboard: depth 1 gives the sigmoid bound 1/4; arrow keys switch to tanh and ReLU', async ({
  page,
  watch,
}) => {
  await hydrated(page, PATH, 'ActivationGradient');
  await typeInto(page, fieldInput(page, 'depth'), '1');
  const result = widget(page).getByTestId('result');
  await expect(result).toHaveAttribute('data-depth', '1');
  await expect(result).toContainText('No chain can do better than 0.25.');
  // the median of σ′(z) for z ~ N(0, 1) is σ′(0.6745) ≈ 0.22
  await expect(result).toContainText('median gradient factor is 0.22');
  await widget(page).getByRole('radio', { name: 'sigmoid' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(widget(page).getByRole('radio', { name: 'tanh' })).toBeChecked();
  await expect(result).toHaveAttribute('data-kind', 'tanh');
  await expect(result).toContainText('No chain can do better than 1.');
  await page.keyboard.press('ArrowRight');
  await expect(result).toHaveAttribute('data-kind', 'relu');
  await expect(result).toContainText('a gradient factor of exactly 1');
  expect(watch.consoleErrors).toEqual([]);
});

test('pointer: ReLU at depth 50 keeps 1; new samples change the sigmoid median; the chart follows', async ({
  page,
}) => {
  await hydrated(page, PATH, 'ActivationGradient');
  await widget(page).locator('input[data-field="depth"]').click();
  await widget(page).locator('input[data-field="depth"]').fill('50');
  await widget(page).getByText('ReLU', { exact: true }).click();
  const result = widget(page).getByTestId('result');
  await expect(result).toContainText('After 50 ReLU layers');
  await expect(result).toHaveAttribute('data-median-log10', '0');
  await widget(page).getByText('sigmoid', { exact: true }).click();
  // 50 sigmoid layers: at most (1/4)^50 = 7.9e−31
  await expect(result).toContainText('No chain can do better than 7.9 × 10⁻³¹.');
  const before = await result.getAttribute('data-median-log10');
  await widget(page).getByTestId('resample').click();
  await expect(result).not.toHaveAttribute('data-median-log10', before!);
  await expect(widget(page).locator('[data-testid="gradient-chart"] svg[role="img"] desc')).toHaveText(
    /1 to 50 layers/,
  );
});

test('impossible settings explain themselves', async ({ page }) => {
  await hydrated(page, PATH, 'ActivationGradient');
  await typeInto(page, fieldInput(page, 'depth'), '0');
  const invalid = widget(page).getByTestId('invalid');
  await expect(invalid.locator('[data-code="notPositive"]')).toContainText(
    'Depth L (layers) must be at least 1',
  );
  await typeInto(page, fieldInput(page, 'depth'), '60');
  await expect(invalid.locator('[data-code="tooLarge"]')).toContainText('at most 50');
  await typeInto(page, fieldInput(page, 'depth'), '10');
  await typeInto(page, fieldInput(page, 'sigma'), '9');
  await expect(invalid.locator('[data-code="outOfRange"]')).toContainText(
    'Spread σ must be between 0.1 and 5',
  );
  await expect(widget(page)).not.toContainText('NaN');
  await typeInto(page, fieldInput(page, 'sigma'), '2');
  await expect(widget(page).getByTestId('result')).toContainText('After 10 sigmoid layers');
});

test('Korean strings', async ({ page }) => {
  await hydrated(page, '/ko/lessons/05-alexnet/', 'ActivationGradient');
  const result = widget(page).getByTestId('result');
  await expect(result).toContainText('시그모이드 층 20개를 지나면');
  await typeInto(page, fieldInput(page, 'depth'), '0');
  await expect(widget(page).getByTestId('invalid')).toContainText('깊이 L');
});
