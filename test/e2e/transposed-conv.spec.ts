/**
 * TransposedConv, operated by keyboard and pointer. The expected numbers come from this file's own
 * scatter loop over the input and kernel the widget shows, so the widget's TensorFlow.js numbers,
 * its step-by-step sums and this test must agree.
 */
import type { Page } from '@playwright/test';
import { test, expect, hydrated, typeInto } from './fixtures';

test.setTimeout(180_000);

const LESSON = '/lessons/10-semantic-segmentation/';
const widget = (page: Page) => page.locator('[data-widget="TransposedConv"]');
const field = (page: Page, name: string) => widget(page).locator(`input[data-field="${name}"]`);

type Grid = number[][];
async function grid(page: Page, testid: string): Promise<Grid> {
  return widget(page)
    .getByTestId(testid)
    .evaluate((table) =>
      Array.from(table.querySelectorAll('tbody tr')).map((tr) =>
        Array.from(tr.querySelectorAll('td')).map((td) => Number((td as HTMLElement).dataset.value)),
      ),
    );
}

/** This test's transposed convolution: y[r·s + u − p][c·s + v − p] += x[r][c]·w[u][v], first `steps` cells. */
function scatter(x: Grid, w: Grid, s: number, p: number, a: number, steps = Infinity): Grid {
  const i = x.length;
  const k = w.length;
  const o = s * (i - 1) + a + k - 2 * p;
  const y = Array.from({ length: o }, () => new Array<number>(o).fill(0));
  let done = 0;
  for (let r = 0; r < i; r++)
    for (let c = 0; c < i; c++) {
      if (done++ >= steps) return y;
      for (let u = 0; u < k; u++)
        for (let v = 0; v < k; v++) {
          const yy = r * s + u - p;
          const xx = c * s + v - p;
          if (yy >= 0 && yy < o && xx >= 0 && xx < o) y[yy]![xx]! += x[r]![c]! * w[u]![v]!;
        }
    }
  return y;
}

async function expectOutput(page: Page, s: number, p: number, a: number, steps = Infinity) {
  const x = await grid(page, 'input');
  const w = await grid(page, 'kernel');
  const expected = scatter(x, w, s, p, a, steps);
  await expect.poll(() => grid(page, 'output')).toEqual(expected);
  return expected;
}

async function expectTfjs(page: Page) {
  const w = widget(page);
  // a new input size compiles new WebGL programs (slow on a software GPU)
  await expect(w).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
  await expect(w).toHaveAttribute('data-backend', 'webgl');
  await expect(w).toHaveAttribute('data-source', 'tfjs');
  const diff = Number(await w.getByTestId('agreement').getAttribute('data-difference'));
  expect(diff).toBeLessThan(1e-4);
}

test('without JavaScript the default figure, formula and numbers are on the page', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(LESSON);
  const w = widget(page);
  await expect(w.getByTestId('result')).toHaveAttribute('data-output', '7');
  await expect(w.locator('.katex').first()).toBeVisible();
  await expectOutput(page, 2, 0, 0);
  await expect(w.getByTestId('overlap-summary')).toHaveAttribute('data-uneven', 'true');
  await context.close();
});

test('keyboard: settings change the size, the numbers and the overlap; TensorFlow.js agrees on WebGL', async ({
  page,
  watch,
}) => {
  await hydrated(page, LESSON, 'TransposedConv');
  const w = widget(page);
  await expectTfjs(page);
  await expectOutput(page, 2, 0, 0);
  await typeInto(page, field(page, 'k'), '4');
  await expect(w.getByTestId('result')).toHaveAttribute('data-output', '8');
  await expect(w.getByTestId('result')).toContainText('2·(3 − 1) + 0 + 4 − 2·0 = 8');
  await expect(w.getByTestId('overlap-summary')).toHaveAttribute('data-uneven', 'false');
  await expectTfjs(page);
  await expectOutput(page, 2, 0, 0);
  await typeInto(page, field(page, 'p'), '1');
  await typeInto(page, field(page, 'a'), '1');
  await expect(w.getByTestId('result')).toHaveAttribute('data-output', '7');
  await expectTfjs(page);
  await expectOutput(page, 2, 1, 1);
  const tensors = await w.getAttribute('data-num-tensors');
  for (const k of ['3', '5', '2']) {
    await typeInto(page, field(page, 'k'), k);
    await expectTfjs(page);
  }
  await expect(w).toHaveAttribute('data-num-tensors', tensors!);
  expect(watch.consoleErrors).toEqual([]);
});

test('invalid settings show a message, never NaN', async ({ page }) => {
  await hydrated(page, LESSON, 'TransposedConv');
  const w = widget(page);
  await typeInto(page, field(page, 'a'), '2');
  await expect(w.getByTestId('invalid').locator('li')).toHaveAttribute('data-code', 'outputPaddingTooLarge');
  await expect(w.getByTestId('invalid')).toContainText('Output padding 2 must be smaller than the stride 2');
  await typeInto(page, field(page, 'a'), '0');
  await typeInto(page, field(page, 'i'), '');
  await expect(w.getByTestId('invalid')).toContainText('Input size i');
  await expect(w).not.toContainText('NaN');
});

test('step-through by keyboard and pointer: partial sums cell by cell', async ({ page }) => {
  await hydrated(page, LESSON, 'TransposedConv');
  const w = widget(page);
  await w.getByRole('button', { name: 'Start over' }).focus();
  await page.keyboard.press('Enter');
  await expect(w.getByTestId('step')).toHaveAttribute('data-step', '0');
  await expectOutput(page, 2, 0, 0, 0);
  await w.getByRole('button', { name: 'Next cell' }).focus();
  await page.keyboard.press('Enter');
  await expect(w.getByTestId('step')).toHaveAttribute('data-step', '1');
  await expectOutput(page, 2, 0, 0, 1);
  // the input grid: arrow keys pick the cell being scattered
  await w.getByTestId('input-grid').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect(w.getByTestId('step')).toHaveAttribute('data-step', '5');
  await expectOutput(page, 2, 0, 0, 5);
  await expect(w.getByTestId('step-sentence')).toContainText('(2, 2)');
  await expect(w.getByTestId('step-sentence')).toContainText('rows 3–5, columns 3–5');
  // pointer: click input cell (row 2, column 3)
  await w.locator('[data-testid="input"] td[data-row="1"][data-col="2"]').click();
  await expect(w.getByTestId('step')).toHaveAttribute('data-step', '6');
  await expect(w.getByTestId('step-sentence')).toContainText('rows 3–5, columns 5–7');
  await expect(w.locator('[data-testid="output"] td.copy')).toHaveCount(9);
  await w.getByTestId('play').click();
  await expect(w.getByTestId('step')).toHaveAttribute('data-step', '9', { timeout: 10_000 });
  await expectOutput(page, 2, 0, 0);
});

test('overlap view with all ones: the counts, uneven for k = 3, s = 2 and even for k = 4', async ({
  page,
}) => {
  await hydrated(page, LESSON, 'TransposedConv');
  const w = widget(page);
  await w.locator('select[name="values"]').selectOption('ones');
  await w.getByLabel('how many copies overlap').check();
  const counts = await grid(page, 'output');
  expect(counts[2]).toEqual([2, 2, 4, 2, 4, 2, 2]);
  expect(counts[1]).toEqual([1, 1, 2, 1, 2, 1, 1]);
  await expect(w.getByTestId('overlap-summary')).toContainText('1, 2, 4');
  await typeInto(page, field(page, 'k'), '4');
  await expect(w.getByTestId('overlap-summary')).toHaveAttribute('data-uneven', 'false');
  const even = await grid(page, 'output');
  expect(even[3]!.slice(2, 6)).toEqual([4, 4, 4, 4]);
});

test('Korean strings', async ({ page }) => {
  await hydrated(page, `/ko${LESSON}`, 'TransposedConv');
  const w = widget(page);
  await expectTfjs(page);
  await expect(w.getByTestId('backend-status')).toContainText('TensorFlow.js가 WebGL');
  await expect(w.getByTestId('result')).toContainText('출력 7×7');
  await typeInto(page, field(page, 'a'), '2');
  await expect(w.getByTestId('invalid')).toContainText('출력 패딩');
});

test.describe('with reduced motion', () => {
  test.use({ reducedMotion: 'reduce' });
  test('no autoplay: the button shows everything at once, without transitions', async ({ page }) => {
    await hydrated(page, LESSON, 'TransposedConv');
    const w = widget(page);
    await w.getByRole('button', { name: 'Start over' }).click();
    await expect(w.getByTestId('play')).toHaveText('Show all');
    const duration = await w
      .locator('[data-testid="output"] td')
      .first()
      .evaluate((td) => getComputedStyle(td).transitionDuration);
    expect(parseFloat(duration)).toBe(0);
    await w.getByTestId('play').click();
    await expect(w.getByTestId('step')).toHaveAttribute('data-step', '9');
  });
});
