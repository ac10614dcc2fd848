/**
 * Which section a reader is in, from the headings' distances to the top of the window (`tops`,
 * in page order; NaN for a heading that is missing) and the reading line: the last heading whose
 * top has passed the line; the first link (the page's overview) while none has.
 */
export function currentSection(tops: readonly number[], line: number): number {
  for (let i = tops.length - 1; i > 0; i--) if (tops[i]! <= line) return i;
  return 0;
}
