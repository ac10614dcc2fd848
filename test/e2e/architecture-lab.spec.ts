import { test, expect, hydrated, typeInto } from './fixtures';
import type { Page } from '@playwright/test';

const lab = (page: Page) => page.locator('[data-widget="ArchitectureLab"]');
const PATH = '/tools/architecture-lab/';

const open = (page: Page, path = PATH) => hydrated(page, path, 'ArchitectureLab');

// Published totals (weights + biases + BN γ/β), DESIGN.md and torchvision.
const published: [string, string, number][] = [
  ['alexnet-2012', 'AlexNet', 60_965_224],
  ['vgg16', 'VGG-16', 138_357_544],
  ['googlenet', 'GoogLeNet', 6_998_552],
  ['resnet18', 'ResNet-18', 11_689_512],
  ['resnet34', 'ResNet-34', 21_797_672],
  ['resnet50', 'ResNet-50', 25_557_032],
  ['densenet121', 'DenseNet-121', 7_978_856],
  // FCN (Long et al. 2015): the paper's 134M backbone + score layers + transposed convolutions
  ['fcn32s', 'FCN-32s', 136_152_917],
  ['fcn8s', 'FCN-8s', 134_489_759],
];

test('without JavaScript the default network, its table and chart are on the page', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(PATH);
  await expect(lab(page).getByTestId('result')).toHaveAttribute('data-total', '60965224');
  await expect(lab(page).locator('tr[data-layer="fc6"] td[data-col="params"]')).toHaveText('37,752,832');
  await expect(lab(page).getByTestId('chart').locator('svg[role="img"]')).toHaveCount(1);
  await context.close();
});

test('every preset shows its published total', async ({ page, watch }) => {
  await open(page);
  const select = lab(page).getByTestId('preset');
  for (const [key, , total] of published) {
    await select.selectOption(key);
    await expect(lab(page).getByTestId('result')).toHaveAttribute('data-total', String(total));
    await expect(lab(page).getByTestId('total-params')).toHaveText(total.toLocaleString('en-US'));
    await expect(page).toHaveURL(new RegExp(`#preset=${key}$`));
  }
  expect(watch.consoleErrors).toEqual([]);
});

test('the preset menu works from the keyboard', async ({ page }) => {
  await open(page);
  const select = lab(page).getByTestId('preset');
  await select.focus();
  await page.keyboard.press('ArrowDown'); // AlexNet → VGG-16
  await expect(lab(page).getByTestId('result')).toHaveAttribute('data-total', '138357544');
});

test('editing a line changes the totals, and the URL reproduces the edit', async ({ page }) => {
  await open(page);
  const editor = lab(page).getByTestId('editor');
  const text = await editor.inputValue();
  await editor.fill(text.replace('fc8: fc 1000', 'fc8: fc 10'));
  // fc8 shrinks from 4096·1000 + 1000 to 4096·10 + 10 = 40,970 parameters.
  const total = 60_965_224 - 4_097_000 + 40_970;
  await expect(lab(page).getByTestId('result')).toHaveAttribute('data-total', String(total));
  await expect(lab(page).getByTestId('preset')).toHaveValue('');
  await expect(page).toHaveURL(/#net=[A-Za-z0-9_-]+$/);
  await page.reload();
  await lab(page).scrollIntoViewIfNeeded();
  await expect(lab(page).getByTestId('result')).toHaveAttribute('data-total', String(total));
  await expect(lab(page).getByTestId('editor')).toHaveValue(text.replace('fc8: fc 1000', 'fc8: fc 10'));
});

test('typing with the keyboard: a broken line shows the error at that line and goes there', async ({
  page,
}) => {
  await open(page);
  const editor = lab(page).getByTestId('editor');
  await typeInto(page, editor, 'input 8x8x3\nconv 16 k3 p1\nconv 16 k11\nfc 10\n');
  const invalid = lab(page).getByTestId('invalid');
  await expect(invalid.locator('li[data-code="kernelTooLarge"]')).toContainText('conv2');
  await expect(invalid.locator('li[data-code="kernelTooLarge"]')).toHaveAttribute('data-line', '3');
  await expect(lab(page).locator('.gutter .bad')).toHaveText(/⚠\s*3/);
  await expect(editor).toHaveAttribute('aria-invalid', 'true');
  await expect(lab(page)).not.toContainText('NaN');
  await invalid.getByRole('button', { name: 'Go to line 3' }).click();
  await expect(editor).toBeFocused();
  expect(
    await editor.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd)),
  ).toBe('conv 16 k11');
  // fix it: 8×8×3 → conv 3×3 p1 (448) → conv 16 k3 (2,320, 6×6×16) → fc 10 needs flatten
  await page.keyboard.type('conv 16 k3\nflatten');
  // 3·3·3·16+16 = 448; 3·3·16·16+16 = 2,320; 6·6·16·10+10 = 5,770
  await expect(lab(page).getByTestId('result')).toHaveAttribute('data-total', String(448 + 2320 + 5770));
});

test('a preset link and a damaged link', async ({ page }) => {
  await open(page, `${PATH}#preset=resnet50`);
  await expect(lab(page).getByTestId('result')).toHaveAttribute('data-total', '25557032');
  await page.goto('about:blank'); // a new document, not a same-page hash change
  await open(page, `${PATH}#net=%%%`);
  await expect(lab(page).getByTestId('notice')).toBeVisible();
  await expect(lab(page).getByTestId('result')).toHaveAttribute('data-total', '60965224');
});

test('a damaged link: the notice goes once the reader picks a preset or edits', async ({ page }) => {
  await open(page, `${PATH}#net=%%%`);
  const notice = lab(page).getByTestId('notice');
  await expect(notice).toHaveText(/could not be read/);
  await lab(page).getByTestId('preset').selectOption('vgg16');
  await expect(notice).toHaveCount(0);
  await page.goto('about:blank');
  await open(page, `${PATH}#preset=lenet`);
  await expect(notice).toBeVisible();
  await typeInto(page, lab(page).getByTestId('editor'), '#');
  await expect(notice).toHaveCount(0);
});

test('copy link: the clipboard gets the address, which opens the same network; a refusal is said', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page);
  await lab(page).getByTestId('preset').selectOption('resnet18');
  await expect(page).toHaveURL(/#preset=resnet18$/);
  await lab(page).getByTestId('copy-link').click();
  const status = lab(page).locator('p[aria-live="polite"]', { hasText: 'Link copied' });
  await expect(status).toHaveText('Link copied. It reproduces this network exactly.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(page.url());
  await page.goto('about:blank');
  await open(page, copied.slice(copied.indexOf(PATH)));
  await expect(lab(page).getByTestId('result')).toHaveAttribute('data-total', '11689512');
  await page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError'));
  });
  await lab(page).getByTestId('copy-link').click();
  await expect(lab(page).getByText('Could not copy; the address bar already holds the link.')).toBeVisible();
});

test('rows: every layer inside blocks', async ({ page }) => {
  await open(page, `${PATH}#preset=googlenet`);
  await expect(lab(page).locator('tr[data-layer="inception3a"] td[data-col="params"]')).toHaveText('163,696');
  await expect(lab(page).locator('tr[data-layer="inception3a/5x5"]')).toHaveCount(0);
  await lab(page).getByTestId('rows').selectOption('all');
  // 5×5 branch of 3a: 5·5·16·32 + 32
  await expect(lab(page).locator('tr[data-layer="inception3a/5x5"] td[data-col="params"]')).toHaveText(
    '12,832',
  );
});

test('Korean: messages and labels', async ({ page }) => {
  await open(page, `/ko${PATH}`);
  const editor = lab(page).getByTestId('editor');
  await editor.fill('input 8x8x3\nconv 16 k3 s0\n');
  await expect(lab(page).getByTestId('invalid')).toContainText('스트라이드 s은(는) 1 이상이어야 합니다');
  await expect(lab(page).getByTestId('status')).toContainText('2번째 줄');
  // a parse error, phrases included, reads in Korean; the preset menu names networks in Korean
  await editor.fill('input 8x8x3\nconv k3\n');
  const parse = lab(page).getByTestId('invalid').locator('li[data-code="parseExpected"]');
  await expect(parse).toContainText(
    '2번째 줄 6번째 칸: 출력 채널 수 (예: conv 64 k3)이(가) 와야 하는데 "k3"이(가) 있습니다.',
  );
  await expect(parse).not.toContainText(/expected|found|the number/);
  await expect(lab(page).getByTestId('preset').locator('option[value="alexnet-2012"]')).toHaveText(
    'AlexNet (2012, GPU 두 개)',
  );
});
