/** The reference convolution's channel-first volumes in TensorFlow.js's layouts, and back. */
import { describe, expect, it } from 'vitest';
import { maxDifference, type KernelBank } from '~/lib/cnn';
import { fromTensorResult, toConv2dArgs } from '~/lib/tf/layout';

const ramp = (h: number, w: number, start = 1) =>
  Array.from({ length: h }, (_, y) => Array.from({ length: w }, (_, x) => start + y * w + x));
describe('TensorFlow layouts', () => {
  it('input HWC and filter HWIO, and back', () => {
    const input = [ramp(2, 3, 1), ramp(2, 3, 101)]; // C=2, H=2, W=3
    const kernels: KernelBank = [
      [ramp(2, 2, 1), ramp(2, 2, 11)],
      [ramp(2, 2, 21), ramp(2, 2, 31)],
      [ramp(2, 2, 41), ramp(2, 2, 51)],
    ];
    const args = toConv2dArgs(input, kernels, [1, 2, 3], 2, 1);
    expect(args.input.shape).toEqual([2, 3, 2]);
    expect(Array.from(args.input.data).slice(0, 4)).toEqual([1, 101, 2, 102]); // x[0][0] for c=0,1 then x[0][1]
    expect(args.filter.shape).toEqual([2, 2, 2, 3]);
    // filter[i][j][c][m] = kernels[m][c][i][j]: first six are (i=0, j=0): c=0 m=0..2, c=1 m=0..2
    expect(Array.from(args.filter.data).slice(0, 6)).toEqual([1, 21, 41, 11, 31, 51]);
    expect(args).toMatchObject({ stride: 2, pad: 1 });
    const back = fromTensorResult({ shape: [1, 2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6]) });
    expect(back).toEqual([[[1, 4]], [[2, 5]], [[3, 6]]]);
    expect(maxDifference(back, [[[1, 4]], [[2, 5]], [[3, 6.5]]])).toBe(0.5);
    expect(maxDifference(back, [[[1, 4]]])).toBe(Infinity);
  });
});
