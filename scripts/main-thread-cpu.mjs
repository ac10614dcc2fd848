// Main-thread CPU time from a Chromium trace (Playwright's browser.startTracing with
// TRACE_CATEGORIES), for the benchmarks: thread time rather than wall time, so a busy machine
// inflates it far less. Used by bench-widgets.mjs and bench-lab.mjs.

/** Trace categories that record the renderer's top-level tasks with their thread time. */
export const TRACE_CATEGORIES = ['toplevel', 'disabled-by-default-devtools.timeline'];

/**
 * Main-thread CPU time from a Chromium trace: the renderer main thread's top-level tasks (RunTask),
 * by thread time (`tdur`, which leaves out the time the busy machine did not run the thread).
 * Returns ms per change (all tasks during the changes / changes) and the longest task's CPU ms.
 */
export function mainThreadCpu(trace, changes) {
  const events = trace.traceEvents ?? trace;
  const main = events.find(
    (e) =>
      e.name === 'thread_name' &&
      e.args?.name === 'CrRendererMain' &&
      events.some((x) => x.pid === e.pid && x.name === 'RunTask' && x.tdur > 0),
  );
  const tasks = main
    ? events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.name === 'RunTask' && e.ph === 'X')
    : [];
  const total = tasks.reduce((a, e) => a + (e.tdur ?? 0), 0) / 1000;
  return {
    perChange: Math.round((total / Math.max(1, changes)) * 10) / 10,
    longest: Math.round(Math.max(0, ...tasks.map((e) => (e.tdur ?? 0) / 1000))),
  };
}
