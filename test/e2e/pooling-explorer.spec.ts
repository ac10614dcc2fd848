import { test, expect, hydrated, typeInto, axeViolations } from './fixtures';
import type { Page } from '@playwright/test';

const LESSON = '/lessons/02-kernel-size-and-padding/';
const widget = (page: Page) => page.locator('[data-widget="PoolingExplorer"]');
const field = (page: Page, name: string) => widget(page).locator(`input[data-field="${name}"]`);
const output = (page: Page) => widget(page).getByTestId('output');
const outCell = (page: Page, r: number, c: number) =>
  output(page).locator('tbody tr').nth(r).locator('td').nth(c);
const inCell = (page: Page, r: number, c: number) =>
  widget(page).getByTestId('input').locator('tbody tr').nth(r).locator('td').nth(c);

/** The input digits as the page shows them. */
async function inputValues(page: Page): Promise<number[][]> {
  const rows = widget(page).getByTestId('input').locator('tbody tr');
  const out: number[][] = [];
  for (let r = 0; r < (await rows.count()); r++)
    out.push((await rows.nth(r).locator('td').allTextContents()).map((t) => Number(t.replace('★', ''))));
  return out;
}

test('shows the default map and its max-pooled output without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(LESSON);
  await expect(widget(page).getByTestId('result')).toHaveAttribute('data-output', '3');
  await expect(widget(page).getByTestId('result')).toContainText('gives 3×3');
  await expect(output(page).locator('tbody td')).toHaveCount(9);
  await expect(widget(page).getByTestId('input').locator('tbody td')).toHaveCount(49);
  await context.close();
});

test('TensorFlow.js (WebGL) pools the map and agrees with the reference; max and average', async ({
  page,
  watch,
}) => {
  await hydrated(page, LESSON, 'PoolingExplorer');
  const w = widget(page);
  await expect(w).toHaveAttribute('data-source', 'tfjs', { timeout: 30_000 });
  await expect(w).toHaveAttribute('data-backend', 'webgl');
  await expect(w.getByTestId('backend-status')).toContainText('Computed by TensorFlow.js on WebGL');
  await expect(w.getByTestId('agreement')).toContainText('agree on all 9 outputs');
  const x = await inputValues(page);
  const window = [x[0]![0]!, x[0]![1]!, x[1]![0]!, x[1]![1]!];
  await expect(outCell(page, 0, 0)).toHaveText(String(Math.max(...window)));
  // average, with the keyboard
  await w.getByLabel('average').focus();
  await page.keyboard.press('Space');
  await expect(w.getByTestId('agreement')).toBeVisible();
  const mean = window.reduce((a, b) => a + b, 0) / 4;
  await expect(outCell(page, 0, 0)).toHaveAttribute('data-value', String(mean));
  await expect(w.getByTestId('selection')).toContainText('the mean of the 4 values in rows 1–2, columns 1–2');
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});

test('floor drops the last row and column; ceil adds a clipped window', async ({ page }) => {
  await hydrated(page, LESSON, 'PoolingExplorer');
  const w = widget(page);
  await expect(w.getByTestId('result')).toContainText('rounding up would give 4×4');
  await expect(w.getByTestId('result')).toContainText('The last row and column are never read');
  await expect(w.locator('td[data-role="unread"]')).toHaveCount(13); // 7 + 7 − 1
  await w.getByLabel('Round up (ceil mode)').check();
  await expect(w.getByTestId('result')).toHaveAttribute('data-output', '4');
  await expect(output(page).locator('td.clipped')).toHaveCount(7);
  await expect(w.locator('td[data-role="unread"]')).toHaveCount(0);
  await expect(w.getByTestId('agreement')).toContainText('16 outputs', { timeout: 30_000 });
  // the corner output's window is the single pixel (7, 7); chosen with the keyboard (a pointer
  // click is covered below): under CI's load the page can still move between Playwright's
  // stability check and the click, which then selected another output
  const grid = w.getByTestId('output-grid');
  await grid.focus();
  await page.keyboard.press('End');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await expect(grid).toHaveAttribute('aria-label', /row 4, column 4/);
  const x = await inputValues(page);
  await expect(outCell(page, 3, 3)).toHaveText(String(x[6]![6]));
  await expect(inCell(page, 6, 6)).toHaveAttribute('data-role', 'winner');
});

test('keyboard and pointer move the selected output; stride and window are typed', async ({ page }) => {
  await hydrated(page, LESSON, 'PoolingExplorer');
  const w = widget(page);
  await typeInto(page, field(page, 'n'), '8');
  await typeInto(page, field(page, 'k'), '3');
  await typeInto(page, field(page, 's'), '2');
  await expect(w.getByTestId('result')).toHaveAttribute('data-output', '3'); // ⌊(8 − 3)/2⌋ + 1
  const grid = w.getByTestId('output-grid');
  await grid.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect(grid).toHaveAttribute('aria-label', /row 2, column 2/);
  await expect(w.getByTestId('selection')).toContainText('rows 3–5, columns 3–5');
  await expect(w.locator('td[data-role="window"], td[data-role="winner"]')).toHaveCount(9);
  await page.keyboard.press('End');
  await expect(grid).toHaveAttribute('aria-label', /row 2, column 3/);
  await outCell(page, 0, 0).hover();
  await expect(grid).toHaveAttribute('aria-label', /row 1, column 1/);
  // shifting the input reports how many outputs kept their value
  await w.getByTestId('shift').click();
  await expect(w.getByTestId('result')).toContainText(
    /After the last one-pixel shift, \d of the 9 outputs kept their value/,
  );
});

test('an impossible setting explains itself instead of showing NaN', async ({ page }) => {
  await hydrated(page, LESSON, 'PoolingExplorer');
  const w = widget(page);
  await typeInto(page, field(page, 'n'), '3');
  await typeInto(page, field(page, 'k'), '5');
  await expect(w.getByTestId('invalid')).toContainText('larger than the padded input (3)');
  await typeInto(page, field(page, 's'), '');
  await expect(w.getByTestId('invalid').locator('[data-code="missing"]')).toBeVisible();
  await expect(w).not.toContainText('NaN');
});

test('Korean strings, and no axe violations in the widget', async ({ page }) => {
  await hydrated(page, '/ko/lessons/02-kernel-size-and-padding/', 'PoolingExplorer');
  const w = widget(page);
  await expect(w.getByTestId('result')).toContainText('출력 크기는 3×3');
  await expect(w.getByTestId('backend-status')).toContainText('TensorFlow.js', { timeout: 30_000 });
  await typeInto(page, field(page, 'k'), '9');
  await expect(w.getByTestId('invalid')).toContainText('커널');
  expect(await axeViolations(page)).toEqual([]);
});
