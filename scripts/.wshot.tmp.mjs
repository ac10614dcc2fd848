// node scripts/.wshot.tmp.mjs URL widgetName out.png width theme
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './chromium-path.mjs';
const [url, name, out, width = '1280', theme = 'light'] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
const p = await b.newPage({ viewport: { width: Number(width), height: 900 } });
await p.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
await p.goto(url);
const w = p.locator(`[data-widget="${name}"]`).first();
await w.scrollIntoViewIfNeeded();
await p.waitForTimeout(4000);
await w.screenshot({ path: out });
await b.close();
