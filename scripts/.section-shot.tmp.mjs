// node /tmp/section-shot.mjs URL selector out.png width theme
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './chromium-path.mjs';
const [url, sel, out, width = '1280', theme = 'light'] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
const p = await b.newPage({ viewport: { width: Number(width), height: 1400 } });
await p.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
await p.goto(url);
const el = p.locator(sel).first();
await el.scrollIntoViewIfNeeded();
await p.waitForTimeout(500);
const box = await el.boundingBox();
await p.screenshot({ path: out, clip: { x: 0, y: box.y - 20, width: Number(width), height: Math.min(1300, 900) } });
await b.close();
