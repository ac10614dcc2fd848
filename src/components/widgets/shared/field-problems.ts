/**
 * Widgets validate each control with the engine's checks, naming the quantity by a field key
 * (e.g. "depth"). Before showing the problems, the widget swaps the key for the control's label
 * in the reader's language, so the message names the exact field ("Depth L must be …").
 */
import type { Problem } from '~/lib/cnn/problems';

/** Replaces `values.what` (a field key) by `labels[key]` where a label is given. */
export function labelProblems(problems: Problem[], labels: Record<string, string>): Problem[] {
  return problems.map((p) => {
    const what = p.values.what;
    return typeof what === 'string' && labels[what] !== undefined
      ? { ...p, values: { ...p.values, what: labels[what]! } }
      : p;
  });
}
