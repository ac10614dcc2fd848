import { describe, expect, it } from 'vitest';
import { readNumber } from '../../../src/components/widgets/shared/fields';

describe('readNumber', () => {
  it.each([
    ['3', 3],
    [' 12 ', 12],
    [5, 5],
    ['1.5', 1.5],
  ])('%j → %d', (input, value) => expect(readNumber(input)).toBe(value));
  it.each(['', '   ', null, undefined])('%j → NaN (reported as missing)', (input) => expect(readNumber(input)).toBeNaN());
});
