/**
 * The one way widgets read what the reader typed: a number input's bound value becomes a number,
 * and an empty field becomes NaN, which the engine's checks report as missing.
 */
import { checkWhole } from '~/lib/cnn/conv-arithmetic';
import type { Problem } from '~/lib/cnn/problems';

/** A field as the browser gives it: number inputs bind numbers, or null/'' when empty. */
export type Field = string | number | null | undefined;

/** A field → number; empty (or only spaces) becomes NaN so the arithmetic reports it as missing. */
export function readNumber(field: Field): number {
  if (typeof field === 'number') return field;
  if (field === null || field === undefined || field.trim() === '') return Number.NaN;
  return Number(field);
}

/**
 * Reads the fields named by `limits` (in that order) as whole numbers within [min, max], with the
 * engine's `checkWhole` (min 0 or 1): the numbers, or every field's problem in that order.
 */
export function readWholeFields<K extends string>(
  settings: { readonly [key in NoInfer<K>]: Field },
  limits: { readonly [key in K]: readonly [0 | 1, number] },
): { ok: true; values: Record<K, number> } | { ok: false; problems: Problem[] } {
  const values = {} as Record<K, number>;
  const problems: Problem[] = [];
  for (const key of Object.keys(limits) as K[]) {
    values[key] = readNumber(settings[key]);
    const [min, max] = limits[key];
    const found = checkWhole(key, values[key], min, max);
    if (found) problems.push(found);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values };
}
