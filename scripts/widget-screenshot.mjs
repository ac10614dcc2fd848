// Screenshot of the first widget on a page: node scripts/widget-screenshot.mjs URL out.png [width] [light|dark]
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './chromium-path.mjs';
const [url, out, width = '1280', theme = 'light'] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
const p = await b.newPage({ viewport: { width: Number(width), height: 900 } });
await p.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
await p.goto(url);
const w = p.locator('[data-widget]').first();
// A widget taller than the window is captured beyond the viewport, which moves blocks that skip
// rendering off-screen (content-visibility: auto) while the capture runs: render them all first.
await p.addStyleTag({ content: '* { content-visibility: visible !important; }' });
await w.scrollIntoViewIfNeeded();
await p.waitForTimeout(1000);
await w.screenshot({ path: out });
await b.close();
