import { test, expect, hydrated, typeInto } from './fixtures';
import type { Page } from '@playwright/test';

const EN = '/lessons/01-convolution-and-parameters/';
const KO = '/ko/lessons/01-convolution-and-parameters/';
const widget = (page: Page) => page.locator('[data-widget="LayerParams"]');
const fieldInput = (page: Page, name: string) => widget(page).locator(`input[data-field="${name}"]`);
const cell = (page: Page, id: string) => widget(page).getByTestId(id);

test('shows the default layer and formula without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(EN);
  // lesson 1's example: four 5×5×3 kernels, 32×32×3 → 28×28×4
  await expect(cell(page, 'conv-total')).toHaveText('304');
  await expect(cell(page, 'fc-total')).toHaveText('9,636,928');
  await expect(widget(page).getByTestId('result')).toContainText('304 parameters (300 weights + 4 biases)');
  await expect(widget(page).getByTestId('formula')).toContainText('= 304');
  await context.close();
});

test('keyboard: a 3×3 layer from 64 to 128 channels on 32×32', async ({ page }) => {
  await hydrated(page, EN, 'LayerParams');
  await typeInto(page, fieldInput(page, 'cIn'), '64');
  await typeInto(page, fieldInput(page, 'cOut'), '128');
  await typeInto(page, fieldInput(page, 'k'), '3');
  // by hand: conv 3·3·64·128 + 128 = 73,728 + 128; output 30×30×128;
  // fc (32·32·64)·(30·30·128) + 30·30·128 = 65,536·115,200 + 115,200
  await expect(cell(page, 'conv-weights')).toHaveText('73,728');
  await expect(cell(page, 'conv-total')).toHaveText('73,856');
  await expect(cell(page, 'fc-weights')).toHaveText('7,549,747,200');
  await expect(cell(page, 'fc-total')).toHaveText('7,549,862,400');
  await expect(widget(page).getByTestId('result')).toContainText('32×32×64 input to the 30×30×128 output');
  // the formula is re-rendered with KaTeX after the change
  await expect(widget(page).getByTestId('formula')).toContainText('73,856');
  await expect(widget(page).getByTestId('formula')).toContainText('7,549,862,400');

  // Space on the focused checkbox drops the biases
  await widget(page).getByLabel('Count biases').focus();
  await page.keyboard.press('Space');
  await expect(cell(page, 'conv-total')).toHaveText('73,728');
  await expect(cell(page, 'fc-biases')).toHaveText('0');
  await expect(widget(page).getByTestId('formula')).not.toContainText('73,856');
});

test('pointer: clicking the bias box and editing fields', async ({ page }) => {
  await hydrated(page, EN, 'LayerParams');
  await widget(page).getByLabel('Count biases').click();
  // 5·5·3·4 = 300 without biases; fc 3072·3136 = 9,633,792
  await expect(cell(page, 'conv-total')).toHaveText('300');
  await expect(cell(page, 'fc-total')).toHaveText('9,633,792');
  await widget(page).getByLabel('Count biases').click();
  await widget(page).getByLabel('Input height H').click();
  await widget(page).getByLabel('Input height H').fill('5');
  await widget(page).getByLabel('Input width W').fill('5');
  // a 5×5 kernel on a 5×5×3 input is a fully-connected layer: both 5·5·3·4 + 4
  await expect(cell(page, 'conv-total')).toHaveText('304');
  await expect(cell(page, 'fc-total')).toHaveText('304');
  await expect(widget(page).getByTestId('result')).toContainText('exactly as many parameters');
});

test('impossible settings explain themselves instead of showing NaN', async ({ page }) => {
  await hydrated(page, EN, 'LayerParams');
  const invalid = widget(page).getByTestId('invalid');
  await typeInto(page, fieldInput(page, 'k'), '40');
  await expect(invalid.locator('[data-code="kernelTooLarge"]')).toContainText(
    'larger than the padded input (32)',
  );
  await typeInto(page, fieldInput(page, 'k'), '3');
  await typeInto(page, fieldInput(page, 'cIn'), '0');
  await expect(invalid.locator('[data-code="notPositive"]')).toContainText(
    'Input channels C_in must be at least 1',
  );
  await typeInto(page, fieldInput(page, 'h'), '');
  await expect(invalid.locator('[data-code="missing"]')).toContainText('Input height H is not a number');
  await expect(widget(page)).not.toContainText('NaN');
  await expect(widget(page).getByTestId('table')).toHaveCount(0);
});

test('a fully-connected count past 2^53 is reported, not rounded', async ({ page }) => {
  await hydrated(page, EN, 'LayerParams');
  for (const f of ['cIn', 'cOut', 'h', 'w']) await typeInto(page, fieldInput(page, f), '4096');
  await typeInto(page, fieldInput(page, 'k'), '1');
  // conv: 1·1·4096·4096 + 4096 = 16,781,312
  await expect(cell(page, 'conv-total')).toHaveText('16,781,312');
  await expect(cell(page, 'fc-total')).toHaveText('—');
  await expect(widget(page).getByTestId('result')).toContainText('too many to count exactly');
});

test('Korean widget strings', async ({ page }) => {
  await hydrated(page, KO, 'LayerParams');
  await expect(widget(page).getByTestId('result')).toContainText('파라미터는 304개');
  await expect(widget(page).getByTestId('result')).toContainText('9,636,928개');
  await typeInto(page, fieldInput(page, 'w'), '0');
  await expect(widget(page).getByTestId('invalid')).toContainText('입력 너비 W은(는) 1 이상이어야 합니다');
});
