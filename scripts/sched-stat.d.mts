export interface ThreadStat {
  type: string;
  main: boolean;
  runMs: number;
  waitMs: number;
}
export interface SchedDelta {
  cpuMsByType: Record<string, number>;
  rendererMain?: { runMs: number; waitMs: number };
}
export function parseSchedstat(text: string): { runMs: number; waitMs: number } | undefined;
export function chromiumProcessType(cmdline: string): string | null;
export function parentPid(statText: string): number | undefined;
export function snapshotThreads(root?: number): Map<string, ThreadStat> | undefined;
export function schedDelta(
  before: Map<string, ThreadStat> | undefined,
  after: Map<string, ThreadStat> | undefined,
  per?: number,
): SchedDelta | undefined;
export function mainThreadAndGpu(
  delta: SchedDelta | undefined,
): { mainRunMs: number; mainWaitMs: number; gpuCpuMs: number } | undefined;
export function cpuTicks(): { total: number; steal: number } | undefined;
export function parseCpuTicks(text: string): { total: number; steal: number } | undefined;
export function stealPercentBetween(
  from: { total: number; steal: number } | undefined,
  to: { total: number; steal: number } | undefined,
): number | undefined;
