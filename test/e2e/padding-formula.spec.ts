import { test, expect, hydrated, typeInto } from './fixtures';
import type { Page } from '@playwright/test';

const widget = (page: Page) => page.locator('[data-widget="PaddingFormula"]');
const fieldInput = (page: Page, name: string) => widget(page).locator(`input[data-field="${name}"]`);
const inputGrid = (page: Page) => widget(page).locator('svg').first();
/** Squares drawn in a cell path (one `M` per cell) of the input grid: `tap`, `pad` … */
const drawnCells = (page: Page, kind: string) =>
  inputGrid(page)
    .locator(`path.${kind}`)
    .evaluate((path) => (path.getAttribute('d') ?? '').split('M').length - 1);
/**
 * The character shown on padded cell (y, x) of the input grid, as a reader sees it: a <text>
 * chunk centred on the cell (20 px cells; glyphs share one <text> with x and y lists), or null.
 */
const glyphAt = (page: Page, y: number, x: number) =>
  inputGrid(page).evaluate(
    (svg, [y, x]) => {
      for (const text of svg.querySelectorAll('text')) {
        const xs = (text.getAttribute('x') ?? '').split(' ').map(Number);
        const ys = (text.getAttribute('y') ?? '').split(' ').map(Number);
        const i = xs.findIndex((cx, j) => cx === x * 20 + 10 && ys[j] === y * 20 + 10);
        if (i >= 0) return xs.length === 1 ? (text.textContent ?? '') : [...(text.textContent ?? '')][i];
      }
      return null;
    },
    [y, x],
  );

test('shows the default figure without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/lessons/02-kernel-size-and-padding/');
  await expect(widget(page).getByTestId('result')).toHaveAttribute('data-output', '7');
  await expect(widget(page).getByTestId('formula')).toContainText('= 7');
  await expect(widget(page).locator('svg').first()).toBeVisible();
  await context.close();
});

const cases = [
  { name: 'valid, stride 2', set: { n: '7', k: '3', p: '1', s: '2', d: '1' }, output: '4' },
  { name: 'no padding shrinks', set: { n: '32', k: '5', p: '0', s: '1', d: '1' }, output: '28' },
  { name: 'AlexNet conv1', set: { n: '227', k: '11', p: '0', s: '4', d: '1' }, output: '55' },
  { name: 'dilated 3×3, d=2', set: { n: '10', k: '3', p: '0', s: '1', d: '2' }, output: '6' },
];

for (const c of cases) {
  test(`keyboard: ${c.name} → ${c.output}`, async ({ page, watch }) => {
    await hydrated(page, '/lessons/02-kernel-size-and-padding/', 'PaddingFormula');
    for (const [field, value] of Object.entries(c.set)) await typeInto(page, fieldInput(page, field), value);
    await expect(widget(page).getByTestId('result')).toHaveAttribute('data-output', c.output);
    await expect(widget(page).getByTestId('formula')).toContainText(`= ${c.output}`);
    expect(watch.consoleErrors).toEqual([]);
  });
}

test('an impossible setting explains itself instead of showing NaN', async ({ page }) => {
  await hydrated(page, '/lessons/02-kernel-size-and-padding/', 'PaddingFormula');
  await typeInto(page, fieldInput(page, 'n'), '3');
  await typeInto(page, fieldInput(page, 'p'), '0');
  await typeInto(page, fieldInput(page, 'k'), '5');
  const invalid = widget(page).getByTestId('invalid');
  await expect(invalid).toContainText('larger than the padded input (3)');
  await expect(widget(page)).not.toContainText('NaN');
  await typeInto(page, fieldInput(page, 's'), '0');
  await expect(invalid.locator('[data-code="notPositive"]')).toContainText('Stride s must be at least 1');
  await typeInto(page, fieldInput(page, 's'), '');
  await expect(invalid.locator('[data-code="missing"]')).toBeVisible();
});

test('"same" padding: odd kernels keep the size, even kernels are explained', async ({ page }) => {
  await hydrated(page, '/lessons/02-kernel-size-and-padding/', 'PaddingFormula');
  await typeInto(page, fieldInput(page, 'n'), '9');
  await typeInto(page, fieldInput(page, 'k'), '5');
  await widget(page).getByLabel('"Same" padding').check();
  await expect(widget(page).getByTestId('result')).toHaveAttribute('data-output', '9');
  await expect(widget(page).locator('input[data-field="p"]')).toBeDisabled();
  await typeInto(page, fieldInput(page, 'k'), '4');
  await expect(widget(page).locator('[data-code="sameNotInteger"]')).toContainText('1.5');
  await widget(page).getByRole('button', { name: 'No padding' }).click();
  await expect(widget(page).getByTestId('result')).toHaveAttribute('data-output', '6');
});

test('uneven tiling is flagged and the unread cells are marked', async ({ page }) => {
  await hydrated(page, '/lessons/02-kernel-size-and-padding/', 'PaddingFormula');
  await typeInto(page, fieldInput(page, 'n'), '8');
  await typeInto(page, fieldInput(page, 'p'), '0');
  await typeInto(page, fieldInput(page, 's'), '2');
  await expect(widget(page).getByTestId('result')).toHaveAttribute('data-output', '3');
  await expect(widget(page).locator('[data-testid="warning"][data-code="doesNotTile"]')).toBeVisible();
  // 8 − 3 = 5 is odd: the last row and column are never read → 8 + 8 − 1 = 15 crossed cells.
  await expect.poll(() => drawnCells(page, 'unread')).toBe(15);
});

test('arrow keys and the pointer move the kernel across the output grid', async ({ page }) => {
  await hydrated(page, '/lessons/02-kernel-size-and-padding/', 'PaddingFormula');
  const grid = widget(page).getByTestId('output-grid');
  await grid.focus();
  await expect(grid).toHaveAttribute('aria-label', /row 1, column 1/);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect(grid).toHaveAttribute('aria-label', /row 2, column 3/);
  await page.keyboard.press('End');
  await expect(grid).toHaveAttribute('aria-label', /row 2, column 7/);
  // 3×3 taps highlighted in the input grid
  await expect.poll(() => drawnCells(page, 'tap')).toBe(9);
  // the pointer picks the cell under it: the grid is 7 cells wide, so (x, y) = (0.5, 1.5) cells is row 2, column 1
  const box = (await grid.locator('svg').boundingBox())!;
  await page.mouse.move(box.x + box.width * (0.5 / 7), box.y + box.height * (1.5 / 7));
  await expect(grid).toHaveAttribute('aria-label', /row 2, column 1/);
  await page.mouse.click(box.x + box.width * (6.5 / 7), box.y + box.height * (6.5 / 7));
  await expect(grid).toHaveAttribute('aria-label', /row 7, column 7/);
  // the kernel moved with it: its 3×3 taps now cover padded rows and columns 6–8
  await expect.poll(() => drawnCells(page, 'tap')).toBe(9);
  await expect
    .poll(() => inputGrid(page).locator('path.tap').getAttribute('d'))
    .toMatch(/^M120 120h20v20h-20z/);
});

test('Korean widget strings', async ({ page }) => {
  await hydrated(page, '/ko/lessons/02-kernel-size-and-padding/', 'PaddingFormula');
  await expect(widget(page).getByTestId('result')).toContainText('출력은 7×7');
  await typeInto(page, fieldInput(page, 'k'), '9');
  await typeInto(page, fieldInput(page, 'n'), '3');
  await typeInto(page, fieldInput(page, 'p'), '0');
  await expect(widget(page).getByTestId('invalid')).toContainText('커널');
});

test('shows how many kernel placements read each pixel: corner 4, edge 6, interior 9', async ({ page }) => {
  await hydrated(page, '/lessons/02-kernel-size-and-padding/', 'PaddingFormula');
  const placements = widget(page).getByTestId('placements');
  await expect(placements).toContainText(
    'A corner pixel is read by 4 kernel placements, an edge pixel by 6, an interior pixel by 9',
  );
  // the default 7×7 image with p = 1: padded cell (1, 1) is the image's corner, (1, 4) an edge, (4, 4) the centre
  await expect.poll(() => glyphAt(page, 1, 1)).toBe('4');
  await expect.poll(() => glyphAt(page, 1, 4)).toBe('6');
  await expect.poll(() => glyphAt(page, 4, 4)).toBe('9');
  await expect.poll(() => glyphAt(page, 0, 4)).toBe('0'); // padding shows its zero
  // only p = k − 1 reads every pixel equally often
  await typeInto(page, fieldInput(page, 'p'), '2');
  await expect(placements).toContainText('the same number of kernel placements: 9');
  await expect(placements).toHaveAttribute('data-min', '9');
  // the overlay can be switched off (with the keyboard); padded grid is now 11 × 11, (5, 5) is the centre
  await expect.poll(() => glyphAt(page, 5, 5)).toBe('9');
  await widget(page).getByLabel('Show how often each pixel is read').focus();
  await page.keyboard.press('Space');
  await expect.poll(() => glyphAt(page, 5, 5)).toBeNull();
  await expect.poll(() => glyphAt(page, 0, 5)).toBe('0');
});

test('placement counts without JavaScript and in Korean', async ({ browser, page }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const off = await context.newPage();
  await off.goto('/lessons/02-kernel-size-and-padding/');
  await expect(widget(off).getByTestId('placements')).toContainText('corner pixel is read by 4');
  await context.close();
  await hydrated(page, '/ko/lessons/02-kernel-size-and-padding/', 'PaddingFormula');
  await expect(widget(page).getByTestId('placements')).toContainText('모서리 픽셀은 커널이 4번');
});

test('KaTeX loads when the reader reaches for the widget, not when it scrolls into view', async ({
  page,
}) => {
  const katex: string[] = [];
  page.on('request', (request) => {
    if (/\/katex[.-][^/]*\.js$/.test(new URL(request.url()).pathname)) katex.push(request.url());
  });
  await hydrated(page, '/lessons/02-kernel-size-and-padding/', 'PaddingFormula');
  await page.waitForTimeout(500);
  expect(katex).toEqual([]);
  const loaded = page.waitForRequest((request) =>
    /\/katex[.-][^/]*\.js$/.test(new URL(request.url()).pathname),
  );
  await fieldInput(page, 'k').hover();
  await loaded;
  // the formula was not re-rendered by the hover: it still shows the build's default
  await expect(widget(page).getByTestId('formula')).toContainText('= 7');
});
