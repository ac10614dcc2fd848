// Widget responsiveness in Chromium (issue 12): `npm run bench:widgets` (needs `npm run build`;
// serves dist with `astro preview` on $E2E_PORT). Not part of `npm test`: timings depend on the
// machine's load (printed).
//
// For every widget on the English lesson pages (the Architecture Lab has its own `npm run
// bench:lab`): hydrate it, then change its first numeric field, range or select, alternating
// between two valid values: `budgets.widgets.pureChanges` times for a pure widget, `tfChanges` times
// for a TensorFlow.js widget (a change can take seconds), in each of `rounds` rounds (a fresh
// browser each, all widgets in turn, so a burst of load on this shared two-core machine falls on
// one round of several widgets rather than on every change of one). Each figure reported is the
// median over the rounds of that round's figure, every round kept beside it in bench/report.json.
// (Until 2026-12-01 one round of 120 changes: a widget's p95 then moved by 5–10 ms between runs of
// unchanged code, so which widgets were over 16 ms changed from run to run.)
// One change is timed from the input event to the paint after the widget's DOM stopped changing:
// every mutation inside the widget (its figure, its aria-live sentence) waits for the next
// animation frame and then for a task posted from it, which runs once that frame's style, layout
// and paint are done; the change ends
// at the last of those (so a TensorFlow.js answer that arrives later, or a chart drawn after the
// numbers, counts); beside it, input → first DOM change (the synchronous work). (Until
// 2026-11-30 the end was a second animation frame, which added a whole frame, 10–16 ms, to every
// change.) A trivial widget on a blank page (widget-change.mjs `controlPage`) is measured first
// the same way and reported: the floor of the method on this machine at this load. The same
// trivial widget placed just above each pure widget in its lesson and changed `floorChanges` times
// gives the page's floor there (a row's `pageFloor`): what the lesson page's own style, layout,
// paint and compositing cost a one-text-node change, so that a widget's figure minus it is the
// widget's own cost (the last figures are in the README).
// Also recorded: the longest main-thread task (Long Tasks API) during the changes.
// Main-thread CPU per change comes from a Chromium trace of `tracedChanges` more changes in the
// first round, apart from the timed ones, since tracing slows the page it records: all of the main
// thread's CPU during those changes divided by their number, and the CPU inside each change's own
// latency (main-thread-cpu.mjs changeCpu), median and p95. That p95 beside the latency's tells the
// page's own slow changes from the ones where this busy two-core machine ran something else; being
// traced, it errs high.
// Widgets that compute with TensorFlow.js run twice: WebGL (SwiftShader, the default flags) and
// CPU (Chromium without GL: --use-angle=none --use-gl=disabled, so the worker falls back).
// Before and after, a fixed JavaScript workload is timed in a blank page (`calibrationMs`, lower is
// faster): on this shared two-core machine the same code can measure 15% more CPU per change on one
// day than on the day before, and this makes a slower machine a figure rather than a guess. So does
// the share of CPU time the hypervisor gave other guests during the run (steal, /proc/stat).
// And who had the CPU during each round's timed changes (sched-stat.mjs, from Linux's scheduler
// counters, not a trace, so nothing slows the page): per change, how long the page's main thread
// ran and how long it was ready to run but waited for a CPU, and the CPU time of Chromium's GPU
// process, which is SwiftShader here (the GPU in software, on the same two cores) and draws every
// frame a change makes.
// Prints a table; adds `widgets` to bench/report.json (`--only` replaces just those rows). Fails
// when a pure widget's median or 95th percentile exceeds budgets.widgets, or a TensorFlow.js
// widget blocks the main thread longer.
//
//   npm run bench:widgets -- --only ConvolutionExplorer   (repeatable)
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './chromium-path.mjs';
import { base, ensurePreview } from './preview-server.mjs';
import { addControl, controlPage, measureInPage, placeholdersMeasured } from './widget-change.mjs';
import { changeCpu, mainThreadCpu, TRACE_CATEGORIES } from './main-thread-cpu.mjs';
import {
  cpuTicks,
  mainThreadAndGpu,
  schedDelta,
  snapshotThreads,
  stealPercentBetween,
} from './sched-stat.mjs';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const only = args.flatMap((a, i) => (args[i - 1] === '--only' ? [a] : []));
const budgets = JSON.parse(readFileSync(join(root, 'budgets.json'), 'utf8')).widgets;
const reportFile = join(root, 'bench', 'report.json');
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

// Widgets whose first field does not start a TensorFlow.js computation: the control that does.
const controlOf = {};
// The widgets that compute with TensorFlow.js (through TfTask), found in their sources.
const widgetsDir = join(root, 'src/components/widgets');
const tfWidgets = new Set(
  readdirSync(widgetsDir).filter((name) => {
    const dir = join(widgetsDir, name);
    if (name === 'shared' || !existsSync(join(dir, `${name}.svelte`))) return false;
    return readdirSync(dir).some(
      (f) => f.endsWith('.svelte') && /TfTask/.test(readFileSync(join(dir, f), 'utf8')),
    );
  }),
);

const ticksAtStart = cpuTicks();

const lessons = readdirSync(join(root, 'dist/lessons')).sort();
const stopPreview = await ensurePreview();
console.log(
  `Widget benchmark — ${cpus().length} cores, load average ${load()}; ${budgets.rounds} rounds of ${budgets.pureChanges} changes per pure widget, ${budgets.tfChanges} per TensorFlow.js widget`,
);

/** Median ms of 7 runs of a fixed JavaScript workload (a seeded sort, square roots) in a blank page. */
async function calibrate() {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    const page = await browser.newPage();
    const ms = await page.evaluate(() => {
      const work = () => {
        let seed = 1;
        const xs = Array.from({ length: 200_000 }, () => (seed = (seed * 16807) % 2147483647));
        xs.sort((a, b) => a - b);
        let acc = 0;
        for (let i = 1; i < 2_000_000; i++) acc += Math.sqrt(i) % 7;
        return acc + xs[100];
      };
      const times = [];
      for (let i = 0; i < 7; i++) {
        const t0 = performance.now();
        work();
        times.push(performance.now() - t0);
      }
      return times.sort((a, b) => a - b)[3];
    });
    return Math.round(ms * 10) / 10;
  } finally {
    await browser.close();
  }
}
const calibrationMs = { before: await calibrate(), after: NaN };
console.log(`calibration: fixed workload ${calibrationMs.before} ms (lower is faster)`);

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
/** One round of one widget on one backend: its change times and longest task (measureInPage). */
const samples = [];
const errors = [];
/** ms to a tenth */
const tenth = (x) => Math.round(x * 10) / 10;
const ms = (x) => String(tenth(x)).padStart(7);
const median = (xs) => quantile(xs, 0.5);
/** The median and 95th percentile of one round's change times, to a tenth of a ms. */
const spread = (times) => ({ medianMs: tenth(median(times)), p95Ms: tenth(quantile(times, 0.95)) });
const runs = [
  { backend: 'webgl', args: chromiumArgs },
  {
    backend: 'cpu',
    args: [
      ...chromiumArgs.filter((a) => !/angle|swiftshader/.test(a)),
      '--use-angle=none',
      '--use-gl=disabled',
    ],
  },
];

/** The change loop on a trivial widget (controlPage): what the method itself measures here and now. */
async function measureControl() {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.setContent(controlPage);
    const threadsBefore = snapshotThreads();
    const r = await page.evaluate(measureInPage, {
      name: 'control',
      selector: 'input',
      n: budgets.pureChanges,
    });
    const sched = mainThreadAndGpu(schedDelta(threadsBefore, snapshotThreads(), r.times.length));
    const row = { ...spread(r.times), ...(sched && { sched }) };
    console.log(
      `control (one text node changed on a blank page): median ${row.medianMs} ms, p95 ${row.p95Ms} ms${row.sched ? `; per change the main thread ran ${row.sched.mainRunMs} ms and waited ${row.sched.mainWaitMs} ms for a CPU, the GPU process ran ${row.sched.gpuCpuMs} ms` : ''}`,
    );
    return row;
  } finally {
    await browser.close();
  }
}
const control = await measureControl();
try {
  for (const run of runs) {
    for (let round = 0; round < budgets.rounds; round++) {
      const browser = await chromium.launch({ executablePath: chromiumPath(), args: run.args });
      try {
        for (const lesson of lessons) {
          const path = `/lessons/${lesson}/`;
          const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
          await page.goto(base + path);
          await placeholdersMeasured(page);
          const names = await page.$$eval('[data-widget]', (ws) =>
            ws.map((w) => w.getAttribute('data-widget')),
          );
          for (const name of names) {
            const tf = tfWidgets.has(name);
            if ((run.backend === 'cpu' && !tf) || (only.length && !only.includes(name))) continue;
            const island = page.locator(`astro-island:has([data-widget="${name}"])`).first();
            await page.locator(`[data-widget="${name}"]`).first().scrollIntoViewIfNeeded();
            await page.waitForFunction((el) => !el.hasAttribute('ssr'), await island.elementHandle());
            await page.evaluate((isTf) => (window.__tf = isTf), tf);
            const selector = controlOf[name] ?? 'input[type=number], input[type=range], select';
            const n = tf ? budgets.tfChanges : budgets.pureChanges;
            const backend = tf ? run.backend : 'none';
            const threadsBefore = snapshotThreads();
            const r = await page.evaluate(measureInPage, { name, selector, n });
            const threadsAfter = snapshotThreads();
            if (r.error) {
              console.log(`${name}: ${r.error}`);
              errors.push({ widget: name, page: path, backend, error: r.error });
              continue;
            }
            const sample = { ...r, widget: name, page: path, tf, backend, backendSentence: r.backend };
            // who had the CPU during the timed changes (sched-stat.mjs), per change
            sample.sched = mainThreadAndGpu(schedDelta(threadsBefore, threadsAfter, r.times.length));
            // CPU from a trace: once per widget and backend (tracing slows the page it records)
            if (round === 0) {
              await browser.startTracing(page, { categories: TRACE_CATEGORIES });
              const traced = await page.evaluate(measureInPage, {
                name,
                selector,
                // a TensorFlow.js change can take seconds: as many as a round has
                n: Math.min(n, budgets.tracedChanges),
              });
              const trace = JSON.parse((await browser.stopTracing()).toString());
              sample.cpu = {
                ...mainThreadCpu(trace, traced.times.length),
                changes: changeCpu(trace, traced.times),
              };
            }
            // the page's floor here: the trivial control widget just above this one, changed the
            // same way (pure widgets: their budget is the one it bounds from below)
            if (!tf) {
              const before = `.widget-frame:has([data-widget="${name}"]), [data-widget="${name}"]`;
              await page.evaluate(addControl, { name: 'page-control', before });
              const floor = await page.evaluate(measureInPage, {
                name: 'page-control',
                selector: 'input',
                n: budgets.floorChanges,
              });
              await page.evaluate(() => document.querySelector('[data-widget="page-control"]')?.remove());
              sample.floor = floor.times;
            }
            samples.push(sample);
            console.log(
              `round ${round + 1}/${budgets.rounds} ${name.padEnd(22)} ${backend.padEnd(6)} median ${ms(median(r.times))} ms  p95 ${ms(quantile(r.times, 0.95))} ms  longest task ${String(Math.round(r.longest)).padStart(5)} ms${sample.floor ? `  page floor ${tenth(median(sample.floor))} / ${tenth(quantile(sample.floor, 0.95))} ms` : ''}${sample.cpu ? `  main-thread CPU ${sample.cpu.perChange} ms/change (in the change: median ${tenth(median(sample.cpu.changes))} / p95 ${tenth(quantile(sample.cpu.changes, 0.95))} ms), longest task ${sample.cpu.longest} ms CPU` : ''}${sample.sched ? `  main thread ${sample.sched.mainRunMs} ms running / ${sample.sched.mainWaitMs} ms waiting for a CPU, GPU process ${sample.sched.gpuCpuMs} ms CPU per change` : ''}`,
            );
          }
          await page.close();
        }
      } finally {
        await browser.close();
      }
    }
  }
} finally {
  stopPreview();
}

/**
 * A row per widget and backend: each figure is the median over the rounds of that round's figure
 * (the guide's rule for timings on this machine: the median of several runs), with every round's
 * figures kept beside it in `rounds`.
 */
const results = [...errors];
for (const first of samples) {
  if (results.some((r) => r.widget === first.widget && r.backend === first.backend)) continue;
  const mine = samples.filter((x) => x.widget === first.widget && x.backend === first.backend);
  const rounds = mine.map((x) => ({
    ...spread(x.times),
    ...(x.floor && { pageFloor: spread(x.floor) }),
    firstUpdateMedianMs: tenth(median(x.firsts)),
    longestTaskMs: Math.round(x.longest),
    ...(x.sched && { sched: x.sched }),
  }));
  const of = (key) => median(rounds.map((r) => r[key]));
  const cpu = mine.find((x) => x.cpu)?.cpu;
  results.push({
    widget: first.widget,
    page: first.page,
    tf: first.tf,
    backend: first.backend,
    backendSentence: first.tf ? first.backendSentence : undefined,
    changes: first.times.length,
    medianMs: of('medianMs'),
    p95Ms: of('p95Ms'),
    firstUpdateMedianMs: of('firstUpdateMedianMs'),
    longestTaskMs: of('longestTaskMs'),
    pageFloor: first.floor && {
      medianMs: median(rounds.map((r) => r.pageFloor.medianMs)),
      p95Ms: median(rounds.map((r) => r.pageFloor.p95Ms)),
    },
    // median over the rounds; absent where there is no /proc
    sched: rounds.every((r) => r.sched)
      ? Object.fromEntries(
          ['mainRunMs', 'mainWaitMs', 'gpuCpuMs'].map((k) => [k, median(rounds.map((r) => r.sched[k]))]),
        )
      : undefined,
    cpuPerChangeMs: cpu?.perChange,
    cpuInChange: cpu?.changes.length ? spread(cpu.changes) : undefined,
    longestTaskCpuMs: cpu?.longest,
    rounds,
  });
}

/** `previous` with each widget and backend measured now replaced, in the previous order. */
function mergeResults(previous, now) {
  const key = (r) => `${r.widget} ${r.backend}`;
  const fresh = new Map(now.map((r) => [key(r), r]));
  const merged = previous.map((r) => fresh.get(key(r)) ?? r);
  const seen = new Set(previous.map(key));
  return [...merged, ...now.filter((r) => !seen.has(key(r)))];
}

const failures = [];
for (const r of results) {
  if (r.error) failures.push(`${r.widget}: ${r.error}`);
  else if (!r.tf && (r.medianMs > budgets.pureMedianMs || r.p95Ms > budgets.pureP95Ms))
    failures.push(`${r.widget}: median ${r.medianMs} ms / p95 ${r.p95Ms} ms > ${budgets.pureMedianMs} ms`);
  else if (r.tf && r.longestTaskMs > budgets.tfLongTaskMs)
    failures.push(
      `${r.widget} (${r.backend}): a ${r.longestTaskMs} ms main-thread task > ${budgets.tfLongTaskMs} ms`,
    );
}
const table = [
  '| widget | page | backend | median | p95 | p95 by round | page floor (median / p95) | first DOM update (median) | longest task | longest task by round | main-thread CPU per change | main-thread CPU in the change (median / p95) | longest task (CPU) | main thread per change: running / ready but waiting for a CPU | GPU process CPU per change |',
  '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...results
    .filter((r) => !r.error)
    .map(
      (r) =>
        `| ${r.widget} | \`${r.page}\` | ${r.backend} | ${r.medianMs} ms | ${r.p95Ms} ms | ${r.rounds.map((x) => x.p95Ms).join(' / ')} | ${r.pageFloor ? `${r.pageFloor.medianMs} / ${r.pageFloor.p95Ms} ms` : ''} | ${r.firstUpdateMedianMs} ms | ${r.longestTaskMs} ms | ${r.rounds.map((x) => x.longestTaskMs).join(' / ')} | ${r.cpuPerChangeMs} ms | ${r.cpuInChange ? `${r.cpuInChange.medianMs} / ${r.cpuInChange.p95Ms} ms` : ''} | ${r.longestTaskCpuMs} ms | ${r.sched ? `${r.sched.mainRunMs} / ${r.sched.mainWaitMs} ms` : ''} | ${r.sched ? `${r.sched.gpuCpuMs} ms` : ''} |`,
    ),
].join('\n');
calibrationMs.after = await calibrate();
const stealPercent = stealPercentBetween(ticksAtStart, cpuTicks());
console.log(
  `\n${table}\n\nload average after: ${load()}; CPU time stolen by the hypervisor during the run: ${stealPercent === undefined ? 'unknown' : `${stealPercent} %`}; calibration ${calibrationMs.before} ms before, ${calibrationMs.after} ms after; control ${control.medianMs} / ${control.p95Ms} ms`,
);
const previous = existsSync(reportFile) ? JSON.parse(readFileSync(reportFile, 'utf8')) : {};
mkdirSync(join(reportFile, '..'), { recursive: true });
writeFileSync(
  reportFile,
  JSON.stringify(
    {
      ...previous,
      widgets: {
        date: new Date().toISOString(),
        load: load(),
        stealPercent,
        calibrationMs,
        control,
        budgets,
        // `--only` measures some widgets: the others keep their last results
        results: only.length ? mergeResults(previous.widgets?.results ?? [], results) : results,
      },
    },
    null,
    2,
  ) + '\n',
);
if (failures.length) {
  console.error(`\nWidgets over budget:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log('bench:widgets: every widget within budget');
