// What the Linux scheduler saw of Chromium (issue 12), for the benchmarks: how long each of its
// threads ran, and how long a thread that was ready to run waited for a CPU. On this two-core
// machine the GPU is SwiftShader, software in Chromium's GPU process; it runs on the same two cores
// as the page's main thread, so a main-thread task can take twice its CPU time in wall time, and
// the wall time is what Lighthouse multiplies and what a change's latency is. A trace shows the
// main thread's CPU but not who held the CPU while it waited; /proc/<pid>/task/<tid>/schedstat
// does (run time, runqueue wait, in ns). Linux only: elsewhere every reader returns undefined.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/**
 * One thread's counters from its `schedstat` text ("run_ns wait_ns timeslices"): ms on a CPU and
 * ms ready to run but waiting for one; undefined for text that is not three counts.
 */
export function parseSchedstat(text) {
  const fields = String(text).trim().split(/\s+/);
  if (fields.length !== 3 || !fields.every((f) => /^\d+$/.test(f))) return undefined;
  return { runMs: Number(fields[0]) / 1e6, waitMs: Number(fields[1]) / 1e6 };
}

/**
 * The kind of Chromium process a `/proc/<pid>/cmdline` belongs to: its `--type=` (renderer,
 * gpu-process, utility, zygote…) or `browser` without one; null when the program (the first
 * argument's file name) is not Chromium. Arguments are separated by NUL, except in processes forked
 * from Chromium's zygote, which rewrite their command line as one space-separated string.
 */
export function chromiumProcessType(cmdline) {
  const args = String(cmdline).split(/[\0 ]/);
  if (!/^chrom(e|ium)$/.test(args[0].split('/').pop() ?? '')) return null;
  const type = args.find((a) => a.startsWith('--type='));
  return type ? type.slice('--type='.length) : 'browser';
}

/** The parent's pid in the text of `/proc/<pid>/stat` (the field after the state), or undefined. */
export function parentPid(statText) {
  const rest = String(statText)
    .slice(String(statText).lastIndexOf(')') + 1)
    .trim()
    .split(/\s+/);
  return /^\d+$/.test(rest[1] ?? '') ? Number(rest[1]) : undefined;
}

/**
 * Every thread of the Chromium processes descending from process `root` (by default this one,
 * which Playwright launches its browsers from): a Map from "pid/tid" to its process type, whether
 * it is the process's main thread (tid = pid), and its schedstat counters; undefined where there
 * is no /proc. Processes and threads that end while being read are left out.
 */
export function snapshotThreads(root = process.pid) {
  if (!existsSync('/proc/self/task')) return undefined;
  const parent = new Map();
  const type = new Map();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      parent.set(Number(pid), parentPid(readFileSync(`/proc/${pid}/stat`, 'utf8')));
      type.set(Number(pid), chromiumProcessType(readFileSync(`/proc/${pid}/cmdline`, 'utf8')));
    } catch {
      // the process ended
    }
  }
  const descends = (pid) => {
    for (let p = parent.get(pid), hops = 0; p !== undefined && hops < 64; p = parent.get(p), hops++)
      if (p === root) return true;
    return false;
  };
  const threads = new Map();
  for (const [pid, kind] of type) {
    if (!kind || !descends(pid)) continue;
    let tids;
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const stat = parseSchedstat(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8'));
        if (stat) threads.set(`${pid}/${tid}`, { type: kind, main: String(pid) === tid, ...stat });
      } catch {
        // the thread ended
      }
    }
  }
  return threads;
}

/**
 * What happened between two snapshots (snapshotThreads), divided by `per` (e.g. the number of
 * changes): CPU ms by process type (Σ run time of its threads), and the renderer main thread that
 * ran most in between (the page's): its run ms and its runqueue wait ms. A thread that started in
 * between counts from zero. Undefined when either snapshot is.
 */
export function schedDelta(before, after, per = 1) {
  if (!before || !after) return undefined;
  const cpuMsByType = {};
  let rendererMain;
  for (const [key, now] of after) {
    const then = before.get(key) ?? { runMs: 0, waitMs: 0 };
    const runMs = now.runMs - then.runMs;
    const waitMs = now.waitMs - then.waitMs;
    cpuMsByType[now.type] = (cpuMsByType[now.type] ?? 0) + runMs;
    if (now.type === 'renderer' && now.main && runMs > (rendererMain?.runMs ?? 0))
      rendererMain = { runMs, waitMs };
  }
  const round = (x) => Math.round((x / per) * 10) / 10;
  return {
    cpuMsByType: Object.fromEntries(Object.entries(cpuMsByType).map(([k, v]) => [k, round(v)])),
    rendererMain: rendererMain && { runMs: round(rendererMain.runMs), waitMs: round(rendererMain.waitMs) },
  };
}

/**
 * The machine's CPU counters (Linux /proc/stat, in clock ticks): all time and the time stolen by
 * the hypervisor for other guests, which no trace of ours shows; undefined elsewhere.
 */
export function cpuTicks() {
  if (!existsSync('/proc/stat')) return undefined;
  return parseCpuTicks(readFileSync('/proc/stat', 'utf8'));
}

/** cpuTicks from the text of /proc/stat: total = user+nice+system+idle+iowait+irq+softirq+steal. */
export function parseCpuTicks(text) {
  const [label, ...fields] = String(text).split('\n')[0].trim().split(/\s+/);
  if (label !== 'cpu' || fields.length < 8) return undefined;
  const n = fields.map(Number);
  // guest time is counted in user already
  return { total: n.slice(0, 8).reduce((a, b) => a + b, 0), steal: n[7] };
}

/** The share (%) of the machine's CPU time stolen between two cpuTicks, or undefined. */
export function stealPercentBetween(from, to) {
  if (!from || !to || to.total <= from.total) return undefined;
  return Math.round(((to.steal - from.steal) / (to.total - from.total)) * 1000) / 10;
}

/**
 * The figures the benchmarks report from a schedDelta: the page's main thread's ms running and ms
 * ready but waiting for a CPU, and the GPU process's CPU ms (0 where one did not run); undefined
 * without a delta.
 */
export function mainThreadAndGpu(delta) {
  if (!delta) return undefined;
  return {
    mainRunMs: delta.rendererMain?.runMs ?? 0,
    mainWaitMs: delta.rendererMain?.waitMs ?? 0,
    gpuCpuMs: delta.cpuMsByType['gpu-process'] ?? 0,
  };
}
