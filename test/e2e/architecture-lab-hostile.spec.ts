/**
 * The Architecture Lab against hostile input (issue 12): huge sizes, thousands of broken lines,
 * deep nesting, unbalanced braces, non-ASCII, markup in comments and names, and damaged or hostile
 * shared links. Each case must end in a clear message or a correct analysis, with the page still
 * answering within 2 s, no markup of the reader's turned into elements, no dialog, and no console
 * error (the `watch` fixture). The 5,000-line speed case is in architecture-lab-scale.spec.ts.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { expectResponsive, inspect, openWidget } from './robustness';

test.describe.configure({ mode: 'parallel' });

const PATH = '/tools/architecture-lab/';
const MARKUP = '<script>window.__injected = 1</script><img src=x onerror="window.__injected = 2">';

/** Elements that the reader's text could smuggle in. */
async function countInjectable(page: Page) {
  return page.evaluate(() => ({
    scripts: document.querySelectorAll('script').length,
    imgs: document.querySelectorAll('img').length,
    iframes: document.querySelectorAll('iframe').length,
    injected: (window as unknown as { __injected?: number }).__injected ?? 0,
  }));
}

/** Fails the test on any dialog (alert/confirm/prompt) the page opens. */
function forbidDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return dialogs;
}

/** Puts `text` in the editor as a paste would (one input event) and waits for the analysis. */
async function paste(lab: Locator, text: string) {
  await lab.getByTestId('editor').evaluate((el, value) => {
    const area = el as HTMLTextAreaElement;
    area.value = value;
    area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, text);
  await expect(lab.getByTestId('status')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
}

/** The analysis ended in the problem list: each listed problem is a sentence, not a code. */
async function expectProblems(lab: Locator, codes: RegExp) {
  const invalid = lab.getByTestId('invalid');
  await expect(invalid).toBeVisible();
  const listed = await invalid
    .locator('li')
    .evaluateAll((lis) =>
      lis
        .slice(0, 50)
        .map((li) => ({ code: li.getAttribute('data-code') ?? '', text: li.textContent ?? '' })),
    );
  expect(listed.length).toBeGreaterThan(0);
  expect(
    listed.some((l) => codes.test(l.code)),
    JSON.stringify(listed.slice(0, 5)),
  ).toBe(true);
  for (const l of listed) expect(l.text.trim().length, l.code).toBeGreaterThan(10);
}

interface TextCase {
  name: string;
  text: () => string;
  /** problem codes one of which must be listed, or 'ok' with the expected total */
  expect: RegExp | { total: number };
}

const nested = (depth: number, open: string, close: string, inner: string) =>
  `input 8x8x16\n${open.repeat(depth)}\n${inner}\n${close.repeat(depth)}\n`;

const TEXT_CASES: TextCase[] = [
  {
    name: 'a billion channels',
    text: () => 'input 224x224x3\nconv 1000000000 k3 p1\nfc 10\n',
    expect: /tooLarge|networkTooLarge|outOfRange/,
  },
  {
    name: 'a 99999×99999 input',
    text: () => 'input 99999x99999x3\nconv 64 k3 p1\nconv 64 k3 p1\n',
    expect: /tooLarge|networkTooLarge|outOfRange/,
  },
  {
    name: 'numbers beyond any integer (1e400, 99999999999999999999)',
    text: () => 'input 1e400x8x3\nconv 99999999999999999999 k3\n',
    expect: /./,
  },
  {
    name: 'thousands of broken lines',
    text: () => 'input 8x8x3\n' + 'conv k3 ((( }\n'.repeat(3000),
    expect: /parseExpected|unknownLayer|unknownOption/,
  },
  {
    name: 'nesting 2,000 deep',
    text: () => nested(2000, 'residual {\n', '}\n', 'conv 16 k3 p1'),
    expect: /./,
  },
  {
    name: 'concat branches nested 500 deep',
    text: () => nested(500, 'concat {\nbranch {\n', '}\n}\n', 'conv 16 k1'),
    expect: /./,
  },
  { name: 'unbalanced: 50 open braces', text: () => nested(50, 'residual {\n', '', 'relu'), expect: /./ },
  {
    name: 'unbalanced: closing braces only',
    text: () => 'input 8x8x3\n}\n}}}\nconv 8 k3\n}\n',
    expect: /parseExpected/,
  },
  {
    name: 'Korean and emoji in names and comments',
    // 3·3·3·8 + 8 = 224 parameters
    text: () => 'input 8x8x3 # 입력 이미지 🖼️\n합성곱: conv 8 k3 p1 # 커널 🧠\n',
    expect: /./,
  },
  {
    name: 'markup in comments',
    // 224 + (8·8·8·10 + 10) = 5,354
    text: () => `input 8x8x3 # ${MARKUP}\nconv 8 k3 p1 # <b>bold</b>\nflatten\nfc 10 # ${MARKUP}\n`,
    expect: { total: 224 + 8 * 8 * 8 * 10 + 10 },
  },
  {
    name: 'markup as layer names and types',
    text: () => `input 8x8x3\n${MARKUP}: conv 8 k3\n<img src=x onerror=alert(1)>\n`,
    expect: /./,
  },
];

for (const c of TEXT_CASES) {
  test(`editor: ${c.name}`, async ({ page, watch }) => {
    test.setTimeout(90_000);
    const dialogs = forbidDialogs(page);
    const lab = await openWidget(page, PATH, 'ArchitectureLab');
    const before = await countInjectable(page);
    await paste(lab, c.text());
    await expectResponsive(page);
    if (c.expect instanceof RegExp) {
      // either a problem list with sentences, or an analysis that stands (non-ASCII cases)
      if (await lab.getByTestId('invalid').isVisible()) await expectProblems(lab, c.expect);
      else await expect(lab.getByTestId('result')).toHaveAttribute('data-total', /^\d+$/);
    } else await expect(lab.getByTestId('result')).toHaveAttribute('data-total', String(c.expect.total));
    expect((await inspect(lab)).bad).toEqual([]);
    // the editor stays usable: a valid network afterwards is analysed
    await paste(lab, 'input 8x8x3\nconv 8 k3 p1\n');
    await expect(lab.getByTestId('result')).toHaveAttribute('data-total', '224');
    await expectResponsive(page);
    expect(await countInjectable(page)).toEqual(before);
    expect(dialogs).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
  });
}

test('editor: a name in markup is shown as text in the table and messages', async ({ page }) => {
  const lab = await openWidget(page, PATH, 'ArchitectureLab');
  await paste(lab, 'input 8x8x3\n<b>x</b>: conv 8 k3 p1\n<b>x</b>: conv 8 k3 p1\n');
  // the same name twice: the message quotes it as typed
  await expect(lab.getByTestId('invalid')).toContainText('<b>x</b>');
  await expect(lab.locator('[data-testid="invalid"] b')).toHaveCount(0);
});

/** Hash fragments a shared link could carry (after `#`). */
const HASHES: { name: string; hash: () => string; notice: boolean }[] = [
  { name: 'malformed percent-encoding', hash: () => 'net=%E0%A4%A', notice: true },
  { name: 'not base64', hash: () => 'net=@@@***', notice: true },
  { name: '200 KB of base64 garbage', hash: () => 'net=' + 'QUJD'.repeat(50_000), notice: true },
  { name: 'markup in the network', hash: () => `net=${encodeURIComponent(MARKUP)}`, notice: true },
  { name: 'markup as preset', hash: () => `preset=${encodeURIComponent(MARKUP)}`, notice: true },
  { name: 'an empty net', hash: () => 'net=', notice: true },
  { name: 'both keys, repeated', hash: () => 'preset=vgg16&preset=x&net=abc', notice: false },
  { name: 'a lone %', hash: () => '%', notice: false },
];

for (const h of HASHES) {
  test(`shared link: ${h.name}`, async ({ page, watch }) => {
    test.setTimeout(90_000);
    const dialogs = forbidDialogs(page);
    const lab = await openWidget(page, `${PATH}#${h.hash()}`, 'ArchitectureLab');
    await expectResponsive(page);
    if (h.notice) await expect(lab.getByTestId('notice')).toBeVisible();
    // a usable Lab: the default (or a named preset) network, analysed
    await expect(lab.getByTestId('result')).toHaveAttribute('data-total', /^\d+$/);
    expect((await inspect(lab)).bad).toEqual([]);
    const shown = await countInjectable(page);
    expect(shown.injected).toBe(0);
    expect(
      await page
        .locator('[data-widget="ArchitectureLab"] img, [data-widget="ArchitectureLab"] script')
        .count(),
    ).toBe(0);
    expect(dialogs).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
  });
}

test('shared link: markup that decodes correctly is text in the editor, not elements', async ({
  page,
  watch,
}) => {
  const dialogs = forbidDialogs(page);
  // a link the Lab itself would make for a network whose comment holds markup
  const lab = await openWidget(page, PATH, 'ArchitectureLab');
  const text = `input 8x8x3 # ${MARKUP}\nconv 8 k3 p1\n`;
  await paste(lab, text);
  await expect(page).toHaveURL(/#net=[A-Za-z0-9_-]+$/, { timeout: 10_000 });
  const url = page.url();
  await page.goto('about:blank');
  await openWidget(page, url, 'ArchitectureLab');
  await expect(lab.getByTestId('editor')).toHaveValue(text);
  await expect(lab.getByTestId('result')).toHaveAttribute('data-total', '224');
  expect((await countInjectable(page)).injected).toBe(0);
  expect(dialogs).toEqual([]);
  expect(watch.consoleErrors).toEqual([]);
});

test('shared link: a compressed bomb (a tiny link that inflates to 50 MB) is refused, not frozen on', async ({
  page,
  watch,
}) => {
  test.setTimeout(90_000);
  const lab = await openWidget(page, PATH, 'ArchitectureLab');
  // deflate-raw of 50 MB of the same line, base64url, as the Lab encodes its links
  const bomb = await page.evaluate(async () => {
    const line = 'conv 8 k3 p1\n';
    const chunk = new TextEncoder().encode(line.repeat(80_000)); // ~1 MB
    const stream = new Blob(Array.from({ length: 50 }, () => chunk))
      .stream()
      .pipeThrough(new CompressionStream('deflate-raw'));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  });
  expect(bomb.length).toBeLessThan(200_000);
  await page.goto('about:blank');
  await openWidget(page, `${PATH}#net=${bomb}`, 'ArchitectureLab');
  await expectResponsive(page);
  await expect(lab.getByTestId('notice')).toBeVisible({ timeout: 20_000 });
  await expectResponsive(page);
  await expect(lab.getByTestId('result')).toHaveAttribute('data-total', /^\d+$/);
  expect(watch.consoleErrors).toEqual([]);
});
