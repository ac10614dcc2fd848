// Screenshots of pages for review: light and dark, desktop and 360 px, English and Korean.
// Usage: npm run screenshots [-- /path/ ...]  (serves dist/ with `astro preview` if needed)
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { chromiumArgs, chromiumPath } from './chromium-path.mjs';
import { base, ensurePreview } from './preview-server.mjs';

const paths = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['/', '/lessons/02-kernel-size-and-padding/'];

const stopPreview = await ensurePreview();

mkdirSync('screenshots', { recursive: true });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
for (const path of paths) {
  for (const locale of ['', '/ko']) {
    for (const theme of ['light', 'dark']) {
      for (const width of [1280, 360]) {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
        await page.goto(base + (path === '/' ? `${locale}/` : locale + path));
        const widget = page.locator('[data-widget]').first();
        if (await widget.count()) await widget.scrollIntoViewIfNeeded();
        await page.waitForTimeout(800);
        const name = `${(locale + path).replace(/\//g, '_').replace(/^_|_$/g, '') || 'home'}-${theme}-${width}.png`;
        await page.screenshot({ path: `screenshots/${name}` });
        await page.close();
        console.log(`screenshots/${name}`);
      }
    }
  }
}
await browser.close();
stopPreview();
