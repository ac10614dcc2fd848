import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '/work/wt-c2/scripts/chromium-path.mjs';
const [path = '/cell-dev/', width = '1280', theme = 'light', action = 'run'] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
const p = await b.newPage({ viewport: { width: Number(width), height: 900 } });
p.on('console', (m) => console.log('console', m.type(), m.text()));
p.on('pageerror', (e) => console.log('pageerror', e.message));
p.on('request', (r) => { if (r.url().includes('_astro')) console.log('req', r.url().split('/').pop()); });
await p.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
await p.goto('http://localhost:4404' + path);
const cells = p.locator('[data-cell]');
await cells.first().scrollIntoViewIfNeeded();
await p.waitForTimeout(1500);
await cells.first().screenshot({ path: `/tmp/c2/cell0-${width}-${theme}.png` });
if (action === 'run') {
  const t0 = Date.now();
  await cells.nth(1).locator('[data-cell-run-all]').click();
  await p.waitForFunction(() => document.querySelectorAll('[data-cell-output][data-state="done"]').length >= 3, null, { timeout: 30000 }).catch(e => console.log('wait failed', e.message));
  console.log('run all took', Date.now() - t0);
  for (let i = 0; i < 3; i++) console.log(i, await cells.nth(i).locator('[data-cell-status]').textContent());
  await cells.nth(1).screenshot({ path: `/tmp/c2/cell1-${width}-${theme}.png` });
  await cells.nth(2).screenshot({ path: `/tmp/c2/cell2-${width}-${theme}.png` });
}
await b.close();
