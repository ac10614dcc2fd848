/**
 * The reference convolution (plain loops) on hand-computed cases: the yardstick for the widget's
 * step-by-step sums and for TensorFlow.js (test/unit/lib/tf).
 */
import { describe, expect, it } from 'vitest';
import { cellBreakdown, outputSize, paddedValue, referenceConv, type KernelBank } from '~/lib/cnn';

const ramp = (h: number, w: number, start = 1) =>
  Array.from({ length: h }, (_, y) => Array.from({ length: w }, (_, x) => start + y * w + x));
const one = (grid: number[][]): KernelBank => [[grid]];

describe('reference convolution, hand-computed', () => {
  it('one channel, 2×2 kernel, no padding, stride 1', () => {
    // x = [[1,2,3],[4,5,6],[7,8,9]], w = [[1,2],[3,4]]: y00 = 1·1 + 2·2 + 4·3 + 5·4 = 37 …
    expect(
      referenceConv(
        [ramp(3, 3)],
        one([
          [1, 2],
          [3, 4],
        ]),
        [0],
        1,
        0,
      ),
    ).toEqual([
      [
        [37, 47],
        [67, 77],
      ],
    ]);
  });

  it('stride 2 skips every other position; the bias is added once per output', () => {
    // x = 1…16 (4×4), w = ones(2×2), b = 1: y00 = 1+2+5+6+1 = 15, y01 = 3+4+7+8+1 = 23 …
    expect(
      referenceConv(
        [ramp(4, 4)],
        one([
          [1, 1],
          [1, 1],
        ]),
        [1],
        2,
        0,
      ),
    ).toEqual([
      [
        [15, 23],
        [47, 55],
      ],
    ]);
  });

  it('stride 2 on 5×5 with a 3×3 kernel floors away nothing: o = ⌊(5 − 3)/2⌋ + 1 = 2', () => {
    const y = referenceConv(
      [ramp(5, 5)],
      one([
        [0, 0, 0],
        [0, 1, 0],
        [0, 0, 0],
      ]),
      [0],
      2,
      0,
    );
    // the centre tap picks x[1][1] = 7, x[1][3] = 9, x[3][1] = 17, x[3][3] = 19
    expect(y).toEqual([
      [
        [7, 9],
        [17, 19],
      ],
    ]);
  });

  it('padding 1: zeros around the image, each window sees part of it', () => {
    // x = [[1,2],[3,4]] padded to 4×4, w = [[1,2,3],[4,5,6],[7,8,9]]:
    // y00 = 1·5 + 2·6 + 3·8 + 4·9 = 77, y01 = 1·4 + 2·5 + 3·7 + 4·8 = 67,
    // y10 = 1·2 + 2·3 + 3·5 + 4·6 = 47, y11 = 1·1 + 2·2 + 3·4 + 4·5 = 37
    expect(
      referenceConv(
        [ramp(2, 2)],
        one([
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ]),
        [0],
        1,
        1,
      ),
    ).toEqual([
      [
        [77, 67],
        [47, 37],
      ],
    ]);
  });

  it('padding 2 with stride 3: o = ⌊(4 + 4 − 2)/3⌋ + 1 = 3, corners see only padding', () => {
    const y = referenceConv(
      [ramp(4, 4)],
      one([
        [1, 1],
        [1, 1],
      ]),
      [0.5],
      3,
      2,
    );
    // window (0,0) covers padded rows/cols 0–1: all padding → just the bias
    expect(y[0]![0]![0]).toBe(0.5);
    // window (1,1) covers padded rows/cols 3–4 → x[1..2][1..2] = 6 + 7 + 10 + 11
    expect(y[0]![1]![1]).toBe(34.5);
    expect(y[0]).toHaveLength(3);
  });

  it('several input channels are summed, each kernel has its own bias', () => {
    const input = [
      [
        [1, 2],
        [3, 4],
      ],
      [
        [-1, 0],
        [2, 1],
      ],
    ];
    const kernels: KernelBank = [
      [
        [
          [1, 1],
          [1, 1],
        ],
        [
          [2, 0],
          [0, 2],
        ],
      ],
      [
        [
          [0, 1],
          [0, 0],
        ],
        [
          [0, 0],
          [1, -1],
        ],
      ],
    ];
    // kernel 1: (1+2+3+4) + (−2 + 0 + 0 + 2) + 3 = 13; kernel 2: 2 + (2 − 1) − 0.5 = 2.5
    expect(referenceConv(input, kernels, [3, -0.5], 1, 0)).toEqual([[[13]], [[2.5]]]);
    const cell = cellBreakdown(input, kernels, [3, -0.5], 1, 0, 0, 0, 0);
    expect(cell.channels.map((c) => c.sum)).toEqual([10, 0]);
    expect(cell.bias).toBe(3);
    expect(cell.value).toBe(13);
    expect(cell.channels[1]!.terms.map((t) => [t.value, t.weight])).toEqual([
      [-1, 2],
      [0, 0],
      [2, 0],
      [1, 2],
    ]);
  });

  it('the breakdown marks padding taps and uses padded coordinates', () => {
    const cell = cellBreakdown(
      [ramp(2, 2)],
      one([
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ]),
      [0],
      1,
      1,
      0,
      0,
      0,
    );
    expect(cell.channels[0]!.terms.filter((t) => t.padding)).toHaveLength(5);
    expect(cell.channels[0]!.terms.filter((t) => t.padding).every((t) => t.value === 0)).toBe(true);
    expect(cell.channels[0]!.terms.find((t) => t.i === 1 && t.j === 1)).toMatchObject({
      y: 1,
      x: 1,
      value: 1,
      weight: 5,
      padding: false,
    });
    expect(cell.value).toBe(77);
  });

  it('sizes, padded values, and a kernel that does not fit', () => {
    // outputSize(n, k, p, s): the conv arithmetic the reference takes its sizes from
    expect(outputSize(6, 3, 1, 1)).toBe(6);
    expect(outputSize(6, 3, 0, 2)).toBe(2);
    expect(outputSize(2, 5, 0, 1)).toBe(null);
    expect(referenceConv([ramp(2, 2)], one(ramp(5, 5)), [0], 1, 0)).toEqual([[]]);
    expect(paddedValue([ramp(2, 2)], 0, 0, 0, 1)).toBe(0);
    expect(paddedValue([ramp(2, 2)], 0, 2, 2, 1)).toBe(4);
  });
});
