import { describe, expect, it } from 'vitest';
import { currentSection } from '~/components/starlight/toc/toc-section';

describe('currentSection', () => {
  it.each([
    [[], 100, 0],
    [[0, 300, 900], 100, 0], // nothing but the title has passed the line: the overview
    [[-800, 100, 900], 100, 1], // a heading exactly on the line counts
    [[-2000, -900, -10], 100, 2],
    [[-2000, Number.NaN, 50], 100, 2], // a missing heading never counts
    [[-2000, Number.NaN, 500], 100, 0],
    [[5, 700], 100, 0], // the first link is the overview whatever its position
  ])('%j with the line at %d → %d', (tops, line, index) => expect(currentSection(tops, line)).toBe(index));
});
