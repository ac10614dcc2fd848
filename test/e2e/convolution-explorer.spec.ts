/**
 * ConvolutionExplorer, operated by keyboard and pointer. Every check recomputes the convolution
 * here, from the input, kernels and biases the widget shows, with this file's own loops — so the
 * widget's TensorFlow.js numbers, its step-by-step sums and this test must all agree.
 */
import { chromium, type Browser, type Locator, type Page } from '@playwright/test';
import { test, expect, hydrated, typeInto, axeViolations } from './fixtures';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium-path.mjs';

const LESSON = '/lessons/01-convolution-and-parameters/';
const widget = (page: Page) => page.locator('[data-widget="ConvolutionExplorer"]');
const fieldInput = (page: Page, name: string) => widget(page).locator(`input[data-field="${name}"]`);

type Grid = number[][];
interface Shown {
  k: number;
  s: number;
  p: number;
  cOut: number;
  input: Grid[];
  kernels: Grid[][];
  bias: number[];
  output: Grid[];
  outputText: string[][][];
}

/** Everything the widget shows, read from the DOM (values from data-value, texts as printed). */
async function readShown(page: Page): Promise<Shown> {
  return widget(page).evaluate((root) => {
    const field = (name: string) =>
      Number((root.querySelector(`input[data-field="${name}"]`) as HTMLInputElement).value);
    const rows = (testid: string) => Array.from(root.querySelectorAll(`[data-testid="${testid}"] tbody tr`));
    const grid = (testid: string) =>
      rows(testid).map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => Number(td.dataset.value)));
    const texts = (testid: string) =>
      rows(testid).map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent!.trim()));
    const p = field('p');
    const cOut = root.querySelectorAll('figure.ce-kernel').length;
    const input = [0, 1, 2].map((c) =>
      grid(`input-${c}`)
        .slice(p, -p || undefined)
        .map((row) => row.slice(p, -p || undefined)),
    );
    const kernels = Array.from({ length: cOut }, (_, m) => [0, 1, 2].map((c) => grid(`kernel-${m}-${c}`)));
    const bias = Array.from({ length: cOut }, (_, m) =>
      Number((root.querySelector(`[data-testid="bias-${m}"]`) as HTMLElement).dataset.value),
    );
    const output = Array.from({ length: cOut }, (_, m) => grid(`output-${m}`));
    const outputText = Array.from({ length: cOut }, (_, m) => texts(`output-${m}`));
    return { k: field('k'), s: field('s'), p, cOut, input, kernels, bias, output, outputText };
  });
}

/** This test's own convolution: y[m][r][c] = Σ_ch Σ_i Σ_j x[ch][r·s+i−p][c·s+j−p]·w[m][ch][i][j] + b[m]. */
function convolve(input: Grid[], kernels: Grid[][], bias: number[], s: number, p: number): Grid[] {
  const n = input[0]!.length;
  const k = kernels[0]![0]!.length;
  const o = Math.floor((n + 2 * p - k) / s) + 1;
  return kernels.map((kernel, m) =>
    Array.from({ length: o }, (_, r) =>
      Array.from({ length: o }, (_, c) => {
        let sum = bias[m]!;
        kernel.forEach((w, ch) => {
          for (let i = 0; i < k; i++)
            for (let j = 0; j < k; j++) {
              const y = r * s + i - p;
              const x = c * s + j - p;
              if (y >= 0 && y < n && x >= 0 && x < n) sum += input[ch]![y]![x]! * w[i]![j]!;
            }
        });
        return sum;
      }),
    ),
  );
}

const printed = (text: string) => Number(text.replace('−', '-'));
const maxDiff = (a: Grid[], b: Grid[]) =>
  a.length !== b.length
    ? Infinity
    : Math.max(
        0,
        ...a.flatMap((g, m) =>
          g.length !== b[m]!.length
            ? [Infinity]
            : g.flatMap((row, r) => row.map((v, c) => Math.abs(v - (b[m]![r]![c] ?? NaN)))),
        ),
      );

/**
 * Waits until TensorFlow.js has answered for what is on screen, then checks the shown output
 * (values and printed numbers) against this test's convolution of the shown inputs.
 */
async function expectCorrectOutput(page: Page, backend: 'webgl' | 'cpu' | null = 'webgl'): Promise<Shown> {
  const w = widget(page);
  if (backend) {
    await expect(w).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
    await expect(w).toHaveAttribute('data-source', 'tfjs');
    await expect(w).toHaveAttribute('data-backend', backend);
  }
  await expect
    .poll(
      async () => {
        const s = await readShown(page);
        return maxDiff(s.output, convolve(s.input, s.kernels, s.bias, s.s, s.p));
      },
      { message: 'shown output = convolution of the shown input' },
    )
    .toBeLessThan(1e-3);
  const shown = await readShown(page);
  const expected = convolve(shown.input, shown.kernels, shown.bias, shown.s, shown.p);
  const o = Math.floor((6 + 2 * shown.p - shown.k) / shown.s) + 1;
  expect(shown.output.map((g) => [g.length, g[0]!.length])).toEqual(Array(shown.cOut).fill([o, o]));
  shown.outputText.forEach((g, m) =>
    g.forEach((row, r) =>
      row.forEach((text, c) => expect(printed(text)).toBeCloseTo(expected[m]![r]![c]!, 2)),
    ),
  );
  return shown;
}

const position = (w: Locator) => w.getByTestId('position');

/** The breakdown of the selected cell agrees with this test's arithmetic for that cell. */
async function expectBreakdown(page: Page, m: number, row: number, col: number) {
  const w = widget(page);
  const breakdown = w.getByTestId('breakdown');
  await expect(breakdown).toHaveAttribute('data-m', String(m));
  await expect(breakdown).toHaveAttribute('data-row', String(row));
  await expect(breakdown).toHaveAttribute('data-col', String(col));
  const shown = await readShown(page);
  const expected = convolve(shown.input, shown.kernels, shown.bias, shown.s, shown.p)[m]![row]![col]!;
  expect(Number(await w.getByTestId('cell-total').getAttribute('data-value'))).toBeCloseTo(expected, 6);
  const sums = await w
    .getByTestId('channel-sum')
    .evaluateAll((els) => els.map((el) => Number((el as HTMLElement).dataset.sum)));
  expect(sums).toHaveLength(3);
  expect(sums.reduce((a, b) => a + b, 0) + shown.bias[m]!).toBeCloseTo(expected, 6);
  // k·k products per channel
  await expect(w.locator('.ce-term')).toHaveCount(3 * shown.k * shown.k);
  // the highlighted window: k·k cells in each of the 3 input channels
  await expect(w.locator('[data-testid^="input-"] td.win')).toHaveCount(3 * shown.k * shown.k);
  await expect(w.getByTestId('result')).toContainText(`row ${row + 1}, column ${col + 1}`);
}

test.describe('on WebGL', () => {
  test('computes the default output with TensorFlow.js on WebGL, equal to the reference', async ({
    page,
    watch,
  }) => {
    await hydrated(page, LESSON, 'ConvolutionExplorer');
    const w = widget(page);
    const shown = await expectCorrectOutput(page, 'webgl');
    expect([shown.k, shown.s, shown.p, shown.cOut]).toEqual([3, 1, 1, 2]);
    await expect(w).toHaveAttribute('data-fallback', '');
    await expect(w.getByTestId('backend-status')).toContainText('Computed by TensorFlow.js on WebGL');
    await expect(w.getByTestId('agreement')).toContainText('agree at all 72 output values');
    await expect(w.getByTestId('params')).toHaveAttribute('data-total', '56');
    await expect(w.getByTestId('params')).toContainText('3·3·3·2 + 2 = 56');
    await expect(w.getByTestId('shape')).toContainText('Output 6×6×2');
    await expect(w.getByTestId('tf-cell')).toContainText('the same as the sum');
    await expectBreakdown(page, 0, 0, 0);
    test.info().annotations.push({
      type: 'timing',
      description: `first conv2d: ${await w.getAttribute('data-ms')} ms in the worker, ${await w.getAttribute('data-roundtrip-ms')} ms round trip`,
    });
    expect(watch.consoleErrors).toEqual([]);
  });

  const combos = [
    { k: '5', s: '1', p: '2', cOut: '4' },
    { k: '1', s: '1', p: '0', cOut: '1' },
    { k: '3', s: '2', p: '0', cOut: '3' },
    { k: '4', s: '3', p: '2', cOut: '2' },
    { k: '2', s: '2', p: '1', cOut: '4' },
  ];
  for (const c of combos) {
    test(`keyboard: k=${c.k} s=${c.s} p=${c.p} C_out=${c.cOut}`, async ({ page }) => {
      await hydrated(page, LESSON, 'ConvolutionExplorer');
      for (const [field, value] of Object.entries(c)) await typeInto(page, fieldInput(page, field), value);
      const shown = await expectCorrectOutput(page, 'webgl');
      expect([shown.k, shown.s, shown.p, shown.cOut]).toEqual([c.k, c.s, c.p, c.cOut].map(Number));
      const [k, cOut] = [Number(c.k), Number(c.cOut)];
      await expect(widget(page).getByTestId('params')).toHaveAttribute(
        'data-total',
        String(k * k * 3 * cOut + cOut),
      );
      await expect(widget(page).locator('figure.ce-kernel')).toHaveCount(cOut);
    });
  }

  test('stepping: Next/Previous buttons, the slider, the feature-map select, Play/Pause', async ({
    page,
  }) => {
    await hydrated(page, LESSON, 'ConvolutionExplorer');
    const w = widget(page);
    await expectCorrectOutput(page);
    await w.locator('[data-action="next"]').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Space');
    await expect(position(w)).toHaveText('row 1, column 3 (3 of 36)');
    await expectBreakdown(page, 0, 0, 2);
    await w.locator('[data-action="prev"]').focus();
    await page.keyboard.press('Enter');
    await expect(position(w)).toHaveText('row 1, column 2 (2 of 36)');

    const slider = w.getByRole('slider', { name: 'Kernel position' });
    await slider.focus();
    await page.keyboard.press('End');
    await expect(position(w)).toHaveText('row 6, column 6 (36 of 36)');
    await page.keyboard.press('ArrowLeft');
    await expect(slider).toHaveAttribute('aria-valuetext', 'row 6, column 5 (35 of 36)');
    await expectBreakdown(page, 0, 5, 4);

    await w.getByRole('combobox', { name: 'Feature map' }).selectOption({ label: '2 (kernel 2)' });
    await expectBreakdown(page, 1, 5, 4);

    await slider.focus();
    await page.keyboard.press('Home');
    const play = w.locator('[data-action="play"]');
    await play.focus();
    await page.keyboard.press('Enter');
    await expect(play).toHaveAttribute('aria-pressed', 'true');
    await expect(position(w)).toHaveText(/\((3|4|5) of 36\)/, { timeout: 5000 });
    await page.keyboard.press('Enter');
    await expect(play).toHaveAttribute('aria-pressed', 'false');
    const paused = await position(w).textContent();
    await page.waitForTimeout(1000);
    await expect(position(w)).toHaveText(paused!);
  });

  test('pointer: clicking a feature-map cell selects it and explains it', async ({ page }) => {
    await hydrated(page, LESSON, 'ConvolutionExplorer');
    const w = widget(page);
    await expectCorrectOutput(page);
    await w.locator('[data-testid="output-1"] td[data-row="3"][data-col="2"]').click();
    await expectBreakdown(page, 1, 3, 2);
    await expect(w.locator('[data-testid="output-1"] td.sel')).toHaveCount(1);
    await expect(w.getByRole('slider', { name: 'Kernel position' })).toHaveAttribute(
      'aria-valuetext',
      'row 4, column 3 (21 of 36)',
    );
    const value = await w.locator('[data-testid="output-1"] td.sel').textContent();
    await expect(w.getByTestId('result')).toHaveText(`Feature map 2, row 4, column 3: ${value!.trim()}`);
  });

  test('randomize buttons change the numbers, and the output follows', async ({ page }) => {
    await hydrated(page, LESSON, 'ConvolutionExplorer');
    const w = widget(page);
    const before = await expectCorrectOutput(page);
    await w.locator('[data-action="randomize-input"]').click();
    await expect
      .poll(async () => JSON.stringify((await readShown(page)).input))
      .not.toBe(JSON.stringify(before.input));
    const mid = await expectCorrectOutput(page);
    expect(mid.kernels).toEqual(before.kernels);
    await w.locator('[data-action="randomize-kernels"]').focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => JSON.stringify((await readShown(page)).kernels))
      .not.toBe(JSON.stringify(before.kernels));
    const after = await expectCorrectOutput(page);
    expect(after.input).toEqual(mid.input);
  });

  test('edit values: typed input, weight and bias values are used', async ({ page }) => {
    await hydrated(page, LESSON, 'ConvolutionExplorer');
    const w = widget(page);
    await expectCorrectOutput(page);
    await w.getByLabel('Edit values').check();
    const cell = w.getByLabel('Input channel 2, row 1, column 1');
    await cell.fill('9.5');
    await cell.press('Tab');
    const weight = w.getByLabel('Kernel 1, channel 2, row 2, column 2');
    await weight.fill('-3');
    await weight.press('Enter');
    const bias = w.getByLabel('Bias of kernel 2');
    await bias.fill('7');
    await bias.press('Tab');
    await expect
      .poll(async () => {
        const s = await readShown(page);
        return [s.input[1]![0]![0], s.kernels[0]![1]![1]![1], s.bias[1]];
      })
      .toEqual([9.5, -3, 7]);
    await expectCorrectOutput(page);
    expect(await axeViolations(page)).toEqual([]);
    // not a number: the cell goes back to its value
    await cell.fill('');
    await cell.press('Tab');
    await expect(cell).toHaveValue('9.5');
    // edits survive a change of k (the weight keeps its place)
    await typeInto(page, fieldInput(page, 'k'), '5');
    await expect.poll(async () => (await readShown(page)).kernels[0]![1]![1]![1]).toBe(-3);
    await expectCorrectOutput(page);
  });

  test('impossible settings are explained, never NaN', async ({ page }) => {
    await hydrated(page, LESSON, 'ConvolutionExplorer');
    const w = widget(page);
    await typeInto(page, fieldInput(page, 'k'), '7');
    await expect(w.getByTestId('invalid').locator('[data-code="tooLarge"]')).toContainText(
      'Kernel size k is too large (at most 5)',
    );
    await expect(w).toContainText('The figure shows the last possible setting.');
    await typeInto(page, fieldInput(page, 'k'), '3');
    await typeInto(page, fieldInput(page, 's'), '0');
    await expect(w.getByTestId('invalid').locator('[data-code="notPositive"]')).toContainText(
      'Stride s must be at least 1',
    );
    await typeInto(page, fieldInput(page, 's'), '');
    await expect(w.getByTestId('invalid').locator('[data-code="missing"]')).toBeVisible();
    await expect(w).not.toContainText('NaN');
    expect(await axeViolations(page)).toEqual([]);
    await typeInto(page, fieldInput(page, 's'), '2');
    await typeInto(page, fieldInput(page, 'p'), '0');
    await expect(w.locator('[data-testid="warning"][data-code="doesNotTile"]')).toBeVisible();
    await expect(w.getByTestId('invalid')).toHaveCount(0);
    await expectCorrectOutput(page);
  });

  test('the tensor count does not grow with use', async ({ page }) => {
    await hydrated(page, LESSON, 'ConvolutionExplorer');
    const w = widget(page);
    await expectCorrectOutput(page);
    const start = await w.getAttribute('data-num-tensors');
    expect(start).toMatch(/^\d+$/);
    for (let i = 0; i < 4; i++) {
      await w.locator('[data-action="randomize-input"]').click();
      await w.locator('[data-action="randomize-kernels"]').click();
      await typeInto(page, fieldInput(page, 'k'), String(1 + (i % 5)));
      await typeInto(page, fieldInput(page, 'cOut'), String(1 + (i % 4)));
      await expectCorrectOutput(page);
      await expect(w).toHaveAttribute('data-num-tensors', start!);
    }
  });

  test('Korean strings and numbers', async ({ page }) => {
    await hydrated(page, `/ko${LESSON}`, 'ConvolutionExplorer');
    const w = widget(page);
    await expectCorrectOutput(page);
    await expect(w.getByTestId('backend-status')).toContainText('TensorFlow.js가 WebGL');
    await expect(w.getByTestId('params')).toContainText('= 56');
    await typeInto(page, fieldInput(page, 'cOut'), '9');
    await expect(w.getByTestId('invalid')).toContainText('출력 채널');
  });
});

test.describe('with reduced motion', () => {
  test.use({ reducedMotion: 'reduce' });
  test('Play steps without animation (no transitions) and says so', async ({ page }) => {
    await hydrated(page, LESSON, 'ConvolutionExplorer');
    const w = widget(page);
    await expect(w.getByTestId('reduced-motion')).toBeVisible();
    // the selection ring is the one thing that moves smoothly (0.2 s) without reduced motion
    const duration = await w
      .locator('[data-testid="output-0"] td.heat')
      .first()
      .evaluate((td) => getComputedStyle(td).transitionDuration);
    expect(duration.split(',').every((d) => parseFloat(d) === 0)).toBe(true);
    await w.locator('[data-action="play"]').click();
    await expect(position(w)).toHaveText(/\(2 of 36\)/, { timeout: 3000 });
    await w.locator('[data-action="play"]').click();
    await expect(w.locator('[data-action="play"]')).toHaveAttribute('aria-pressed', 'false');
  });
});

test('without JavaScript: the default input, kernels and output are in the page', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(LESSON);
  const w = widget(page);
  await expect(w).toHaveAttribute('data-state', 'server');
  await expect(w).toHaveAttribute('data-source', 'reference');
  await expect(w.getByTestId('backend-status')).toContainText('step-by-step reference convolution');
  const shown = await expectCorrectOutput(page, null);
  expect([shown.k, shown.s, shown.p, shown.cOut]).toEqual([3, 1, 1, 2]);
  await expect(w.locator('[data-testid^="input-"] td.win')).toHaveCount(27);
  await expect(w.getByTestId('cell-total')).toBeVisible();
  await context.close();
});

test.describe('without WebGL', () => {
  let browser: Browser;
  test.beforeAll(async () => {
    // The usual flags minus SwiftShader, and no GL at all: the worker gets no WebGL context.
    const args = [
      ...chromiumArgs.filter((a) => !/swiftshader/i.test(a)),
      '--use-angle=none',
      '--use-gl=disabled',
    ];
    browser = await chromium.launch({ executablePath: chromiumPath() ?? undefined, args });
  });
  test.afterAll(async () => browser.close());

  test('falls back to the CPU, says so, and still shows correct numbers', async ({ baseURL }) => {
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    const errors: string[] = [];
    const foreign: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
    page.on('request', (req) => {
      if (new URL(req.url()).origin !== new URL(baseURL!).origin && !req.url().startsWith('data:'))
        foreign.push(req.url());
    });
    await hydrated(page, LESSON, 'ConvolutionExplorer');
    const w = widget(page);
    await expectCorrectOutput(page, 'cpu');
    await expect(w).toHaveAttribute('data-fallback', 'noWebglContext');
    const status = w.getByTestId('backend-status');
    await expect(status).toContainText('Computed by TensorFlow.js on the CPU');
    await expect(status).toContainText('not on WebGL: WebGL is not available here');
    await expect(status.locator('.tf-fallback')).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    const tensors = await w.getAttribute('data-num-tensors');
    await typeInto(page, fieldInput(page, 'k'), '5');
    await typeInto(page, fieldInput(page, 'p'), '2');
    await typeInto(page, fieldInput(page, 'cOut'), '3');
    await expectCorrectOutput(page, 'cpu');
    await w.locator('[data-action="randomize-input"]').click();
    await expectCorrectOutput(page, 'cpu');
    await expect(w).toHaveAttribute('data-num-tensors', tensors!);
    // tfjs may log WebGL initialisation errors while falling back; only those are allowed here.
    const tfjsWebglNoise = /webgl|WebGL|Initialization of backend/;
    expect(errors.filter((e) => !tfjsWebglNoise.test(e))).toEqual([]);
    expect(foreign).toEqual([]);
    await context.close();
  });
});
