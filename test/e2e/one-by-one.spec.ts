import { test, expect, hydrated, typeInto } from './fixtures';
import type { Page } from '@playwright/test';

const EN = '/lessons/04-one-by-one-convolution/';
const KO = '/ko/lessons/04-one-by-one-convolution/';
const widget = (page: Page) => page.locator('[data-widget="OneByOne"]');
const fieldInput = (page: Page, name: string) => widget(page).locator(`input[data-field="${name}"]`);
const cell = (page: Page, id: string) => widget(page).getByTestId(id);

test('shows the lecture example without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(EN);
  // 256×256×128 → 32: 128·32 + 32 parameters, 256·256·32·128 MACs; 3×3: 9·128·32 + 32, 9× the MACs
  await expect(cell(page, 'params-1')).toHaveText('4,128');
  await expect(cell(page, 'macs-1')).toHaveText('268,435,456');
  await expect(cell(page, 'params-3')).toHaveText('36,896');
  await expect(cell(page, 'macs-3')).toHaveText('2,415,919,104');
  await expect(widget(page).getByTestId('mixing')).toBeVisible();
  await expect(cell(page, 'equation')).toHaveText('y₁ = w₁,₁·x₁ + w₁,₂·x₂ + … + w₁,₁₂₈·x₁₂₈ + b₁');
  await context.close();
});

test('keyboard: a ResNet-50 reduction 56×56×256 → 64', async ({ page }) => {
  await hydrated(page, EN, 'OneByOne');
  await typeInto(page, fieldInput(page, 'h'), '56');
  await typeInto(page, fieldInput(page, 'w'), '56');
  await typeInto(page, fieldInput(page, 'cIn'), '256');
  await typeInto(page, fieldInput(page, 'cOut'), '64');
  // by hand: 256·64 + 64 = 16,448; 56·56·64·256 = 51,380,224; 9·256·64 + 64 = 147,520; ×9 MACs
  await expect(cell(page, 'params-1')).toHaveText('16,448');
  await expect(cell(page, 'macs-1')).toHaveText('51,380,224');
  await expect(cell(page, 'params-3')).toHaveText('147,520');
  await expect(cell(page, 'macs-3')).toHaveText('462,422,016');
  await expect(widget(page).getByTestId('result')).toContainText('turns 56×56×256 into 56×56×64');
  await expect(widget(page).getByTestId('channels-note')).toContainText('256 → 64 channels (4× fewer)');
});

test('keyboard: choosing the highlighted output', async ({ page }) => {
  await hydrated(page, EN, 'OneByOne');
  await widget(page).locator('input[data-field="selected"]').focus();
  await page.keyboard.press('ArrowUp');
  await expect(cell(page, 'equation')).toContainText('y₂ = w₂,₁·x₁');
  await expect(widget(page).locator('.ob-node.selected')).toHaveAttribute('data-output', '2');
  // a hidden channel is drawn in its own slot when chosen
  await typeInto(page, fieldInput(page, 'selected'), '20');
  await expect(widget(page).locator('.ob-node.selected')).toHaveAttribute('data-output', '20');
  // 6 drawn input channels → 6 highlighted weights
  await expect(widget(page).locator('.ob-edge.active')).toHaveCount(6);
  await typeInto(page, fieldInput(page, 'selected'), '99');
  await expect(widget(page).getByTestId('warning')).toContainText('output channels 1 to 32');
  await expect(widget(page).locator('.ob-node.selected')).toHaveAttribute('data-output', '32');
});

test('pointer: clicking an output highlights its weights', async ({ page }) => {
  await hydrated(page, EN, 'OneByOne');
  await typeInto(page, fieldInput(page, 'cIn'), '3');
  await typeInto(page, fieldInput(page, 'cOut'), '4');
  // every weight is drawn: 3·4 lines, 3 of them for the chosen output
  await expect(widget(page).locator('.ob-edge')).toHaveCount(12);
  await widget(page).locator('.ob-node.out[data-output="3"]').click();
  await expect(widget(page).locator('input[data-field="selected"]')).toHaveValue('3');
  await expect(cell(page, 'equation')).toHaveText('y₃ = w₃,₁·x₁ + w₃,₂·x₂ + w₃,₃·x₃ + b₃');
  await expect(widget(page).locator('.ob-edge.active')).toHaveCount(3);
  await expect(widget(page).getByTestId('channels-note')).toContainText('Expansion: 3 → 4 channels');
});

test('impossible settings explain themselves instead of showing NaN', async ({ page }) => {
  await hydrated(page, EN, 'OneByOne');
  const invalid = widget(page).getByTestId('invalid');
  await typeInto(page, fieldInput(page, 'cIn'), '0');
  await expect(invalid.locator('[data-code="notPositive"]')).toContainText(
    'Input channels C_in must be at least 1',
  );
  await typeInto(page, fieldInput(page, 'cIn'), '5000');
  await expect(invalid.locator('[data-code="tooLarge"]')).toContainText('at most 4096');
  await typeInto(page, fieldInput(page, 'cIn'), '8');
  await typeInto(page, fieldInput(page, 'w'), '');
  await expect(invalid.locator('[data-code="missing"]')).toContainText('Input width W is not a number');
  await typeInto(page, fieldInput(page, 'w'), '2.5');
  await expect(invalid.locator('[data-code="notInteger"]')).toContainText('whole number');
  await expect(widget(page)).not.toContainText('NaN');
  await expect(widget(page).getByTestId('mixing')).toHaveCount(0);
});

test('Korean widget strings', async ({ page }) => {
  await hydrated(page, KO, 'OneByOne');
  await expect(widget(page).getByTestId('result')).toContainText('파라미터 4,128개');
  await expect(widget(page).getByTestId('channels-note')).toContainText('차원 축소');
  await typeInto(page, fieldInput(page, 'h'), '0');
  await expect(widget(page).getByTestId('invalid')).toContainText('입력 높이 H은(는) 1 이상이어야 합니다');
});
