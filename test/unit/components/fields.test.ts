import { describe, expect, it } from 'vitest';
import { readNumber, readWholeFields } from '~/components/widgets/shared/fields';

describe('readNumber', () => {
  it.each([
    ['3', 3],
    [' 12 ', 12],
    [5, 5],
    ['1.5', 1.5],
  ])('%j → %d', (input, value) => expect(readNumber(input)).toBe(value));
  it.each(['', '   ', null, undefined])('%j → NaN (reported as missing)', (input) =>
    expect(readNumber(input)).toBeNaN(),
  );
});

describe('readWholeFields', () => {
  it('reads every field as a whole number', () => {
    expect(readWholeFields({ a: '3', b: 0 }, { a: [1, 10], b: [0, 2] })).toEqual({
      ok: true,
      values: { a: 3, b: 0 },
    });
  });

  it("reports every field's problem, in the order of the limits", () => {
    const read = readWholeFields(
      { a: '', b: '2.5', c: '11', d: '0' },
      { d: [1, 10], c: [1, 10], b: [0, 10], a: [1, 10] },
    );
    expect(read.ok).toBe(false);
    if (!read.ok)
      expect(read.problems.map((p) => [p.values.what, p.code])).toEqual([
        ['d', 'notPositive'],
        ['c', 'tooLarge'],
        ['b', 'notInteger'],
        ['a', 'missing'],
      ]);
  });
});
