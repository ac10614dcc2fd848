/**
 * A sense of scale: orders of magnitude and shares of a network's parameters, for lessons that
 * ask "ten thousand, a million or a hundred million?".
 */
import { addParams, noParams, type Params } from './formulas';
import type { LayerReport } from './analyze';
import type { LayerKind } from './network';

/**
 * Order of magnitude of a count: the power of ten e with 10^e ≤ n < 10^(e+1), i.e. e = ⌊log₁₀ n⌋.
 * E.g. AlexNet conv1's 34,944 parameters → 4; its 60,965,224 in total → 7.
 * Exact at powers of ten (floating-point log₁₀ is corrected); null for n < 1 or a non-finite n.
 */
export function powerOfTen(n: number): number | null {
  if (!Number.isFinite(n) || n < 1) return null;
  let e = Math.floor(Math.log10(n));
  if (10 ** (e + 1) <= n) e += 1;
  if (10 ** e > n) e -= 1;
  return e;
}

/**
 * Parameters of all layers of the given kinds, summed: Σ weights and Σ biases over the rows whose
 * kind is listed. Blocks (concat, residual) are rows too but have their own kind, so summing
 * 'conv' or 'fc' rows never counts a layer twice. E.g. AlexNet's fc rows: 58,631,144.
 */
export function paramsOfKind(rows: readonly LayerReport[], ...kinds: LayerKind[]): Params {
  const picked = rows.filter((r) => kinds.includes(r.kind)).map((r) => r.params);
  return picked.length === 0 ? noParams : addParams(...picked);
}

/**
 * Multiply–accumulates of all layers of the given kinds, summed: Σ MACs over the rows whose kind
 * is listed (blocks are skipped as for paramsOfKind). E.g. AlexNet's conv rows: 665,784,864.
 */
export function macsOfKind(rows: readonly LayerReport[], ...kinds: LayerKind[]): number {
  return rows.filter((r) => kinds.includes(r.kind)).reduce((sum, r) => sum + r.macs, 0);
}

/** Percentage of `part` in `whole`: 100 · part / whole; null when whole is 0 or either is not finite. */
export function percentOf(part: number, whole: number): number | null {
  if (!Number.isFinite(part) || !Number.isFinite(whole) || whole === 0) return null;
  return (100 * part) / whole;
}
