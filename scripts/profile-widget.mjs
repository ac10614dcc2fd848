// Where a widget's time goes on an input change (issue 12): `node scripts/profile-widget.mjs
// <Widget> [changes] [selector]` (needs `npm run build`; serves dist with `astro preview` on
// $E2E_PORT). Changes the widget's first numeric field, range or select with the loop of `npm run
// bench:widgets` (scripts/widget-change.mjs), then prints (1) the main thread's self CPU time per
// change by trace event (script, style, layout, paint, HTML parsing…) and (2) the JavaScript
// functions with the most self time (V8's sampling profiler), both per change. FOCUS=<function>
// also prints who calls that function.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './chromium-path.mjs';
import { base, ensurePreview } from './preview-server.mjs';
import { measureInPage, placeholdersMeasured } from './widget-change.mjs';

const [name, changesArg, selectorArg] = process.argv.slice(2);
if (!name) throw new Error('usage: node scripts/profile-widget.mjs <Widget> [changes] [selector]');
const changes = Number(changesArg ?? 20);
const selector = selectorArg ?? 'input[type=number], input[type=range], select';
const root = new URL('..', import.meta.url).pathname;
const stop = await ensurePreview();
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });

try {
  let page;
  for (const lesson of readdirSync(join(root, 'dist/lessons')).sort()) {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/lessons/${lesson}/`);
    if (await page.locator(`[data-widget="${name}"]`).count()) break;
    await page.close();
    page = undefined;
  }
  if (!page) throw new Error(`no lesson shows ${name}`);
  await placeholdersMeasured(page);
  await page.locator(`[data-widget="${name}"]`).first().scrollIntoViewIfNeeded();
  const island = page.locator(`astro-island:has([data-widget="${name}"])`).first();
  await page.waitForFunction((el) => !el.hasAttribute('ssr'), await island.elementHandle());
  await page.evaluate(measureInPage, { name, selector, n: 4 }); // warm up: lazy modules, JIT

  // (1) trace: self thread time by event name on the renderer main thread
  await browser.startTracing(page, {
    categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'v8'],
  });
  await page.evaluate(measureInPage, { name, selector, n: changes });
  const trace = JSON.parse((await browser.stopTracing()).toString());
  const events = trace.traceEvents;
  const main = events.find(
    (e) =>
      e.name === 'thread_name' &&
      e.args?.name === 'CrRendererMain' &&
      events.some((x) => x.pid === e.pid && x.tid === e.tid && x.name === 'RunTask' && x.tdur > 0),
  );
  const xs = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.tdur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const self = new Map();
  const stack = [];
  for (const e of xs) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - e.tdur);
    self.set(e.name, (self.get(e.name) ?? 0) + e.tdur);
    stack.push(e);
  }
  const total = xs.filter((e) => e.name === 'RunTask').reduce((a, e) => a + e.tdur, 0);
  console.log(
    `${name}: main-thread CPU ${(total / 1000 / changes).toFixed(1)} ms per change; self time by event:`,
  );
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 18))
    console.log(`  ${(v / 1000 / changes).toFixed(2).padStart(7)} ms  ${k}`);

  // (2) JS sampling profile: self time by function
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await page.evaluate(measureInPage, { name, selector, n: changes });
  const { profile } = await cdp.send('Profiler.stop');
  const dt = new Map();
  for (let i = 0; i < profile.samples.length; i++)
    dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  const byFn = new Map();
  for (const n of profile.nodes) {
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    byFn.set(key, (byFn.get(key) ?? 0) + (dt.get(n.id) ?? 0));
  }
  // FOCUS=<function name>: who calls it (the three frames above, by self time of the function)
  if (process.env.FOCUS) {
    const parent = new Map();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
    const callers = new Map();
    for (const n of profile.nodes) {
      if (n.callFrame.functionName !== process.env.FOCUS) continue;
      const chain = [];
      for (let p = parent.get(n.id); p && chain.length < 4; p = parent.get(p.id))
        chain.push(
          `${p.callFrame.functionName || '(anonymous)'}@${p.callFrame.url.replace(/^.*\//, '')}:${p.callFrame.columnNumber + 1}`,
        );
      const key = chain.join(' < ');
      callers.set(key, (callers.get(key) ?? 0) + (dt.get(n.id) ?? 0));
    }
    console.log(`callers of ${process.env.FOCUS} per change:`);
    for (const [k, v] of [...callers].sort((a, b) => b[1] - a[1]).slice(0, 6))
      console.log(`  ${(v / 1000 / changes).toFixed(2).padStart(7)} ms  ${k}`);
  }
  console.log('JS self time per change (idle left out):');
  for (const [k, v] of [...byFn]
    .filter(([k]) => !/^\((idle|program)\)/.test(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25))
    console.log(`  ${(v / 1000 / changes).toFixed(2).padStart(7)} ms  ${k}`);
} finally {
  await browser.close();
  stop();
}
