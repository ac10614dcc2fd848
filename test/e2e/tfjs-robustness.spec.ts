/**
 * TensorFlow.js widgets under use and abuse (issue 12):
 * - memory: after a warm-up, 50 more interactions leave the worker's tensor count, tensor bytes
 *   and WebGL bytes where they were (read from tfjs's engine inside the worker through
 *   Playwright's worker API, and from the widget's own reported count);
 * - without WebGL (a browser launched with GL disabled): every tfjs widget computes on the CPU
 *   and says so;
 * - a lost WebGL context (`WEBGL_lose_context`, called on tfjs's own context in the worker): the
 *   widget recovers or says what happened, and never stays frozen.
 */
import { chromium, type Browser, type Locator, type Page, type Worker } from '@playwright/test';
import { test, expect, typeInto } from './fixtures';
import { expectResponsive, inspect, openWidget } from './robustness';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium-path.mjs';

test.describe.configure({ mode: 'parallel' });

interface TfWidget {
  widget: string;
  path: string;
  /** the element carrying data-num-tensors (and data-backend) */
  stats: (w: Locator) => Locator;
  /** one interaction that makes the widget compute again; `i` alternates two settings */
  act: (page: Page, w: Locator, i: number) => Promise<void>;
  /** resolves when the widget shows the answer to the last interaction */
  done: (w: Locator) => Promise<void>;
  /** a sentence saying the CPU computed (the visible fallback note) */
  cpuNote: (w: Locator) => Locator;
}

const FINISH = { timeout: 60_000 };
const stateDone = async (w: Locator) => {
  await expect(w).toHaveAttribute('data-state', 'done', FINISH);
};
const alternate = (name: string, a: string, b: string) => async (page: Page, w: Locator, i: number) => {
  await typeInto(page, w.locator(`input[data-field="${name}"]`), i % 2 === 0 ? a : b);
  await page.keyboard.press('Tab');
};

const TF_WIDGETS: TfWidget[] = [
  {
    widget: 'ConvolutionExplorer',
    path: '/lessons/01-convolution-and-parameters/',
    stats: (w) => w,
    act: async (_page, w) => w.locator('[data-action="randomize-input"]').click(),
    done: stateDone,
    cpuNote: (w) => w.getByTestId('backend-status'),
  },
  {
    widget: 'ReceptiveField',
    path: '/lessons/06-vgg/',
    stats: (w) => w.getByTestId('erf'),
    act: async (_page, w, i) => {
      if (i % 2 === 1) await w.getByTestId('erf').getByRole('checkbox').click(); // ReLU on/off
      await w.getByTestId('erf-compute').click();
    },
    done: async (w) => {
      await expect(w.getByTestId('erf-compute')).toBeEnabled(FINISH);
      await expect(w.getByTestId('erf-result')).toBeVisible(FINISH);
    },
    cpuNote: (w) => w.getByTestId('erf-backend'),
  },
  {
    widget: 'ResidualGradientFlow',
    path: '/lessons/08-resnet/',
    stats: (w) => w.getByTestId('tensors'),
    act: alternate('depth', '2', '3'),
    // its first answer waits for the worker and both networks' weights (its own spec allows 240 s)
    done: async (w) => expect(w).toHaveAttribute('data-state', 'done', { timeout: 240_000 }),
    cpuNote: (w) => w.getByTestId('backend-status'),
  },
  {
    widget: 'Convolutionalize',
    path: '/lessons/10-semantic-segmentation/',
    stats: (w) => w,
    act: alternate('n', '11', '10'),
    done: stateDone,
    cpuNote: (w) => w.getByTestId('backend-status'),
  },
  {
    widget: 'TransposedConv',
    path: '/lessons/10-semantic-segmentation/',
    stats: (w) => w,
    act: alternate('k', '2', '3'),
    done: stateDone,
    cpuNote: (w) => w.getByTestId('backend-status'),
  },
];

/** The TensorFlow.js worker of the page (started by the widget's first computation). */
async function tfWorker(page: Page): Promise<Worker> {
  await expect.poll(() => page.workers().some((w) => /tf-worker/.test(w.url())), FINISH).toBe(true);
  return page.workers().find((w) => /tf-worker/.test(w.url()))!;
}

interface Memory {
  numTensors: number;
  numBytes: number;
  numBytesInGPU: number | null;
  backend: string;
}

/** tfjs's own accounting in the worker (its engine is a global there). */
async function workerMemory(worker: Worker): Promise<Memory> {
  return worker.evaluate(() => {
    const engine = (
      self as unknown as { _tfengine: { memory(): Record<string, number>; backendName: string } }
    )._tfengine;
    const m = engine.memory();
    return {
      numTensors: m.numTensors!,
      numBytes: m.numBytes!,
      numBytesInGPU: m.numBytesInGPU ?? null,
      backend: engine.backendName,
    };
  });
}

for (const c of TF_WIDGETS) {
  test(`${c.widget}: tensors and WebGL memory stay flat over 50 interactions`, async ({ page, watch }) => {
    test.setTimeout(300_000); // a busy machine; on CI this takes seconds
    const w = await openWidget(page, c.path, c.widget);
    if (c.widget === 'ResidualGradientFlow') await alternate('width', '2', '2')(page, w, 0);
    for (let i = 0; i < 10; i++) {
      await c.act(page, w, i);
      await c.done(w);
    }
    const worker = await tfWorker(page);
    const before = await workerMemory(worker);
    const shownBefore = await c
      .stats(w)
      .getAttribute(c.widget === 'ResidualGradientFlow' ? 'data-count' : 'data-num-tensors');
    for (let i = 10; i < 60; i++) {
      await c.act(page, w, i);
      await c.done(w);
    }
    const after = await workerMemory(worker);
    const shownAfter = await c
      .stats(w)
      .getAttribute(c.widget === 'ResidualGradientFlow' ? 'data-count' : 'data-num-tensors');
    const line = `${c.widget}: tensors ${before.numTensors} → ${after.numTensors}, bytes ${before.numBytes} → ${after.numBytes}, GPU bytes ${before.numBytesInGPU} → ${after.numBytesInGPU} (${after.backend}); shown ${shownBefore} → ${shownAfter}`;
    test.info().annotations.push({ type: 'memory', description: line });
    console.log(line); // the list reporter prints it
    expect(after.backend).toBe('webgl');
    expect(after.numTensors).toBe(before.numTensors);
    expect(after.numBytes).toBe(before.numBytes);
    expect(after.numBytesInGPU!).toBeLessThanOrEqual(before.numBytesInGPU!);
    expect(shownAfter).toBe(shownBefore);
    expect((await inspect(w)).bad).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
  });
}

/** Loses tfjs's WebGL context in the worker, as a GPU reset or driver crash would. */
async function loseContext(worker: Worker): Promise<boolean> {
  return worker.evaluate(() => {
    const engine = (
      self as unknown as { _tfengine: { backendInstance?: { gpgpu?: { gl?: WebGL2RenderingContext } } } }
    )._tfengine;
    const gl = engine.backendInstance?.gpgpu?.gl;
    const ext = gl?.getExtension('WEBGL_lose_context');
    if (!gl || !ext) return false;
    ext.loseContext();
    return gl.isContextLost();
  });
}

for (const c of TF_WIDGETS.filter((w) => ['ConvolutionExplorer', 'TransposedConv'].includes(w.widget))) {
  test(`${c.widget}: a lost WebGL context is recovered with a note, never a frozen widget`, async ({
    page,
    watch,
  }) => {
    test.setTimeout(180_000);
    const w = await openWidget(page, c.path, c.widget);
    await c.act(page, w, 0);
    await c.done(w);
    const worker = await tfWorker(page);
    expect(await loseContext(worker), 'the context is lost').toBe(true);
    await c.act(page, w, 1);
    await c.done(w);
    await expectResponsive(page);
    // recovered on a fresh worker (WebGL again), and the widget says what happened
    await expect(c.cpuNote(w)).toContainText('WebGL context was lost, so TensorFlow.js was restarted');
    await expect(c.cpuNote(w)).toContainText('on WebGL');
    expect(worker.url()).toMatch(/tf-worker/);
    const fresh = await tfWorker(page);
    expect((await workerMemory(fresh)).backend).toBe('webgl');
    // and it keeps working
    await c.act(page, w, 2);
    await c.done(w);
    expect((await inspect(w)).bad).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
  });
}

test.describe('without WebGL', () => {
  let browser: Browser;
  test.beforeAll(async () => {
    // The usual flags minus SwiftShader, and no GL at all: the worker gets no WebGL context.
    const args = [
      ...chromiumArgs.filter((a) => !/swiftshader/i.test(a)),
      '--use-angle=none',
      '--use-gl=disabled',
    ];
    browser = await chromium.launch({ executablePath: chromiumPath() ?? undefined, args });
  });
  test.afterAll(async () => browser.close());

  // ConvolutionExplorer's own spec checks its CPU numbers; here every other tfjs widget.
  for (const c of TF_WIDGETS.filter((w) => w.widget !== 'ConvolutionExplorer')) {
    test(`${c.widget} computes on the CPU and says so`, async ({ baseURL }) => {
      test.setTimeout(180_000);
      const context = await browser.newContext({ baseURL });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(msg.text());
      });
      page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
      const w = await openWidget(page, c.path, c.widget);
      if (c.widget === 'ResidualGradientFlow') await alternate('width', '2', '2')(page, w, 0);
      await c.act(page, w, 0);
      await c.done(w);
      await expect(c.cpuNote(w)).toContainText('Computed by TensorFlow.js on the CPU');
      await expect(c.cpuNote(w)).toContainText('WebGL is not available here');
      await expect(c.cpuNote(w)).toBeVisible();
      expect((await workerMemory(await tfWorker(page))).backend).toBe('cpu');
      expect((await inspect(w)).bad).toEqual([]);
      await expectResponsive(page);
      // tfjs may log WebGL initialisation errors while falling back; only those are allowed here.
      expect(errors.filter((e) => !/webgl|WebGL|Initialization of backend/.test(e))).toEqual([]);
      await context.close();
    });
  }
});
