import { untrack } from 'svelte';

/**
 * `value()` for a chart's `input`, read so that the chart is redrawn only when `key(value())`
 * changes: e.g. a chart of ratios that do not depend on the channel count is not drawn again
 * when only the channel count changed (issue 12). The returned function gives the current
 * value (null stays null). Call during component setup.
 */
export function keyedBy<T>(value: () => T | null, key: (value: T) => string): () => T | null {
  const current = $derived.by(() => {
    const v = value();
    return v === null ? null : key(v);
  });
  return () => (current === null ? null : untrack(value));
}
