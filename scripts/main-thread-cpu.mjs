// Main-thread CPU time from a Chromium trace (Playwright's browser.startTracing with
// TRACE_CATEGORIES), for the benchmarks: thread time rather than wall time, so a busy machine
// inflates it far less. Used by bench-widgets.mjs, bench-lab.mjs and profile-widget.mjs.

/**
 * Trace categories that record the renderer's top-level tasks with their thread time, and the
 * user-timing marks (CHANGE_MARK) at which widget-change.mjs's measureInPage starts each change.
 */
export const TRACE_CATEGORIES = ['toplevel', 'disabled-by-default-devtools.timeline', 'blink.user_timing'];

/** The user-timing mark measureInPage sets at the start of each change (written out there too). */
export const CHANGE_MARK = 'widget-change';

/** The renderer main thread's top-level tasks (RunTask) in a trace, in start order. */
function mainThreadTasks(events) {
  const main = events.find(
    (e) =>
      e.name === 'thread_name' &&
      e.args?.name === 'CrRendererMain' &&
      events.some((x) => x.pid === e.pid && x.name === 'RunTask' && x.tdur > 0),
  );
  if (!main) return { main: undefined, tasks: [] };
  const tasks = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.name === 'RunTask' && e.ph === 'X')
    .sort((a, b) => a.ts - b.ts);
  return { main, tasks };
}

/**
 * Main-thread CPU time from a Chromium trace: the renderer main thread's top-level tasks (RunTask),
 * by thread time (`tdur`, which leaves out the time the busy machine did not run the thread).
 * Returns ms per change (all tasks during the changes / changes) and the longest task's CPU ms.
 */
export function mainThreadCpu(trace, changes) {
  const { tasks } = mainThreadTasks(trace.traceEvents ?? trace);
  const total = tasks.reduce((a, e) => a + (e.tdur ?? 0), 0) / 1000;
  return {
    perChange: Math.round((total / Math.max(1, changes)) * 10) / 10,
    longest: Math.round(Math.max(0, ...tasks.map((e) => (e.tdur ?? 0) / 1000))),
  };
}

/**
 * Main-thread CPU of each change, in ms, in order: for change i, the thread time of the main
 * thread's top-level tasks that run during [mᵢ, mᵢ + timesᵢ], where mᵢ is the i-th CHANGE_MARK on
 * that thread and timesᵢ the change's measured latency in ms (measureInPage's `times`), counting a
 * task that straddles either end in full (the task holding the mark is the one that dispatches the
 * input event). Unlike the latency, this leaves out the time the busy machine ran other threads
 * and processes, so its spread is the page's own. Returns [] when the trace has no marks, and
 * only as many values as there are both marks and times.
 */
export function changeCpu(trace, times) {
  const events = trace.traceEvents ?? trace;
  const { main, tasks } = mainThreadTasks(events);
  if (!main) return [];
  const marks = events
    .filter((e) => e.name === CHANGE_MARK && e.pid === main.pid && e.tid === main.tid)
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  return marks.slice(0, times.length).map((start, i) => {
    const end = start + times[i] * 1000;
    const cpu = tasks
      .filter((t) => t.ts <= end && t.ts + (t.dur ?? 0) >= start)
      .reduce((a, t) => a + (t.tdur ?? 0), 0);
    return Math.round(cpu / 100) / 10;
  });
}
