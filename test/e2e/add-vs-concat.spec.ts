import { test, expect, hydrated, typeInto } from './fixtures';
import type { Page } from '@playwright/test';

const PATH = '/lessons/09-densenet/';
const widget = (page: Page) => page.locator('[data-widget="AddVsConcat"]');
const field = (page: Page, name: string) => widget(page).locator(`input[data-field="${name}"]`);
const cell = (page: Page, id: string) => widget(page).getByTestId(id);
const cells = (page: Page, id: string) => cell(page, id).locator('td');

test('without JavaScript: 1 + 9 = 2 + 8; the sum hides the pair, the concatenation keeps it', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(PATH);
  await expect(cell(page, 'result')).toHaveAttribute('data-sum', '10 2 4 5');
  await expect(cells(page, 'sum-map')).toHaveText(['10', '2', '4', '5']);
  await expect(cells(page, 'concat-b')).toHaveText(['9', '2', '1', '0']);
  // 1·A + 0.5·B on (A, B) and on (A′, B′) = (A + 1, B − 1)
  await expect(cells(page, 'concat-out')).toHaveText(['5.5', '1', '3.5', '5']);
  await expect(cells(page, 'concat-out-alt')).toHaveText(['6', '1.5', '4', '5.5']);
  await expect(cells(page, 'sum-out')).toHaveText(['10', '2', '4', '5']);
  await expect(cells(page, 'sum-out-alt')).toHaveText(['10', '2', '4', '5']);
  await context.close();
});

test('keyboard: typed numbers update both merges; equal weights reproduce the sum', async ({
  page,
  watch,
}) => {
  await hydrated(page, PATH, 'AddVsConcat');
  await typeInto(page, field(page, 'a1'), '2');
  await typeInto(page, field(page, 'b1'), '8');
  await expect(cells(page, 'sum-map')).toHaveText(['10', '2', '4', '5']);
  await expect(cells(page, 'concat-a')).toHaveText(['2', '0', '3', '5']);
  await typeInto(page, field(page, 'wb'), '1');
  await expect(cell(page, 'result')).toHaveAttribute('data-reproduces', 'true');
  await expect(cell(page, 'result')).toHaveAttribute('data-concat-distinguishes', 'false');
  await expect(cells(page, 'concat-out')).toHaveText(['10', '2', '4', '5']);
  await expect(cell(page, 'verdict')).toContainText('w·(A + B)');
  expect(watch.consoleErrors).toEqual([]);
});

test('pointer: different weights tell the pairs apart; an empty cell is explained', async ({ page }) => {
  await hydrated(page, PATH, 'AddVsConcat');
  await field(page, 'wa').click();
  await field(page, 'wa').fill('-2');
  // −2·A + 0.5·B: outputs on the two pairs differ by w_A − w_B = −2.5 per cell
  await expect(cells(page, 'concat-out')).toHaveText(['2.5', '1', '-5.5', '-10']);
  await expect(cell(page, 'verdict')).toContainText('-2.5');
  await expect(cell(page, 'sum-distinguishes')).toContainText('equal');
  await field(page, 'b3').fill('');
  await expect(widget(page).getByTestId('invalid').locator('[data-code="missingNumber"]')).toContainText(
    'B, row 2, col 1',
  );
  await expect(widget(page)).not.toContainText('NaN');
});

test('Korean strings', async ({ page }) => {
  await hydrated(page, '/ko/lessons/09-densenet/', 'AddVsConcat');
  await expect(cell(page, 'sum-recover')).toContainText('되살릴 수 없습니다');
  await typeInto(page, field(page, 'w'), '500');
  await expect(widget(page).getByTestId('invalid')).toContainText('합에 곱하는 1×1 가중치 w');
});
