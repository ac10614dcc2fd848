// The site's speed, measured (issue 12): `npm run bench`. Not part of `npm test` (minutes long and
// load-dependent); its last table goes in the README.
//
// 1. `astro build`, timed; the output's size (total and gzipped).
// 2. Lighthouse CI (`lhci collect`, mobile defaults, Debian Chromium) on every built page in both
//    locales, `budgets.lighthouse.runs` runs each. lhci serves `staticDistDir` itself through
//    express with `compression()`, i.e. gzipped as a static host serves it (checked below).
// 3. `lhci assert` with the thresholds of budgets.json (median of the runs), and a table of the
//    medians: scores, FCP, LCP, TBT, CLS, DOM elements, JS transferred (gzipped).
// 4. Who had the CPU while each page loaded (sched-stat.mjs): Lighthouse replays the wall time of
//    the main thread's tasks, and on this two-core machine a task's wall time is its CPU time plus
//    the time it was ready to run while another thread had both cores, mostly Chromium's GPU
//    process (SwiftShader: the GPU in software). `budgets.lighthouse.contentionLoads` cold loads
//    per page, each in a fresh browser at Lighthouse's phone size (412×823, 1.75×) from the preview
//    server, to the load event and half a second after: the medians of the page's main thread's
//    ms running and ms ready but waiting, and of the GPU process's CPU ms. Not with --dist or
//    --collected.
// 5. The method's floor, before and after the pages: the same Lighthouse runs on a blank page (one
//    paragraph, no script, no style sheet), served the same way from a temporary folder. On this
//    machine a blank page's TBT is not zero and moves with the hour (2 December: 0 ms in the
//    morning, a median of 81 ms in the afternoon), so each run says what the pages' figures stand
//    on. Not asserted; not with --collected.
// Writes bench/report.json (the `pages` and `build` keys; `npm run bench:widgets` adds `widgets`).
//
//   npm run bench                      build, then measure
//   npm run bench -- --no-build        measure the existing dist/
//   npm run bench -- --dist DIR        measure another built copy (implies --no-build)
//   npm run bench -- --only 05-alexnet only the pages whose path contains this (repeatable)
//   npm run bench -- --runs 5          runs per page (default: budgets.json)
//   npm run bench -- --collected       no new runs: the table and assertions from the last collection
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './chromium-path.mjs';
import { base, ensurePreview } from './preview-server.mjs';
import { mainThreadAndGpu, schedDelta, snapshotThreads } from './sched-stat.mjs';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = args.flatMap((a, i) => (args[i - 1] === '--only' ? [a] : []));
const dist = opt('--dist') ?? join(root, 'dist');
const build = !args.includes('--no-build') && !opt('--dist');
const budgets = JSON.parse(readFileSync(join(root, 'budgets.json'), 'utf8'));
// --work DIR: lhci's working folder (and the report) elsewhere, so two measurements can run side by side
const work = opt('--work');
const reportFile = work ? join(work, 'report.json') : join(root, 'bench', 'report.json');
const lhciDir = join(work ?? root, '.lighthouseci');

const loadNow = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
console.log(`Site benchmark — ${cpus().length} cores, load average ${loadNow()}`);

// 1. Build and size
let buildMs = null;
if (build) {
  const t = performance.now();
  const r = spawnSync('npm', ['exec', '--', 'astro', 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
  buildMs = performance.now() - t;
}
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full);
    else files.push(full);
  }
};
walk(dist);
const size = files.reduce(
  (acc, f) => {
    const bytes = readFileSync(f);
    acc.bytes += bytes.length;
    acc.gzip += gzipSync(bytes).length;
    return acc;
  },
  { files: files.length, bytes: 0, gzip: 0 },
);
const MB = (b) => `${(b / 1024 / 1024).toFixed(2)} MB`;
console.log(
  `build: ${buildMs === null ? 'not run' : `${(buildMs / 1000).toFixed(1)} s`}; dist: ${size.files} files, ${MB(size.bytes)} (${MB(size.gzip)} gzipped)`,
);

// 2. Lighthouse CI: every HTML file of dist (lhci puts its static server's port into each URL)
// Heaviest pages first, so that an interrupted run has measured the ones that matter most.
const htmlPages = files
  .filter((f) => f.endsWith('.html') && !f.includes(`${dist}/pagefind/`))
  .sort((a, b) => statSync(b).size - statSync(a).size)
  .map((f) => '/' + f.slice(dist.length + 1));
const urls = only.length ? htmlPages.filter((p) => only.some((o) => p.includes(o))) : htmlPages;
const { categories, audits } = budgets.lighthouse;
const runs = Number(opt('--runs') ?? budgets.lighthouse.runs);
const median = { aggregationMethod: 'median' };
const config = {
  ci: {
    collect: {
      staticDistDir: dist,
      url: urls,
      numberOfRuns: runs,
      chromePath: chromiumPath(),
      settings: { chromeFlags: chromiumArgs.join(' ') },
    },
    assert: {
      assertions: {
        ...Object.fromEntries(
          Object.entries(categories).map(([c, min]) => [
            `categories:${c}`,
            ['error', { ...median, minScore: min }],
          ]),
        ),
        ...Object.fromEntries(
          Object.entries(audits).map(([a, max]) => [a, ['error', { ...median, maxNumericValue: max }]]),
        ),
      },
    },
  },
};
const collected = args.includes('--collected');
if (!collected) rmSync(lhciDir, { recursive: true, force: true });
mkdirSync(lhciDir, { recursive: true });
const rc = join(lhciDir, 'lighthouserc.json');
writeFileSync(rc, JSON.stringify(config, null, 2));
/** Runs `lhci <command>` with a config file, in `cwd` (where lhci keeps its .lighthouseci). */
const lhci = (command, { config = rc, cwd = work ?? root, stdio = 'inherit' } = {}) =>
  spawnSync(join(root, 'node_modules/.bin/lhci'), [command, `--config=${config}`], { cwd, stdio });
const med = (xs) => {
  const s = xs.filter((x) => x != null).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = Math.floor((s.length - 1) / 2);
  return s.length % 2 ? s[m] : (s[m] + s[m + 1]) / 2;
};
const readLhrs = (dir) =>
  readdirSync(dir)
    .filter((f) => /^lhr-.*\.json$/.test(f))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));

// 5. The floor (see the top): a blank page through the same collection, in a folder of its own
const blankPage =
  '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
  '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Blank</title>' +
  '<meta name="description" content="A blank page: the floor of the benchmark."></head>' +
  '<body><main><p>A blank page.</p></main></body></html>';
/** Lighthouse on the blank page, `runs` times: median and every run of TBT and performance. */
function measureFloor() {
  const folder = mkdtempSync(join(tmpdir(), 'bench-floor-'));
  try {
    writeFileSync(join(folder, 'index.html'), blankPage);
    const floorRc = join(folder, 'lighthouserc.json');
    const collect = { ...config.ci.collect, staticDistDir: folder, url: ['/index.html'] };
    writeFileSync(floorRc, JSON.stringify({ ci: { collect } }));
    if (lhci('collect', { config: floorRc, cwd: folder, stdio: 'ignore' }).status !== 0) return null;
    const lhrs = readLhrs(join(folder, '.lighthouseci'));
    const tbtRuns = lhrs.map((l) => Math.round(l.audits['total-blocking-time'].numericValue));
    const performanceRuns = lhrs.map((l) => Math.round(l.categories.performance.score * 100));
    return {
      tbt: med(tbtRuns),
      tbtRuns,
      performance: med(performanceRuns),
      performanceRuns,
      load: loadNow(),
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
const floorText = (f) =>
  f
    ? `TBT ${f.tbt} ms (runs ${f.tbtRuns.join(', ')}), performance ${f.performance} (load average ${f.load})`
    : 'not measured (lhci failed)';
const floor = { before: null, after: null };
if (!collected) {
  floor.before = measureFloor();
  console.log(`floor, a blank page, before: ${floorText(floor.before)}`);
}

const loadBefore = loadNow();
const collectStart = performance.now();
if (!collected && lhci('collect').status !== 0) process.exit(1);
const collectMs = performance.now() - collectStart;
if (!collected) {
  floor.after = measureFloor();
  console.log(`floor, a blank page, after: ${floorText(floor.after)}`);
}

// 4. Who had the CPU during each page's load (see the top)
const pagePath = (url) => url.replace(/index\.html$/, '');
/** One cold load of `path` at Lighthouse's phone size: mainThreadAndGpu over it. */
async function coldLoad(path) {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    const page = await browser.newPage({
      viewport: { width: 412, height: 823 },
      deviceScaleFactor: 1.75,
      isMobile: true,
      hasTouch: true,
    });
    await page.goto('about:blank');
    await page.waitForTimeout(800); // the browser's own start-up settles
    const before = snapshotThreads();
    await page.goto(base + path, { waitUntil: 'load' });
    await page.waitForTimeout(500);
    return mainThreadAndGpu(schedDelta(before, snapshotThreads()));
  } finally {
    await browser.close();
  }
}
const contention = new Map();
const contentionLoads = Number(budgets.lighthouse.contentionLoads ?? 0);
if (!collected && !opt('--dist') && contentionLoads > 0 && snapshotThreads()) {
  const stopPreview = await ensurePreview();
  try {
    for (const url of urls) {
      const loads = [];
      for (let i = 0; i < contentionLoads; i++) loads.push(await coldLoad(url));
      const of = (k) => med(loads.map((l) => l[k]));
      contention.set(pagePath(url), {
        mainRunMs: of('mainRunMs'),
        mainWaitMs: of('mainWaitMs'),
        gpuCpuMs: of('gpuCpuMs'),
      });
      console.log(
        `load ${pagePath(url)}: main thread ${of('mainRunMs')} ms running, ${of('mainWaitMs')} ms waiting for a CPU; GPU process ${of('gpuCpuMs')} ms CPU (median of ${contentionLoads})`,
      );
    }
  } finally {
    stopPreview();
  }
}

// The table: medians per page over its runs
const lhrs = readLhrs(lhciDir);
const byPage = new Map();
for (const lhr of lhrs) {
  const path = pagePath(new URL(lhr.requestedUrl).pathname);
  if (!byPage.has(path)) byPage.set(path, []);
  byPage.get(path).push(lhr);
}
const first = lhrs[0];
const compressed = first?.audits['uses-text-compression']?.score === 1;
const pages = [...byPage.keys()].sort().map((path) => {
  const runsOf = byPage.get(path);
  const cat = (c) => med(runsOf.map((l) => l.categories[c]?.score));
  const num = (a) => med(runsOf.map((l) => l.audits[a]?.numericValue));
  const scriptBytes = (l) =>
    l.audits['resource-summary']?.details?.items?.find((i) => i.resourceType === 'script')?.transferSize;
  return {
    path,
    runs: runsOf.length,
    performance: cat('performance'),
    accessibility: cat('accessibility'),
    bestPractices: cat('best-practices'),
    seo: cat('seo'),
    fcp: num('first-contentful-paint'),
    lcp: num('largest-contentful-paint'),
    tbt: num('total-blocking-time'),
    cls: num('cumulative-layout-shift'),
    domElements: num('dom-size'),
    jsTransferGzip: med(runsOf.map(scriptBytes)),
    performanceRuns: runsOf.map((l) => Math.round(l.categories.performance.score * 100)),
    tbtRuns: runsOf.map((l) => Math.round(l.audits['total-blocking-time'].numericValue)),
    loadContention: contention.get(path),
  };
});

const pct = (x) => (x == null ? '—' : String(Math.round(x * 100)));
const s = (x) => (x == null ? '—' : `${(x / 1000).toFixed(1)} s`);
const msf = (x) => (x == null ? '—' : `${Math.round(x)} ms`);
const header = [
  'page',
  'perf',
  'a11y',
  'BP',
  'SEO',
  'FCP',
  'LCP',
  'TBT',
  'CLS',
  'DOM',
  'JS gz',
  'main thread at load: running / waiting',
  'GPU process at load',
];
const rows = pages.map((p) => [
  `\`${p.path}\``,
  pct(p.performance),
  pct(p.accessibility),
  pct(p.bestPractices),
  pct(p.seo),
  s(p.fcp),
  s(p.lcp),
  msf(p.tbt),
  p.cls == null ? '—' : p.cls.toFixed(3),
  p.domElements == null ? '—' : String(p.domElements),
  p.jsTransferGzip == null ? '—' : `${(p.jsTransferGzip / 1024).toFixed(1)} KB`,
  p.loadContention ? `${msf(p.loadContention.mainRunMs)} / ${msf(p.loadContention.mainWaitMs)}` : '—',
  p.loadContention ? msf(p.loadContention.gpuCpuMs) : '—',
]);
const table = [header, header.map((_, i) => (i ? '---:' : '---')), ...rows]
  .map((r) => `| ${r.join(' | ')} |`)
  .join('\n');
console.log(
  `\nLighthouse ${first?.lighthouseVersion} (mobile defaults), median of ${runs} runs per page, ${first?.environment?.hostUserAgent?.match(/Chrome\/[\d.]+/)?.[0] ?? 'Chromium'}; served ${compressed ? 'gzipped' : 'UNCOMPRESSED'} by lhci's static server; load average ${loadBefore} before, ${loadNow()} after; ${(collectMs / 60000).toFixed(1)} min\n`,
);
console.log(table);
if (!collected)
  console.log(
    `\nThe floor, a blank page (no script, no style sheet) measured the same way: before ${floorText(floor.before)}; after ${floorText(floor.after)}`,
  );

const previous = existsSync(reportFile) ? JSON.parse(readFileSync(reportFile, 'utf8')) : {};
const report = {
  ...previous,
  date: new Date().toISOString(),
  machine: { cores: cpus().length, loadBefore, loadAfter: loadNow() },
  build: { ms: buildMs === null ? (previous.build?.ms ?? null) : Math.round(buildMs), dist: size },
  lighthouse: {
    version: first?.lighthouseVersion,
    userAgent: first?.environment?.hostUserAgent,
    compressed,
    runs,
    budgets: budgets.lighthouse,
    floor: collected ? (previous.lighthouse?.floor ?? null) : floor,
    pages: only.length
      ? [...(previous.lighthouse?.pages ?? []).filter((p) => !byPage.has(p.path)), ...pages].sort((a, b) =>
          a.path.localeCompare(b.path),
        )
      : pages,
  },
};
mkdirSync(join(reportFile, '..'), { recursive: true });
writeFileSync(reportFile, JSON.stringify(report, null, 2) + '\n');
console.log(`\nreport: ${reportFile}`);

// 3. The thresholds (lhci prints each failing assertion with its page)
if (!compressed) console.error('bench: the pages were served without compression');
const assert = lhci('assert');
process.exit(assert.status !== 0 || !compressed ? 1 : 0);
