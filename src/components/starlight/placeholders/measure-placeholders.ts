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
 * slice scrolls by however far the first block in view moved. `html` gets
 * `data-placeholders="measured"` when all are done (and again after a width change).
 */
import { batchLength, placeholderBlockSize } from './placeholder-size';

/** Where course.css can make a block skip rendering; which of them do is read from the style. */
const CANDIDATES =
  '.sl-markdown-content > *, .sl-markdown-content :is(.cell-static, .cell-output, .widget-chart, .render-when-near)';
/** At most this much of one idle period, so that a measuring task stays far below 50 ms on a phone. */
const SLICE_MS = 6;
/**
 * Elements rendered for one layout: a few paragraphs together cost about what one does, while a
 * widget's grid of hundreds of cells goes alone (four of ConvolutionExplorer's at once were a
 * 35 ms task on this machine).
 */
const BATCH_ELEMENTS = 150;

const idle = (f: (deadline?: IdleDeadline) => void) =>
  'requestIdleCallback' in window ? requestIdleCallback(f, { timeout: 1000 }) : setTimeout(f, 50);

/** The first top-level lesson block that reaches into the window: what the reader is looking at. */
function inView(): Element | undefined {
  const content = document.querySelector('.sl-markdown-content');
  if (!content || scrollY === 0) return undefined;
  for (const el of content.children) if (el.getBoundingClientRect().bottom > 0) return el;
  return undefined;
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

let run = 0;

function measureAll() {
  const mine = ++run;
  delete document.documentElement.dataset.placeholders;
  const queue = [...document.querySelectorAll<HTMLElement>(CANDIDATES)].filter(
    (el) => getComputedStyle(el).contentVisibility === 'auto',
  );
  const slice = (deadline?: IdleDeadline) => {
    if (mine !== run) return; // a newer run (after a resize) took over
    // A callback that ran because the page stayed busy (didTimeout) gets a slice too, and every
    // slice measures at least one batch: otherwise a busy page would never finish.
    const budget = deadline && !deadline.didTimeout ? Math.min(SLICE_MS, deadline.timeRemaining()) : SLICE_MS;
    const end = performance.now() + budget;
    const anchor = inView();
    const top = anchor?.getBoundingClientRect().top ?? 0;
    do {
      const counts = queue.slice(0, 8).map((block) => block.getElementsByTagName('*').length);
      measure(queue.splice(0, batchLength(counts, BATCH_ELEMENTS)));
    } while (queue.length && performance.now() < end);
    const moved = anchor ? anchor.getBoundingClientRect().top - top : 0;
    if (moved !== 0) scrollBy(0, moved);
    if (queue.length) idle(slice);
    else document.documentElement.dataset.placeholders = 'measured';
  };
  idle(slice);
}

let width = 0;
function start() {
  width = innerWidth;
  measureAll();
  // Heights follow the width; a phone's address bar changing the height must not start over.
  addEventListener('resize', () => {
    if (innerWidth === width) return;
    width = innerWidth;
    measureAll();
  });
}

if (document.readyState === 'complete') start();
else addEventListener('load', start, { once: true });
