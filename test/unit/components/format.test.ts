import { describe, expect, it } from 'vitest';
import { ratioDigits } from '~/components/widgets/shared/format';

describe('ratioDigits', () => {
  it.each([
    [1, 2],
    [8.94, 2],
    [9.999, 2],
    [10, 1],
    [42.65, 1],
    [99.9, 1],
    [100, 0],
    [31_700.4, 0],
  ])('%d → %d decimals', (r, d) => expect(ratioDigits(r)).toBe(d));
});
