export const TRACE_CATEGORIES: string[];
export function mainThreadCpu(trace: unknown, changes: number): { perChange: number; longest: number };
