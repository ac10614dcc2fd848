/**
 * Convolutionalize, operated by keyboard and pointer: the dense head and its convolution agree at
 * the training size (TensorFlow.js on WebGL), the convolution returns a map on larger inputs, and
 * the dense head refuses with the reason.
 */
import type { Page } from '@playwright/test';
import { test, expect, hydrated, typeInto } from './fixtures';

test.setTimeout(180_000);

const LESSON = '/lessons/10-semantic-segmentation/';
const widget = (page: Page) => page.locator('[data-widget="Convolutionalize"]');
const size = (page: Page) => widget(page).locator('input[data-field="n"]');

async function expectTfjs(page: Page) {
  const w = widget(page);
  // a new input size compiles new WebGL programs (slow on a software GPU)
  await expect(w).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
  await expect(w).toHaveAttribute('data-backend', 'webgl');
  await expect(w).toHaveAttribute('data-source', 'tfjs');
}

/** map side on an n × n input: conv1 n − 2, conv2 ⌊(n − 3)/2⌋ + 1, then the 4 × 4 head */
const mapSide = (n: number) => Math.floor((n - 3) / 2) + 1 - 3;

test('without JavaScript the training-size figure shows: both heads, equal scores, equal parameters', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(LESSON);
  const w = widget(page);
  await expect(w.getByTestId('result')).toHaveAttribute('data-map', '1x1');
  await expect(w.getByTestId('params')).toHaveAttribute('data-dense', '2570');
  await expect(w.getByTestId('params')).toHaveAttribute('data-conv', '2570');
  await expect(w.locator('[data-testid="dense-scores"] td')).toHaveCount(10);
  expect(Number(await w.getByTestId('agreement').getAttribute('data-difference'))).toBeLessThan(1e-9);
  await context.close();
});

test('TensorFlow.js on WebGL: dense and convolution agree within 1e-5 at the training size', async ({
  page,
  watch,
}) => {
  await hydrated(page, LESSON, 'Convolutionalize');
  const w = widget(page);
  await expectTfjs(page);
  expect(Number(await w.getByTestId('agreement').getAttribute('data-difference'))).toBeLessThan(1e-5);
  const dense = await w
    .locator('[data-testid="dense-scores"] td')
    .evaluateAll((tds) => tds.map((td) => Number((td as HTMLElement).dataset.value)));
  const conv = Number(await w.locator('[data-testid="score-map"] td').first().getAttribute('data-value'));
  expect(conv).toBeCloseTo(dense[0]!, 5);
  expect(watch.consoleErrors).toEqual([]);
});

test('keyboard: a larger input gives a score map; the dense head says why it cannot run', async ({
  page,
}) => {
  await hydrated(page, LESSON, 'Convolutionalize');
  const w = widget(page);
  await typeInto(page, size(page), '26');
  await expect(w.getByTestId('result')).toHaveAttribute('data-map', `${mapSide(26)}x${mapSide(26)}`);
  await expect(w.getByTestId('result')).toHaveAttribute('data-dense', 'false');
  await expect(w.getByTestId('dense-refusal')).toHaveAttribute('data-code', 'flattenLength');
  // 26 → conv1 24×24 → conv2 12×12×16 = 2,304 values; the weights expect 4·4·16 = 256
  await expect(w.getByTestId('dense-refusal')).toContainText('2,304');
  await expect(w.getByTestId('dense-refusal')).toContainText('256');
  await expectTfjs(page);
  await expect(w.getByTestId('score-map')).toHaveAttribute('data-rows', String(mapSide(26)));
  await expect(w.getByTestId('agreement')).toHaveCount(0);
  const first = await w.locator('[data-testid="score-map"] td').first().getAttribute('data-value');
  await w.locator('select[name="class"]').focus();
  await page.keyboard.press('ArrowDown');
  await expect(w.locator('[data-testid="score-map"] td').first()).not.toHaveAttribute('data-value', first!);
  const tensors = await w.getAttribute('data-num-tensors');
  for (const n of ['30', '18', '26']) {
    await typeInto(page, size(page), n);
    await expectTfjs(page);
  }
  await expect(w).toHaveAttribute('data-num-tensors', tensors!);
});

test('pointer: the size buttons switch between the training size and a larger image', async ({ page }) => {
  await hydrated(page, LESSON, 'Convolutionalize');
  const w = widget(page);
  await w.getByRole('button', { name: 'Larger image' }).click();
  await expect(w.getByTestId('dense-refusal')).toBeVisible();
  await w.getByRole('button', { name: 'Training size' }).click();
  await expect(w.getByTestId('result')).toHaveAttribute('data-map', '1x1');
  await expectTfjs(page);
  await expect(w.getByTestId('agreement')).toBeVisible();
});

test('invalid sizes show a message', async ({ page }) => {
  await hydrated(page, LESSON, 'Convolutionalize');
  const w = widget(page);
  await typeInto(page, size(page), '5');
  await expect(w.getByTestId('invalid').locator('li')).toHaveAttribute('data-code', 'outOfRange');
  await expect(w.getByTestId('invalid')).toContainText('between 10 and 40');
  await typeInto(page, size(page), '');
  await expect(w.getByTestId('invalid').locator('li')).toHaveAttribute('data-code', 'missing');
  await expect(w).not.toContainText('NaN');
});

test('Korean strings', async ({ page }) => {
  await hydrated(page, `/ko${LESSON}`, 'Convolutionalize');
  const w = widget(page);
  await expectTfjs(page);
  await expect(w.getByTestId('backend-status')).toContainText('TensorFlow.js가 WebGL');
  await expect(w.getByTestId('params')).toContainText('2,570');
  await typeInto(page, size(page), '26');
  await expect(w.getByTestId('dense-refusal')).toContainText('완전 연결층은 입력 크기를 고정합니다');
});
