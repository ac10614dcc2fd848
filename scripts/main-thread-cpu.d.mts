export const TRACE_CATEGORIES: string[];
export const CHANGE_MARK: string;
export function mainThreadCpu(trace: unknown, changes: number): { perChange: number; longest: number };
export function changeCpu(trace: unknown, times: readonly number[]): number[];
