// Lighthouse (mobile emulation, Debian Chromium) on a few representative pages of the built site;
// fails when a page drops below its thresholds. Run after `npm run build`:
//   npm run lighthouse            (serves dist/ with `astro preview` if nothing listens yet)
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { chromiumArgs, chromiumPath } from './chromium-path.mjs';
import { base, ensurePreview } from './preview-server.mjs';

// The pages and thresholds are `lighthouseQuick` in budgets.json: they leave room for run-to-run
// noise on a busy 2-core machine (this runs through `astro preview`, uncompressed, in `npm test`),
// but catch the regressions that matter: tfjs or Plot on the main thread scores below 60. The full
// measurement against the real thresholds is `npm run bench`.
import { readFileSync } from 'node:fs';

const { pages, accessibility } = JSON.parse(
  readFileSync(new URL('../budgets.json', import.meta.url), 'utf8'),
).lighthouseQuick;

const stopPreview = await ensurePreview();

const chrome = await chromeLauncher.launch({
  chromePath: chromiumPath(),
  chromeFlags: ['--headless=new', ...chromiumArgs],
});
const failures = [];
try {
  for (const page of pages) {
    const result = await lighthouse(base + page.path, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
    });
    const c = result.lhr.categories;
    const a = result.lhr.audits;
    const score = (x) => Math.round((x?.score ?? 0) * 100);
    console.log(
      `${page.path}: performance ${score(c.performance)}, accessibility ${score(c.accessibility)}, best practices ${score(c['best-practices'])}` +
        ` (LCP ${a['largest-contentful-paint'].displayValue}, TBT ${a['total-blocking-time'].displayValue}, CLS ${a['cumulative-layout-shift'].displayValue})`,
    );
    if ((c.performance.score ?? 0) < page.performance)
      failures.push(`${page.path}: performance ${score(c.performance)} < ${page.performance * 100}`);
    if ((c.accessibility.score ?? 0) < accessibility)
      failures.push(`${page.path}: accessibility ${score(c.accessibility)} < ${accessibility * 100}`);
  }
} finally {
  chrome.kill();
  stopPreview();
}
if (failures.length) {
  console.error(`Lighthouse below thresholds:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log(`lighthouse: ${pages.length} pages meet their thresholds`);
