/**
 * Gives every lesson block that skips rendering off-screen (`content-visibility: auto`, chosen in
 * course.css) its own height as placeholder, one block at a time in idle periods after load.
 *
 * Why: until a skipped block has rendered once it stands in at the stylesheet's estimate (10rem),
 * while real paragraphs are 2-12rem. A reader who jumps deep into a lesson (a table-of-contents
 * link, a search result, a shared #anchor) made the blocks above the target render at their real
 * heights, and the target moved: at 1280 px, scrolling lesson 2's PoolingExplorer into view moved
 * it 402 px up (a layout shift of 0.17) before this. Measuring costs each block one layout, spread
 * over idle time so that no task grows long; the blocks stay skipped afterwards. What the reader
 * sees stays put: Chromium's scroll anchoring did not make up for blocks above the window changing
 * size here (a heading opened by its #anchor at 1280 px ended 410 px above the window), so each
 * slice scrolls by however far the first block in view moved. A page opened at an #anchor keeps
 * that target where the browser put it, until the reader scrolls: the widgets above it rendering
 * after load had moved lesson 9's last heading 1,600 px down at 1280 px. `html` gets
 * `data-placeholders="measured"` when all are done (and again after a width change).
 *
 * When: the heights only matter once the reader moves through the page, so the measuring starts
 * at the reader's first sign of activity (a scroll, the pointer or a finger, a key, a #anchor),
 * or at load when the page opens at an #anchor or already scrolled (a reload). Until then only
 * the quiz is measured (`AT_LOAD`); the other blocks keep the stylesheet's estimate, and nothing
 * moves. Measuring everything at load was most of a lesson's main-thread work after the first
 * paint: 23 idle slices on Korean lesson 1, 6-46 ms of wall time each in Lighthouse's traces,
 * where every task over 12.5 ms counts as blocking time at 4x CPU (issue 12).
 */
import { batchLength, placeholderBlockSize } from './placeholder-size';

/** Where course.css can make a block skip rendering; which of them do is read from the style. */
const CANDIDATES =
  '.sl-markdown-content > *, .sl-markdown-content :is(.cell-static, .cell-output, .widget-chart, .render-when-near, .widget > *, .quiz-item)';
/** At most this much of one idle period, so that a measuring task stays far below 50 ms on a phone. */
const SLICE_MS = 6;
/**
 * Elements rendered for one layout: a few paragraphs together cost about what one does, while a
 * widget's grid of hundreds of cells goes alone. Every slice measures at least one batch, and
 * Lighthouse's mobile run shrinks idle deadlines to a quarter, so one batch must stay short on a
 * phone: 150 elements were a 12-19 ms task on this machine (50-80 ms at Lighthouse's 4× CPU), 50
 * are 3-6 ms.
 */
const BATCH_ELEMENTS = 50;

const idle = (f: (deadline?: IdleDeadline) => void) =>
  'requestIdleCallback' in window ? requestIdleCallback(f, { timeout: 1000 }) : setTimeout(f, 50);

/**
 * The lesson block the reader is looking at: the first top-level block that starts inside the
 * window, so that a change in any block above it is made up for, even in the one reaching into the
 * window from above (a widget whose skipped parts above the window are measured); the block that
 * covers the window's top when none starts inside it.
 */
function inView(): Element | undefined {
  const content = document.querySelector('.sl-markdown-content');
  if (!content || scrollY === 0) return undefined;
  let covering: Element | undefined;
  for (const el of content.children) {
    const { top, bottom } = el.getBoundingClientRect();
    if (bottom <= 0) continue;
    if (top >= 0) return top < innerHeight ? el : (covering ?? el);
    covering ??= el;
  }
  return covering;
}

/** Renders `blocks` for one layout (all written before any is read), and keeps each one's height. */
function measure(blocks: HTMLElement[]) {
  for (const block of blocks) block.style.contentVisibility = 'visible';
  const sizes = blocks.map((block) => {
    const cs = getComputedStyle(block);
    return placeholderBlockSize({
      height: block.getClientRects().length ? block.getBoundingClientRect().height : 0,
      paddingTop: parseFloat(cs.paddingTop),
      paddingBottom: parseFloat(cs.paddingBottom),
      borderTop: parseFloat(cs.borderTopWidth),
      borderBottom: parseFloat(cs.borderBottomWidth),
    });
  });
  blocks.forEach((block, i) => {
    block.style.contentVisibility = '';
    if (sizes[i]) block.style.containIntrinsicBlockSize = sizes[i];
  });
}

/** The #anchor's target and where the browser scrolled it, until the reader scrolls on their own. */
let opened: { target: Element; top: number } | undefined;

/** Scrolls the #anchor's target back to where the browser put it. */
function keepOpened() {
  if (!opened) return;
  const moved = opened.target.getBoundingClientRect().top - opened.top;
  if (Math.abs(moved) >= 1) scrollBy(0, moved);
}

/**
 * The blocks measured at load, even before the reader acts: the quiz and its questions. Tools read
 * a control's geometry at once (axe's target-size check in Lighthouse), and a question standing in
 * at the estimate while its button is laid out below it put the button on top of the references
 * that follow the quiz. Only the quiz: until 2026-12-02 every skipped block holding a control was
 * measured here, whole widgets too (ConvolutionExplorer's 707 elements on lesson 1): on Korean
 * lesson 1 at 412 px with the CPU slowed 4x, 3-5 idle slices after load (the first 35-49 ms, the
 * others 1-20 ms), where the quiz alone takes 2 (the first 31-33 ms, then 3-15 ms).
 */
const AT_LOAD = '.quiz, .quiz-item';

let run = 0;
/** Whether a run over every block has started (at the first activity, a width change or load). */
let all = false;

/** Measures every skipped block, or only those matching `only`, in idle slices. */
function measureAll(only?: string) {
  const mine = ++run;
  if (!only) all = true;
  delete document.documentElement.dataset.placeholders;
  // Last block first: a widget's own skipped parts come after it in the document, and must stand
  // in at their real heights before the widget around them is measured.
  const queue = [...document.querySelectorAll<HTMLElement>(CANDIDATES)]
    .filter((el) => (!only || el.matches(only)) && getComputedStyle(el).contentVisibility === 'auto')
    .reverse();
  const slice = (deadline?: IdleDeadline) => {
    if (mine !== run) return; // a newer run (the reader's first activity, a resize) took over
    // A callback that ran because the page stayed busy (didTimeout) gets a slice too, and every
    // slice measures at least one batch: otherwise a busy page would never finish.
    const budget = deadline && !deadline.didTimeout ? Math.min(SLICE_MS, deadline.timeRemaining()) : SLICE_MS;
    const end = performance.now() + budget;
    const anchor = opened ? undefined : inView();
    const top = anchor?.getBoundingClientRect().top ?? 0;
    do {
      const counts = queue.slice(0, 8).map((block) => block.getElementsByTagName('*').length);
      measure(queue.splice(0, batchLength(counts, BATCH_ELEMENTS)));
    } while (queue.length && performance.now() < end);
    const moved = anchor ? anchor.getBoundingClientRect().top - top : 0;
    if (moved !== 0) scrollBy(0, moved);
    keepOpened();
    if (queue.length) idle(slice);
    else if (!only) document.documentElement.dataset.placeholders = 'measured';
  };
  idle(slice);
}

/** The element the URL's #fragment names, if any; none for a fragment that is not an element's id or not valid percent-encoding (the Lab's shared links can be damaged). */
function hashTarget(): Element | null {
  try {
    const id = decodeURIComponent(location.hash.slice(1));
    return id ? document.getElementById(id) : null;
  } catch {
    return null;
  }
}

/**
 * Keeps the #anchor's target where the browser scrolls it, from the first frame it has done so
 * (that can be a few frames after load) until the reader scrolls on their own.
 */
function holdOpened(target: Element, frames = 30) {
  if (scrollY === 0) {
    if (frames > 0) requestAnimationFrame(() => holdOpened(target, frames - 1));
    return;
  }
  opened = { target, top: target.getBoundingClientRect().top };
  const forget = () => (opened = undefined);
  for (const type of ['wheel', 'touchstart', 'keydown', 'pointerdown', 'hashchange'])
    addEventListener(type, forget, { once: true, passive: true });
  // Blocks near the target render in the first frames after load, before any idle period.
  let left = 8;
  const everyFrame = () => {
    keepOpened();
    if (--left > 0) requestAnimationFrame(everyFrame);
  };
  requestAnimationFrame(everyFrame);
}

/** What a reader does first when about to move through the page (or to jump in it). */
const ACTIVITY = ['scroll', 'wheel', 'pointermove', 'pointerdown', 'touchstart', 'keydown', 'hashchange'];

/** Calls `f` once, at the first of the reader's `ACTIVITY` events. */
function onFirstActivity(f: () => void) {
  const once = () => {
    for (const type of ACTIVITY) removeEventListener(type, once, { capture: true });
    f();
  };
  for (const type of ACTIVITY) addEventListener(type, once, { capture: true, passive: true });
}

let width = 0;
function start() {
  const target = hashTarget();
  if (target) holdOpened(target);
  width = innerWidth;
  if (target || scrollY !== 0) measureAll();
  else {
    measureAll(AT_LOAD);
    onFirstActivity(() => all || measureAll());
  }
  // Heights follow the width; a phone's address bar changing the height must not start over.
  addEventListener('resize', () => {
    if (innerWidth === width) return;
    width = innerWidth;
    measureAll();
  });
}

if (document.readyState === 'complete') start();
else addEventListener('load', start, { once: true });
