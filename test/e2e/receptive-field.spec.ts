import { test, expect, hydrated, typeInto } from './fixtures';
import type { Page } from '@playwright/test';

const rf = (page: Page) => page.locator('[data-widget="ReceptiveField"]');
const PATH = '/lessons/06-vgg/';

const open = (page: Page, path = PATH) => hydrated(page, path, 'ReceptiveField');

const setField = (page: Page, row: number, field: string, value: string) =>
  typeInto(page, rf(page).getByTestId('layer-row').nth(row).locator(`input[data-field="${field}"]`), value);

test('without JavaScript: two 3×3 layers see 5×5, drawn and charted', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(PATH);
  await expect(rf(page).getByTestId('result')).toHaveAttribute('data-field', '5');
  await expect(rf(page).locator('figure[data-level="input"] circle')).toHaveCount(25);
  await expect(rf(page).getByTestId('chart').locator('svg[role="img"]')).toHaveCount(1);
  await context.close();
});

const presets: [string, number, number][] = [
  // preset, receptive field, input cells read by one top unit (hand-derived)
  ['two 3×3', 5, 25],
  ['three 3×3', 7, 49],
  ['one 5×5', 5, 25],
  ['one dilated 3×3 (d = 2)', 5, 9],
  // top unit (1,1) of the VGG block reaches 2 cells into the padding: 4×4 of its 6×6 are in the image
  ['VGG block (3×3, 3×3, 2×2 pool)', 6, 16],
  ['AlexNet head (11×11 stride 4, 3×3 pool)', 19, 361],
];

for (const [label, field, read] of presets) {
  test(`preset ${label}: field ${field}`, async ({ page, watch }) => {
    await open(page);
    await rf(page).getByTestId('preset').selectOption({ label });
    await expect(rf(page).getByTestId('result')).toHaveAttribute('data-field', String(field));
    await expect(rf(page).locator('figure[data-level="input"] circle')).toHaveCount(read);
    expect(watch.consoleErrors).toEqual([]);
  });
}

test('keyboard: build three 3×3 from two, then dilate the last one', async ({ page }) => {
  await open(page);
  await rf(page).getByTestId('add-layer').focus();
  await page.keyboard.press('Enter');
  await expect(rf(page).getByTestId('layer-row')).toHaveCount(3);
  await typeInto(page, rf(page).getByTestId('n'), '11');
  await expect(rf(page).getByTestId('result')).toHaveAttribute('data-field', '7');
  await setField(page, 2, 'd', '2');
  // 3×3, 3×3, then 3×3 with d = 2: r = 1 + 2 + 2 + 4 = 9
  await expect(rf(page).getByTestId('result')).toHaveAttribute('data-field', '9');
});

test('arrow keys and pointer move the selected unit; regions follow', async ({ page }) => {
  await open(page);
  const top = rf(page).getByTestId('top-grid');
  await top.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  // unit (1,1) of conv2 on a 9×9 input: rows 1–5, columns 1–5
  await expect(rf(page).getByTestId('result')).toContainText('rows 1–5, columns 1–5');
  await page.keyboard.press('End');
  await expect(rf(page).getByTestId('result')).toContainText('rows 1–5, columns 5–9');
  await top.locator('rect').nth(12).hover(); // centre of 5×5
  await expect(rf(page).getByTestId('result')).toContainText('rows 3–7, columns 3–7');
});

test('an impossible stack explains itself', async ({ page }) => {
  await open(page);
  await setField(page, 1, 'k', '9');
  await expect(rf(page).getByTestId('invalid')).toContainText('conv2');
  await expect(rf(page).getByTestId('invalid').locator('[data-code="kernelTooLarge"]')).toBeVisible();
  await setField(page, 0, 's', '0');
  await expect(rf(page).getByTestId('invalid').locator('[data-code="notPositive"]')).toContainText('conv1');
  await expect(rf(page)).not.toContainText('NaN');
});

test('Korean strings', async ({ page }) => {
  await open(page, `/ko${PATH}`);
  await expect(rf(page).getByTestId('result')).toContainText('5×5 영역');
});

test.describe('effective receptive field (TensorFlow.js)', () => {
  test.setTimeout(120_000);

  test('two 3×3 layers: measured on WebGL, inside the theoretical 5×5 field', async ({ page, watch }) => {
    await open(page);
    const erf = rf(page).getByTestId('erf');
    await erf.getByTestId('erf-compute').focus();
    await page.keyboard.press('Enter');
    const result = erf.getByTestId('erf-result');
    await expect(result).toBeVisible({ timeout: 60_000 });
    await expect(erf).toHaveAttribute('data-backend', 'webgl'); // a silent CPU fallback fails here
    await expect(result).toHaveAttribute('data-r', '5');
    const effective = Number(await result.getAttribute('data-effective'));
    expect(effective).toBeGreaterThanOrEqual(1);
    expect(effective).toBeLessThanOrEqual(5);
    await expect(erf.getByTestId('erf-backend')).toContainText('WebGL');
    await expect(erf.locator('svg[role="img"] rect.heat')).toHaveCount(11 * 11);
    // Repeating the measurement leaves no tensors behind in the worker.
    const before = await erf.getAttribute('data-num-tensors');
    await erf.getByTestId('erf-compute').click();
    await expect(erf.getByTestId('erf-result')).toBeVisible({ timeout: 60_000 });
    await expect(erf).toHaveAttribute('data-num-tensors', before!);
    expect(watch.consoleErrors).toEqual([]);
  });

  test('depth sweep: the effective share of the field shrinks from 1 to 8 layers', async ({ page }) => {
    await open(page);
    const erf = rf(page).getByTestId('erf');
    await erf.getByTestId('erf-sweep').click();
    await expect(erf.getByTestId('erf-sweep-chart').locator('svg[role="img"]')).toHaveCount(1, {
      timeout: 90_000,
    });
    await expect(erf.getByTestId('erf-sweep')).toBeEnabled({ timeout: 90_000 });
    await expect(erf.getByTestId('erf-sweep-chart').locator('svg[role="img"]')).toHaveAttribute(
      'aria-label',
      /against depth/,
    );
    // effective/theoretical for depths 1…8: the share at depth 8 is clearly below the share at depth 2
    const ratios = (await erf.getByTestId('erf-sweep-chart').getAttribute('data-ratios'))!
      .split(' ')
      .map(Number);
    expect(ratios).toHaveLength(8);
    expect(ratios[7]!).toBeLessThan(ratios[1]! - 0.1);
  });

  test('stride with dilation is explained, not attempted', async ({ page }) => {
    await open(page);
    await setField(page, 0, 'd', '2');
    await setField(page, 0, 's', '2');
    await rf(page).getByTestId('n').fill('21');
    await rf(page).getByTestId('erf-compute').click();
    await expect(rf(page).getByTestId('erf-error')).toContainText('stride above 1 with dilation');
  });
});
