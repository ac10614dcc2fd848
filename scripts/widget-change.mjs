// The change loop of the widget benchmarks (scripts/bench-widgets.mjs, scripts/profile-widget.mjs),
// passed to Playwright's page.evaluate, so it must not use anything from outside its body.

/**
 * Runs in the page: adds the trivial widget of the benchmarks (data-widget=`name`: a number field
 * whose value is copied into a paragraph) before the element matching `before`, or at the end of
 * the body. On a blank page (controlPage) it is the floor of the method on this machine; beside a
 * widget in its lesson (bench-widgets' page floor) it is what that page's own rendering costs a
 * change of one text node there, so a widget's figure above it is the widget's own.
 */
export function addControl({ name, before }) {
  const w = document.createElement('div');
  w.dataset.widget = name;
  w.innerHTML = '<input type="number" value="1" min="0" max="10" aria-label="n"><p>1</p>';
  w.querySelector('input').addEventListener(
    'input',
    (e) => (w.querySelector('p').textContent = e.target.value),
  );
  const next = before ? document.querySelector(before) : null;
  if (next) next.before(w);
  else document.body.append(w);
}

/** A blank page holding addControl's widget, data-widget="control", for measureInPage. */
export const controlPage = `<!doctype html><title>control</title><body><script>(${addControl})({ name: 'control' })</script>`;

/**
 * Runs in the page: times `n` changes of the control, returns per-change ms and the longest task.
 * Each change's start is also a user-timing mark, CHANGE_MARK, for a trace taken around it.
 */
export async function measureInPage({ name, selector, n }) {
  // the name of main-thread-cpu.mjs's CHANGE_MARK, written out: this body runs in the page
  const CHANGE_MARK = 'widget-change';
  const widget = document.querySelector(`[data-widget="${name}"]`);
  const control = widget.querySelector(selector);
  if (!control) return { error: `no control matching ${selector}` };
  // the end of the next frame's rendering: a task posted from its animation frame callback
  const painted = () =>
    new Promise((r) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = r;
        channel.port2.postMessage(null);
      }),
    );
  const longTasks = [];
  const longTaskObserver = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
  longTaskObserver.observe({ type: 'longtask' });
  // two valid values to alternate between
  let values;
  if (control.tagName === 'SELECT') {
    const options = [...control.options].filter((o) => !o.disabled).map((o) => o.value);
    const i = options.indexOf(control.value);
    values = [options[(i + 1) % options.length], control.value];
  } else {
    const v = Number(control.value);
    const step = Number(control.step) || 1;
    const max = control.max === '' ? Infinity : Number(control.max);
    values = [String(v + step <= max ? v + step : v - step), String(v)];
  }
  // A TensorFlow.js widget marks itself and its parts data-state="running" while the worker
  // computes (TfTask); a figure is updated only once that ends. Without this, a computation with no
  // DOM change for `quiet` ms (ResidualGradientFlow: 1-2.6 s per depth on SwiftShader, 7.6 s for
  // its first after hydration) ended a change early and slowed the next widget measured.
  const busy = () =>
    widget.matches('[data-state="running"]') || !!widget.querySelector('[data-state="running"]');
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  // Start once nothing on the page computes: a TensorFlow.js widget scrolled near with this one
  // runs its first computation (WebGL set-up) then, and slowed ActivationGradient's first changes
  // from 7 to 86-534 ms.
  const pageBusy = () => !!document.querySelector('[data-state="running"]');
  // A reader focuses a control (keyboard) or points at it before changing it, and the widget starts
  // loading its chart or formula module on that intent (on-demand.ts warmOnIntent); the synthetic
  // events below come without either, so the first change loaded the module itself (KernelTradeoff:
  // 195–282 ms, against 8–12 ms for the next ones).
  control.focus({ preventScroll: true });
  for (const until = performance.now() + 30000; pageBusy() && performance.now() < until;) await sleep(50);
  await sleep(500);
  const times = [];
  const firsts = [];
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    let lastPaint = 0;
    let lastMutation = performance.now();
    let first = 0;
    const observer = new MutationObserver(() => {
      lastMutation = performance.now();
      first ||= lastMutation;
      painted().then(() => (lastPaint = Math.max(lastPaint, performance.now())));
    });
    observer.observe(widget, { subtree: true, childList: true, characterData: true, attributes: true });
    // where a trace finds this change's start (main-thread-cpu.mjs changeCpu)
    performance.mark(CHANGE_MARK);
    const t0 = performance.now();
    control.value = values[i % 2];
    control.dispatchEvent(new Event('input', { bubbles: true }));
    control.dispatchEvent(new Event('change', { bubbles: true }));
    // settled: nothing computing and no mutation for a quiet period (longer for computations in
    // the worker); a widget that never settles, e.g. one that keeps animating, is cut off after 30 s
    const quiet = window.__tf ? 600 : 200;
    while (
      (performance.now() - lastMutation < quiet || lastPaint < lastMutation || busy()) &&
      performance.now() - t0 < 30000
    )
      await sleep(25);
    observer.disconnect();
    times.push(lastPaint - t0);
    firsts.push(first ? first - t0 : NaN);
  }
  await new Promise((r) => setTimeout(r, 100));
  longTaskObserver.disconnect();
  performance.clearMarks(CHANGE_MARK);
  const during = longTasks.filter((t) => t.startTime >= start);
  const backend = [...widget.querySelectorAll('p, span, div')]
    .map((e) => e.textContent ?? '')
    .find((t) => /WebGL|CPU/.test(t) && t.length < 200);
  return { times, firsts, longest: Math.max(0, ...during.map((t) => t.duration)), backend: backend?.trim() };
}

/**
 * Node side: waits until the lesson has measured its skipped blocks' placeholders
 * (measure-placeholders.ts), which it starts at the reader's first activity: here a pointer move
 * (a scroll or a key would let an #anchor's target go). Until then each idle slice writes the
 * styles of a widget's parts, which the change loop would count as the widget still updating
 * (BottleneckBlock showed 2 s "changes"). Also the e2e tests' wait (test/e2e/fixtures.ts).
 */
export async function placeholdersMeasured(page) {
  await page.mouse.move(1, 1);
  await page.mouse.move(2, 2);
  await page.waitForFunction(() => document.documentElement.dataset.placeholders === 'measured', null, {
    timeout: 30_000,
  });
}
