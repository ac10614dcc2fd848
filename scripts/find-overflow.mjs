// Lists elements that stick out of a 360 px wide page (for fixing horizontal scrolling):
//   node scripts/find-overflow.mjs http://localhost:4321/lessons/06-vgg/
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './chromium-path.mjs';

const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
await page.goto(process.argv[2]);
await page.evaluate(async () => {
  for (let y = 0; y < document.body.scrollHeight; y += 600) {
    window.scrollTo(0, y);
    await new Promise((r) => setTimeout(r, 50));
  }
});
await page.waitForTimeout(1000);
const found = await page.evaluate(() => {
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.right <= window.innerWidth + 1 || r.width === 0) continue;
    let a = el.parentElement;
    let clipped = false;
    while (a) {
      if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(a).overflowX)) clipped = true;
      a = a.parentElement;
    }
    if (!clipped)
      out.push(
        `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)} right=${Math.round(r.right)}`,
      );
  }
  return out.slice(0, 15);
});
console.log(found.join('\n') || 'nothing sticks out');
await browser.close();
