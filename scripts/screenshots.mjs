// Screenshots of pages for review: light and dark, desktop and 360 px, English and Korean.
// Usage: npm run screenshots [-- /path/ ...]  (serves dist/ with `astro preview` if needed)
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromiumArgs, chromiumPath } from './chromium-path.mjs';

const port = process.env.E2E_PORT ?? '4321';
const base = `http://localhost:${port}`;
const paths = process.argv.slice(2).length ? process.argv.slice(2) : ['/', '/lessons/02-kernel-size-and-padding/'];

async function up() {
  try {
    return (await fetch(base)).ok;
  } catch {
    return false;
  }
}
let server;
if (!(await up())) {
  server = spawn('npm', ['exec', '--', 'astro', 'preview', '--port', port], { stdio: 'ignore', detached: true });
  for (let i = 0; i < 60 && !(await up()); i++) await new Promise((r) => setTimeout(r, 500));
}

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
if (server) process.kill(-server.pid);
