// ResidualGradientFlow, measured (issues 9 and 12): `npm run bench:rgf` (needs `npm run build`
// first; the built site is served by `astro preview` on $E2E_PORT). Three parts, all by default,
// or only those named: `-- --timing`, `-- --main-thread`, `-- --outcome`.
//
// --timing       Chromium, the widget's own worker and ops (the built tf-worker, started by the
//                page as the widget starts it): time of one `residualGradients` op (a forward and
//                a backward pass of the plain and of the residual network) and of one training
//                step (`residualTrainSteps`: an SGD step of both networks), on WebGL (SwiftShader
//                here) and on the CPU backend (Chromium with `--use-angle=none --use-gl=disabled`:
//                no WebGL, so the worker falls back to tfjs's CPU backend), at 10, 30 and 50
//                blocks, the other settings at the widget's defaults. Median of BENCH_RUNS runs
//                after one warm-up (shader compilation).
// --main-thread  Chromium (WebGL): the widget trains at 5 blocks (as the e2e test does) while a
//                performance trace records the page's main thread for TRACE_SECONDS; prints the
//                duration of its tasks (wall time and the thread's CPU time) and how many took
//                longer than 50 ms. Median over BENCH_RUNS fresh pages.
// --outcome      Node, tfjs CPU backend: trains both networks for the full run (300 steps) at the
//                widget's defaults and at other settings, for seeds 1–3, and prints the mean loss
//                of the last 20 steps of each (the widget's own summary), median over the seeds.
//
// Not part of `npm test`: timings depend on the machine and its load (printed first).
import { cpus, loadavg } from 'node:os';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runnerImport } from 'vite';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DEPTHS = (process.env.BENCH_DEPTHS ?? '10,30,50').split(',').map(Number);
const STEPS_PER_RUN = 3;
const TRACE_SECONDS = Number(process.env.TRACE_SECONDS ?? 30);
const TRAIN_DEPTH = '5';
const parts = ['--timing', '--main-thread', '--outcome'].filter((p) => process.argv.includes(p));
const run = (part) => parts.length === 0 || parts.includes(part);

const root = new URL('..', import.meta.url).pathname;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const fmt = (x, w = 8) => (x === undefined || Number.isNaN(x) ? '—' : x.toFixed(x < 10 ? 1 : 0)).padStart(w);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

console.log(`ResidualGradientFlow benchmark — ${cpus().length} cores, load average ${load()}`);

if (run('--timing') || run('--main-thread')) await browserParts();
if (run('--outcome')) await outcome();

async function browserParts() {
  const { chromium } = await import('@playwright/test');
  const { chromiumArgs, chromiumPath } = await import('./chromium-path.mjs');
  const { base, ensurePreview } = await import('./preview-server.mjs');
  const stop = await ensurePreview();
  const PAGE = `${base}/lessons/08-resnet/`;
  const launch = (backend) =>
    chromium.launch({
      executablePath: chromiumPath() ?? undefined,
      args:
        backend === 'cpu'
          ? [...chromiumArgs.filter((a) => !/swiftshader/.test(a)), '--use-angle=none', '--use-gl=disabled']
          : chromiumArgs,
    });
  try {
    if (run('--timing')) {
      const worker = readdirSync(`${root}dist/_astro`).find((f) => /^tf-worker-.*\.js$/.test(f));
      if (!worker) throw new Error('bench-rgf: no tf-worker in dist/_astro (run npm run build first)');
      const { defaultResidualConfig, defaultTrainConfig } = await load2('src/lib/cnn/residual.ts');
      console.log(
        `\nChromium, the widget's ops in its worker (median of ${RUNS} runs after a warm-up; width ${defaultResidualConfig.width},` +
          ` ${defaultResidualConfig.activation}, ${defaultResidualConfig.init}, batch norm ${defaultResidualConfig.batchNorm ? 'on' : 'off'},` +
          ` batch ${defaultResidualConfig.batch} of ${defaultResidualConfig.imageSize}×${defaultResidualConfig.imageSize} images)`,
      );
      console.log('backend  blocks  forward+backward, both nets   per net   training step, both nets');
      for (const backend of ['webgl', 'cpu']) {
        const browser = await launch(backend);
        const page = await browser.newPage();
        await page.goto(PAGE);
        for (const depth of DEPTHS) {
          const r = await page.evaluate(
            async ([url, config, train, runs, steps]) => {
              const w = new Worker(url, { type: 'module' });
              let id = 0;
              const call = (op, args) =>
                new Promise((resolve, reject) => {
                  const my = ++id;
                  const on = (e) => {
                    if (e.data?.id !== my) return;
                    w.removeEventListener('message', on);
                    if (e.data.ok) resolve(e.data);
                    else reject(new Error(`${op}: ${e.data.error?.message}`));
                  };
                  w.addEventListener('message', on);
                  w.postMessage({ id: my, op, args });
                });
              const pass = [];
              let backend;
              for (let i = 0; i <= runs; i++) {
                const out = await call('residualGradients', { config });
                backend = out.stats.backend;
                if (i > 0) pass.push(out.stats.ms);
              }
              const started = await call('residualTrainStart', { config, train });
              const step = [];
              for (let i = 0; i <= runs; i++) {
                const out = await call('residualTrainSteps', {
                  session: started.result.session,
                  maxSteps: steps,
                  budgetMs: 1e9,
                });
                if (i > 0) step.push(out.result.msPerStep);
              }
              await call('residualTrainStop', {});
              w.terminate();
              return { pass, step, backend };
            },
            [
              `${base}/_astro/${worker}`,
              { ...defaultResidualConfig, depth },
              defaultTrainConfig,
              RUNS,
              STEPS_PER_RUN,
            ],
          );
          if (r.backend.name !== backend)
            throw new Error(`bench-rgf: asked for ${backend}, the worker ran on ${r.backend.name}`);
          const pass = median(r.pass);
          console.log(
            `${backend.padEnd(7)} ${String(depth).padStart(6)}   ${fmt(pass, 14)} ms              ${fmt(pass / 2)} ms   ${fmt(median(r.step), 10)} ms`,
          );
        }
        await browser.close();
      }
      console.log(`(load average after: ${load()})`);
    }

    if (run('--main-thread')) {
      console.log(
        `\nChromium (WebGL), the page's main thread while the widget trains at ${TRAIN_DEPTH} blocks for ${TRACE_SECONDS} s` +
          ` (tasks of 1 ms or more; median of ${RUNS} fresh pages)`,
      );
      const rows = [];
      const browser = await launch('webgl');
      for (let i = 0; i < RUNS; i++) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        await page.goto(PAGE);
        const w = page.locator('[data-widget="ResidualGradientFlow"]');
        await w.scrollIntoViewIfNeeded();
        const ready = (depth) =>
          page.waitForFunction(
            (d) => {
              const el = document.querySelector('[data-widget="ResidualGradientFlow"]');
              return (
                el?.dataset.source === 'browser' &&
                el.dataset.state === 'done' &&
                el.querySelector('[data-testid="result"]')?.dataset.depth === d
              );
            },
            depth,
            { timeout: 600_000 },
          );
        await ready('30');
        await w.locator('input[data-field="depth"]').fill(TRAIN_DEPTH);
        await ready(TRAIN_DEPTH);
        await page.waitForTimeout(500);
        await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
        await w.getByTestId('train').click();
        await page.waitForTimeout(TRACE_SECONDS * 1000);
        const steps = Number(await w.getByTestId('train-status').getAttribute('data-steps'));
        const trace = JSON.parse((await browser.stopTracing()).toString());
        await w.getByTestId('stop').click();
        rows.push({ ...mainThreadTasks(trace), steps });
        await page.close();
      }
      await browser.close();
      const m = (k) => median(rows.map((r) => r[k]));
      console.log(
        '          tasks   p50 wall   p95 wall   max wall   p95 cpu   max cpu   >50 ms wall   >50 ms cpu   steps',
      );
      console.log(
        `median ${fmt(m('count'), 8)} ${fmt(m('p50'), 10)} ${fmt(m('p95'), 10)} ${fmt(m('max'), 10)} ${fmt(m('p95cpu'), 9)} ${fmt(
          m('maxcpu'),
          9,
        )} ${fmt(m('over50'), 13)} ${fmt(m('over50cpu'), 12)} ${fmt(m('steps'), 7)}`,
      );
      for (const r of rows)
        console.log(
          `  run  ${fmt(r.count, 8)} ${fmt(r.p50, 10)} ${fmt(r.p95, 10)} ${fmt(r.max, 10)} ${fmt(r.p95cpu, 9)} ${fmt(r.maxcpu, 9)} ${fmt(
            r.over50,
            13,
          )} ${fmt(r.over50cpu, 12)} ${fmt(r.steps, 7)}`,
        );
      console.log(`(ms; load average after: ${load()})`);
    }
  } finally {
    stop();
  }
}

/** Task durations (ms) on the renderer's main thread in a Chromium trace: wall time and thread CPU time. */
function mainThreadTasks(trace) {
  const events = trace.traceEvents ?? trace;
  const mains = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const tasks = new Map();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (mains.has(key) && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask') {
      if (!tasks.has(key)) tasks.set(key, []);
      tasks.get(key).push(e);
    }
  }
  // the page's renderer: the main thread that ran the most tasks
  const list = [...tasks.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  const real = list.filter((e) => e.dur >= 1000);
  const wall = real.map((e) => e.dur / 1000);
  const cpu = real.map((e) => (e.tdur ?? e.dur) / 1000);
  return {
    count: real.length,
    p50: quantile(wall, 0.5),
    p95: quantile(wall, 0.95),
    max: Math.max(0, ...wall),
    p95cpu: quantile(cpu, 0.95),
    maxcpu: Math.max(0, ...cpu),
    over50: wall.filter((d) => d > 50).length,
    over50cpu: cpu.filter((d) => d > 50).length,
  };
}

async function load2(path) {
  const viteConfig = {
    configFile: false,
    root,
    logLevel: 'error',
    // tfjs-core's ES modules import files without extensions, which Node cannot resolve: bundle them
    resolve: {
      alias: [
        { find: /^~\//, replacement: `${root}src/` },
        ...['core', 'backend-cpu'].map((name) => ({
          find: new RegExp(`^@tensorflow/tfjs-${name}$`),
          replacement: `${root}node_modules/@tensorflow/tfjs-${name}/dist/index.js`,
        })),
      ],
      noExternal: ['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-cpu'],
    },
  };
  return (await runnerImport(`${root}${path}`, viteConfig)).module;
}

async function outcome() {
  // tfjs-core's ES build reaches Node's util through a bare `require` (see platform_node.js)
  globalThis.require ??= createRequire(import.meta.url);
  const { runOnCpu } = await load2('src/lib/tf/node.ts');
  const { defaultResidualConfig, defaultTrainConfig, recentLoss, divergedAt, chanceLoss } =
    await load2('src/lib/cnn/residual.ts');
  const SEEDS = (process.env.BENCH_SEEDS ?? '1,2,3').split(',').map(Number);
  const settings = [
    ['defaults (30 blocks, sigmoid, Glorot, no BN)', {}],
    ['50 blocks, sigmoid, Glorot, no BN', { depth: 50 }],
    ['30 blocks, ReLU, He, BN', { activation: 'relu', init: 'he', batchNorm: true }],
  ];
  console.log(
    `\nNode (tfjs CPU), training outcome: ${defaultTrainConfig.steps} steps, η ${defaultTrainConfig.learningRate},` +
      ` momentum ${defaultTrainConfig.momentum}; mean loss of the last 20 steps (chance ln 4 = ${chanceLoss().toFixed(3)}),` +
      ` median over seeds ${SEEDS.join(', ')}`,
  );
  console.log(
    'settings                                        plain   residual   per seed (plain / residual)',
  );
  for (const [name, over] of settings) {
    const per = [];
    for (const seed of SEEDS) {
      const config = { ...defaultResidualConfig, ...over, seed };
      const { session } = await runOnCpu('residualTrainStart', { config, train: defaultTrainConfig });
      const plain = [];
      const residual = [];
      for (;;) {
        const out = await runOnCpu('residualTrainSteps', { session, maxSteps: 50, budgetMs: 1e9 });
        plain.push(...out.plain);
        residual.push(...out.residual);
        if (out.done) break;
      }
      await runOnCpu('residualTrainStop', { session });
      // a network that diverged sorts last (∞)
      const summary = (l) => (divergedAt(l) !== null ? Number.POSITIVE_INFINITY : recentLoss(l));
      per.push({ plain: summary(plain), residual: summary(residual) });
      if (process.env.BENCH_VERBOSE) console.log(`  seed ${seed}: ${JSON.stringify(per.at(-1))} (${load()})`);
    }
    const show = (x) => (Number.isFinite(x) ? x.toFixed(3) : 'diverged');
    console.log(
      `${name.padEnd(46)} ${show(median(per.map((p) => p.plain))).padStart(6)} ${show(
        median(per.map((p) => p.residual)),
      ).padStart(9)}   ${per.map((p) => `${show(p.plain)} / ${show(p.residual)}`).join(', ')}`,
    );
  }
  console.log(`(load average after: ${load()})`);
}
