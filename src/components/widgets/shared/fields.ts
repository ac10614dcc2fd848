/**
 * The one way widgets read what the reader typed: a number input's bound value becomes a number,
 * and an empty field becomes NaN, which the engine's checks report as missing.
 */

/** A field as the browser gives it: number inputs bind numbers, or null/'' when empty. */
export type Field = string | number | null | undefined;

/** A field → number; empty (or only spaces) becomes NaN so the arithmetic reports it as missing. */
export function readNumber(field: Field): number {
  if (typeof field === 'number') return field;
  if (field === null || field === undefined || field.trim() === '') return Number.NaN;
  return Number(field);
}
