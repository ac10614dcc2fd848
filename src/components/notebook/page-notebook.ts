/**
 * The page's one notebook (a module-level instance shared by every cell island of the page) and
 * the browser glue it needs: the kernel client, imported on the first run, and waking the cell
 * islands that have not hydrated yet.
 */
import { Notebook, WAKE_EVENT } from './notebook';

/** Asks every cell island to hydrate and waits (at most 3 s) until all have registered. */
async function wakeCells(): Promise<void> {
  window.dispatchEvent(new Event(WAKE_EVENT));
  const deadline = performance.now() + 3000;
  while (notebook.indices.length < (window.__notebookCells ?? 0) && performance.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 16));
}

export const notebook = new Notebook({
  load: () => import('~/lib/tf/kernel/kernel-client').then((m) => m.getKernel()),
  wake: wakeCells,
});
