import { test, expect } from './fixtures';

const searches = [
  { path: '/', query: 'padding', href: '/lessons/02-kernel-size-and-padding/' },
  { path: '/ko/', query: '패딩', href: '/ko/lessons/02-kernel-size-and-padding/' },
];

for (const s of searches) {
  test(`search on ${s.path} finds the lesson for "${s.query}"`, async ({ page, watch }) => {
    await page.goto(s.path);
    const open = page.locator('button[data-open-modal]');
    await expect(open).toBeEnabled();
    await open.click();
    const input = page.locator('dialog[open] .pagefind-ui__search-input');
    await input.fill(s.query);
    const first = page.locator('dialog[open] .pagefind-ui__result-link').first();
    // The search loads on demand (its script, Pagefind's WebAssembly and index): beside the
    // TensorFlow.js specs on two cores that took longer than the default 5 s once (CI, 2026-12-01).
    await expect(first).toHaveAttribute('href', new RegExp(`^${s.href}`), { timeout: 15_000 });
    expect(watch.foreignRequests).toEqual([]);
  });
}
