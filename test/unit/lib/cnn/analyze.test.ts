import { describe, expect, it } from 'vitest';
import {
  analyze,
  type Analysis,
  type Layer,
  type Network,
  type Shape,
} from '../../../../src/lib/cnn/analyze';
import { describeProblem } from '../../../../src/i18n/translate';
import { uiStrings } from '../../../../src/i18n/ui';
import type { ProblemCode } from '../../../../src/lib/cnn/problems';
import { english } from '../../english';

function ok(network: Layer[], input: Shape): Analysis {
  const r = analyze(network, input);
  if (!r.ok) throw new Error(r.problems.map(english).join('\n'));
  return r.value;
}

const img = (h: number, w: number, c: number): Shape => ({ h, w, c });

describe('output shapes, one layer at a time', () => {
  it.each<[string, Layer, Shape, Shape]>([
    ['conv valid', { kind: 'conv', out: 96, k: 11, s: 4 }, img(227, 227, 3), img(55, 55, 96)],
    ['conv same', { kind: 'conv', out: 64, k: 3, p: 'same' }, img(224, 224, 3), img(224, 224, 64)],
    ['conv "valid" keyword', { kind: 'conv', out: 8, k: 3, p: 'valid' }, img(10, 10, 3), img(8, 8, 8)],
    ['conv 1×7 same', { kind: 'conv', out: 8, k: [1, 7], p: 'same' }, img(17, 17, 4), img(17, 17, 8)],
    ['conv 1×7 valid', { kind: 'conv', out: 8, k: [1, 7] }, img(17, 17, 4), img(17, 11, 8)],
    ['dilated conv', { kind: 'conv', out: 4, k: 3, d: 2 }, img(9, 9, 1), img(5, 5, 4)],
    ['maxpool, stride defaults to k', { kind: 'maxpool', k: 2 }, img(224, 224, 64), img(112, 112, 64)],
    ['maxpool floor', { kind: 'maxpool', k: 3, s: 2 }, img(112, 112, 64), img(55, 55, 64)],
    ['maxpool ceil (Caffe)', { kind: 'maxpool', k: 3, s: 2, ceil: true }, img(112, 112, 64), img(56, 56, 64)],
    [
      'ceil never starts a window in the right padding',
      { kind: 'maxpool', k: 2, s: 2, p: 1, ceil: true },
      img(5, 5, 1),
      img(3, 3, 1),
    ],
    [
      'ceil with padding, window allowed',
      { kind: 'maxpool', k: 2, s: 2, p: 1, ceil: true },
      img(6, 6, 1),
      img(4, 4, 1),
    ],
    ['avgpool 7×7', { kind: 'avgpool', k: 7, s: 1 }, img(7, 7, 1024), img(1, 1, 1024)],
    ['convt ×2', { kind: 'convt', out: 64, k: 4, s: 2, p: 1 }, img(4, 4, 128), img(8, 8, 64)],
    [
      'convt output padding',
      { kind: 'convt', out: 8, k: 3, s: 2, p: 1, op: 1 },
      img(7, 7, 16),
      img(14, 14, 8),
    ],
    ['flatten', { kind: 'flatten' }, img(6, 6, 256), { size: 9216 }],
    ['gap', { kind: 'gap' }, img(7, 7, 2048), { size: 2048 }],
    ['fc', { kind: 'fc', out: 10 }, { size: 84 }, { size: 10 }],
    ['bn keeps the shape', { kind: 'bn' }, img(5, 5, 3), img(5, 5, 3)],
    ['lrn', { kind: 'lrn', size: 5 }, img(5, 5, 3), img(5, 5, 3)],
    ['dropout', { kind: 'dropout', rate: 0.5 }, { size: 4096 }, { size: 4096 }],
    ['identity', { kind: 'identity' }, img(2, 3, 4), img(2, 3, 4)],
  ])('%s', (_label, layer, input, output) => {
    expect(ok([layer], input).output).toEqual(output);
  });
});

describe('parameters and MACs', () => {
  it.each<[string, Layer[], Shape, number, number, number]>([
    // label, network, input, weights, biases, MACs (hand-derived)
    ['AlexNet conv1', [{ kind: 'conv', out: 96, k: 11, s: 4 }], img(227, 227, 3), 34_848, 96, 105_415_200],
    [
      'AlexNet conv2 (groups 2)',
      [{ kind: 'conv', out: 256, k: 5, p: 2, g: 2 }],
      img(27, 27, 96),
      307_200,
      256,
      223_948_800,
    ],
    [
      'no bias',
      [{ kind: 'conv', out: 64, k: 3, p: 1, bias: false }],
      img(56, 56, 64),
      36_864,
      0,
      115_605_504,
    ],
    [
      'AlexNet fc6',
      [{ kind: 'flatten' }, { kind: 'fc', out: 4096 }],
      img(6, 6, 256),
      37_748_736,
      4096,
      37_748_736,
    ],
    ['fc without bias', [{ kind: 'fc', out: 3, bias: false }], { size: 4 }, 12, 0, 12],
    ['bn: γ as weights, β as biases', [{ kind: 'bn' }], img(56, 56, 64), 64, 64, 0],
    ['bn on a vector', [{ kind: 'bn' }], { size: 10 }, 10, 10, 0],
    [
      'convt 4×4 128 → 64 on 4×4',
      [{ kind: 'convt', out: 64, k: 4, s: 2, p: 1 }],
      img(4, 4, 128),
      131_072,
      64,
      2_097_152,
    ],
    [
      'pool, relu, lrn: nothing learned',
      [{ kind: 'maxpool', k: 2 }, { kind: 'relu' }, { kind: 'lrn' }],
      img(4, 4, 8),
      0,
      0,
      0,
    ],
  ])('%s', (_label, network, input, weights, biases, macs) => {
    const a = ok(network, input);
    expect(a.totals.params).toEqual({ weights, biases, total: weights + biases });
    expect(a.totals.macs).toBe(macs);
  });

  it('inception 3a: 163,328 weights, 163,696 with biases, 256 channels out', () => {
    const conv = (out: number, k: number, p?: number): Layer => ({
      kind: 'conv',
      out,
      k,
      ...(p ? { p } : {}),
    });
    const a = ok(
      [
        {
          kind: 'concat',
          branches: [
            [conv(64, 1)],
            [conv(96, 1), conv(128, 3, 1)],
            [conv(16, 1), conv(32, 5, 2)],
            [{ kind: 'maxpool', k: 3, s: 1, p: 1 }, conv(32, 1)],
          ],
        },
      ],
      img(28, 28, 192),
    );
    expect(a.totals.params.weights).toBe(163_328);
    expect(a.totals.params.total).toBe(163_696);
    expect(a.output).toEqual(img(28, 28, 256));
  });

  it('a residual block adds body and projection shortcut', () => {
    const a = ok(
      [
        {
          kind: 'residual',
          body: [{ kind: 'conv', out: 128, k: 3, s: 2, p: 1, bias: false }, { kind: 'bn' }],
          shortcut: [{ kind: 'conv', out: 128, k: 1, s: 2, bias: false }, { kind: 'bn' }],
        },
      ],
      img(56, 56, 64),
    );
    // 3·3·64·128 + 128·2 (bn) + 64·128 + 128·2 (bn)
    expect(a.totals.params.total).toBe(73_728 + 256 + 8192 + 256);
    expect(a.output).toEqual(img(28, 28, 128));
  });
});

describe('receptive field', () => {
  const rfOf = (network: Layer[], input: Shape = img(64, 64, 1)) => ok(network, input).rf;
  it.each<[string, Layer[], number, number, number]>([
    ['3×3', [{ kind: 'conv', out: 1, k: 3 }], 3, 1, 0],
    [
      'two 3×3, p1',
      [
        { kind: 'conv', out: 1, k: 3, p: 1 },
        { kind: 'conv', out: 1, k: 3, p: 1 },
      ],
      5,
      1,
      -2,
    ],
    ['3×3 dilation 2', [{ kind: 'conv', out: 1, k: 3, d: 2 }], 5, 1, 0],
    [
      'pool 2/2 then 3×3',
      [
        { kind: 'maxpool', k: 2 },
        { kind: 'conv', out: 1, k: 3 },
      ],
      6,
      2,
      0,
    ],
    [
      'activations change nothing',
      [{ kind: 'conv', out: 1, k: 3 }, { kind: 'relu' }, { kind: 'bn' }, { kind: 'dropout' }],
      3,
      1,
      0,
    ],
    [
      'concat takes the largest branch',
      [
        {
          kind: 'concat',
          branches: [[{ kind: 'conv', out: 1, k: 1 }], [{ kind: 'conv', out: 1, k: 5, p: 2 }]],
        },
      ],
      5,
      1,
      -2,
    ],
    [
      'residual: the body (identity shortcut is 1)',
      [
        {
          kind: 'residual',
          body: [
            { kind: 'conv', out: 1, k: 3, p: 1 },
            { kind: 'conv', out: 1, k: 3, p: 1 },
          ],
        },
      ],
      5,
      1,
      -2,
    ],
    ['flatten keeps the field', [{ kind: 'conv', out: 1, k: 3, s: 2 }, { kind: 'flatten' }], 3, 2, 0],
  ])('%s', (_label, network, r, j, start) => {
    const rf = rfOf(network);
    expect(rf.h).toEqual({ r, j, start });
    expect(rf.w).toEqual({ r, j, start });
  });

  it('non-square kernels give separate fields', () => {
    const rf = rfOf([{ kind: 'conv', out: 1, k: [1, 7] }]);
    expect([rf.h.r, rf.w.r]).toEqual([1, 7]);
  });

  it('fc after flatten and gap see the whole input (kernel = whole grid)', () => {
    // 8×8 input, conv 3×3/2 → 3×3 map with r=3, j=2; the fc spans 3 positions: 3 + 2·2 = 7
    const viaFc = rfOf(
      [
        { kind: 'conv', out: 2, k: 3, s: 2 },
        { kind: 'flatten' },
        { kind: 'fc', out: 4 },
        { kind: 'fc', out: 2 },
      ],
      img(8, 8, 1),
    );
    expect(viaFc).toEqual({ h: { r: 7, j: 2, start: 0 }, w: { r: 7, j: 2, start: 0 }, whole: true });
    const viaGap = rfOf([{ kind: 'conv', out: 2, k: 3, s: 2 }, { kind: 'gap' }], img(8, 8, 1));
    expect(viaGap).toEqual(viaFc);
    expect(rfOf([{ kind: 'conv', out: 1, k: 3 }]).whole).toBe(false);
  });

  it('convt: j shrinks by s', () => {
    const rf = rfOf([
      { kind: 'conv', out: 1, k: 2, s: 2 },
      { kind: 'convt', out: 1, k: 4, s: 2, p: 1 },
    ]);
    expect(rf.h.j).toBe(1);
    expect(rf.h.r).toBe(2 + (2 - 1) * 2);
  });
});

describe('names, paths and rows', () => {
  it('auto-names by kind, skipping names given explicitly', () => {
    const a = ok(
      [
        { kind: 'conv', out: 4, k: 3, name: 'conv2' },
        { kind: 'relu' },
        { kind: 'conv', out: 4, k: 3 },
        { kind: 'maxpool', k: 2 },
        { kind: 'avgpool', k: 1 },
        { kind: 'conv', out: 4, k: 1 },
        { kind: 'dropout' },
        { kind: 'flatten' },
        { kind: 'fc', out: 2 },
      ],
      img(10, 10, 3),
    );
    expect(a.layers.map((l) => l.name)).toEqual([
      'conv2',
      'relu1',
      'conv1',
      'pool1',
      'pool2',
      'conv3',
      'drop1',
      'flatten1',
      'fc1',
    ]);
  });

  it('block children are prefixed by the block; rows list blocks before their children', () => {
    const a = ok(
      [
        { kind: 'conv', out: 8, k: 1 },
        {
          kind: 'concat',
          name: 'mix',
          branches: [
            [{ kind: 'conv', out: 2, k: 1, name: 'a' }],
            [{ kind: 'conv', out: 2, k: 1 }, { kind: 'relu' }],
          ],
        },
        {
          kind: 'residual',
          body: [{ kind: 'conv', out: 4, k: 1 }],
          shortcut: [{ kind: 'conv', out: 4, k: 1 }],
        },
      ],
      img(4, 4, 3),
    );
    expect(a.rows.map((r) => [r.name, r.path, r.depth, r.parent])).toEqual([
      ['conv1', '0', 0, null],
      ['mix', '1', 0, null],
      ['mix/a', '1.0.0', 1, 'mix'],
      ['mix/conv1', '1.1.0', 1, 'mix'],
      ['mix/relu1', '1.1.1', 1, 'mix'],
      ['res1', '2', 0, null],
      ['res1/conv1', '2.body.0', 1, 'res1'],
      ['res1/shortcut/conv1', '2.shortcut.0', 1, 'res1'],
    ]);
    expect(a.layers[1]!.branches).toHaveLength(2);
    expect(a.layers[1]!.params.total).toBe(2 * (8 * 2 + 2));
  });
});

describe('invalid networks are error values naming the layer', () => {
  const conv = (out: number, k: number, extra: Partial<Extract<Layer, { kind: 'conv' }>> = {}): Layer => ({
    kind: 'conv',
    out,
    k,
    ...extra,
  });
  it.each<[string, Layer[], Shape, ProblemCode, string]>([
    [
      'kernel larger than the padded input',
      [conv(4, 3), conv(4, 3), conv(4, 5)],
      img(8, 8, 3),
      'kernelTooLarge',
      'conv3',
    ],
    ['stride 0', [conv(4, 3, { s: 0 })], img(8, 8, 3), 'notPositive', 'conv1'],
    ['negative padding', [conv(4, 3, { p: -1 })], img(8, 8, 3), 'negative', 'conv1'],
    ['non-integer stride', [conv(4, 3, { s: 1.5 })], img(8, 8, 3), 'notInteger', 'conv1'],
    ['non-integer channels', [conv(2.5, 3)], img(8, 8, 3), 'notInteger', 'conv1'],
    ['zero kernel', [conv(4, 0)], img(8, 8, 3), 'notPositive', 'conv1'],
    [
      'same padding with an even kernel',
      [conv(4, 4, { p: 'same' })],
      img(8, 8, 3),
      'sameNotInteger',
      'conv1',
    ],
    [
      'same padding with stride 2',
      [conv(4, 3, { p: 'same', s: 2 })],
      img(8, 8, 3),
      'sameNeedsStride1',
      'conv1',
    ],
    ['groups not dividing C_in', [conv(64, 3, { g: 2 })], img(8, 8, 3), 'groupsDoNotDivide', 'conv1'],
    ['groups not dividing C_out', [conv(5, 3, { g: 2 })], img(8, 8, 4), 'groupsDoNotDivide', 'conv1'],
    [
      'pool too large',
      [{ kind: 'maxpool', k: 3, s: 2, name: 'pool5' }],
      img(2, 2, 3),
      'kernelTooLarge',
      'pool5',
    ],
    ['fc without flatten', [conv(4, 3), { kind: 'fc', out: 10 }], img(8, 8, 3), 'needsFlatInput', 'fc1'],
    ['conv after flatten', [{ kind: 'flatten' }, conv(4, 1)], img(8, 8, 3), 'needsSpatialInput', 'conv1'],
    ['gap on a vector', [{ kind: 'gap' }], { size: 10 }, 'needsSpatialInput', 'gap1'],
    ['dropout rate 1.5', [{ kind: 'dropout', rate: 1.5 }], { size: 10 }, 'rateOutOfRange', 'drop1'],
    [
      'convt output padding ≥ stride',
      [{ kind: 'convt', out: 4, k: 3, s: 2, op: 2 }],
      img(4, 4, 1),
      'outputPaddingTooLarge',
      'convt1',
    ],
    [
      'duplicate names',
      [conv(4, 1, { name: 'x' }), conv(4, 1, { name: 'x' })],
      img(8, 8, 3),
      'duplicateName',
      'x',
    ],
    [
      'concat with different H×W',
      [{ kind: 'concat', branches: [[conv(4, 1)], [conv(4, 3)]] }],
      img(8, 8, 3),
      'shapeMismatch',
      'concat1',
    ],
    [
      'concat of a vector and a map',
      [{ kind: 'concat', branches: [[{ kind: 'gap' }], [conv(4, 1)]] }],
      img(8, 8, 3),
      'shapeMismatch',
      'concat1',
    ],
    [
      'residual channel mismatch',
      [{ kind: 'residual', body: [conv(8, 3, { p: 1 })] }],
      img(8, 8, 4),
      'shapeMismatch',
      'res1',
    ],
    [
      'residual size mismatch with projection',
      [{ kind: 'residual', body: [conv(8, 3, { p: 1, s: 2 })], shortcut: [conv(8, 1)] }],
      img(8, 8, 4),
      'shapeMismatch',
      'res1',
    ],
    [
      'empty branch',
      [{ kind: 'concat', branches: [[conv(4, 1)], []] }],
      img(8, 8, 3),
      'emptyBranch',
      'concat1',
    ],
    ['concat without branches', [{ kind: 'concat', branches: [] }], img(8, 8, 3), 'noBranches', 'concat1'],
    ['empty residual body', [{ kind: 'residual', body: [] }], img(8, 8, 3), 'emptyBranch', 'res1'],
    [
      'error inside a block',
      [{ kind: 'concat', name: 'inc', branches: [[conv(4, 1, { s: 0 })]] }],
      img(8, 8, 3),
      'notPositive',
      'inc/conv1',
    ],
    ['too many MACs', [conv(100_000, 3, { p: 1 })], img(1000, 1000, 100_000), 'networkTooLarge', ''],
  ])('%s', (_label, network, input, code, layer) => {
    const r = analyze(network, input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const p = r.problems.find((x) => x.code === code);
    expect(p, JSON.stringify(r.problems)).toBeDefined();
    if (layer) {
      expect(p!.values.layer).toBe(layer);
      expect(english(p!).startsWith(`${layer}: `)).toBe(true);
    }
    for (const x of r.problems) expect(english(x)).not.toMatch(/NaN|undefined|\{/);
  });

  it('says it in words, naming the layer', () => {
    const r = analyze([conv(4, 3), conv(4, 3), conv(4, 5)], img(8, 8, 3));
    expect(!r.ok && english(r.problems[0]!)).toBe(
      'conv3: The kernel (5) is larger than the padded input (4), so it fits nowhere.',
    );
    expect(!r.ok && r.problems[0]!.values.path).toBe('2');
  });

  it.each<[string, Network, Shape, Record<string, string | number>, string, string]>([
    [
      'vector, then a map',
      [{ kind: 'concat', branches: [[{ kind: 'gap' }], [conv(4, 1)]] }],
      img(8, 8, 3),
      { detail: 'branchVectorVsMap', first: 3, branch: 2, other: '8×8×4' },
      'concat1: Branches must agree: branch 1 gives a vector of 3 but branch 2 gives 8×8×4.',
      'concat1: 브랜치들의 크기가 맞아야 합니다: 브랜치 1은 길이 3인 벡터를, 브랜치 2은(는) 8×8×4을(를) 내놓습니다.',
    ],
    [
      'a map, then a vector',
      [{ kind: 'concat', branches: [[conv(4, 1)], [conv(4, 1)], [{ kind: 'gap' }]] }],
      img(8, 8, 3),
      { detail: 'branchMapVsVector', first: '8×8', branch: 3, other: 3 },
      'concat1: Branches must agree: branch 1 gives 8×8 but branch 3 gives a vector of 3.',
      'concat1: 브랜치들의 크기가 맞아야 합니다: 브랜치 1은 8×8을(를), 브랜치 3은(는) 길이 3인 벡터를 내놓습니다.',
    ],
    [
      'two map sizes',
      [{ kind: 'concat', branches: [[conv(4, 1)], [conv(4, 3)]] }],
      img(8, 8, 3),
      { detail: 'branchMapSizes', first: '8×8', branch: 2, other: '6×6' },
      'concat1: Branches must agree: branch 1 gives 8×8 but branch 2 gives 6×6.',
      'concat1: 브랜치들의 크기가 맞아야 합니다: 브랜치 1은 8×8, 브랜치 2은(는) 6×6 크기를 내놓습니다.',
    ],
    [
      'identity shortcut',
      [{ kind: 'residual', body: [conv(8, 3, { p: 1 })] }],
      img(8, 8, 4),
      { detail: 'residualIdentity', first: '8×8×8', other: '8×8×4' },
      'res1: Branches must agree: the body gives 8×8×8 but the identity shortcut gives 8×8×4.',
      'res1: 브랜치들의 크기가 맞아야 합니다: 본체는 8×8×8, 항등 지름길 연결은 8×8×4을(를) 내놓습니다.',
    ],
    [
      'projection shortcut',
      [{ kind: 'residual', body: [conv(8, 3, { p: 1, s: 2 })], shortcut: [conv(8, 1)] }],
      img(8, 8, 4),
      { detail: 'residualShortcut', first: '4×4×8', other: '8×8×8' },
      'res1: Branches must agree: the body gives 4×4×8 but the shortcut gives 8×8×8.',
      'res1: 브랜치들의 크기가 맞아야 합니다: 본체는 4×4×8, 지름길 연결(shortcut)은 8×8×8을(를) 내놓습니다.',
    ],
  ])(
    'shape mismatch, %s: a detail code with values, in both languages',
    (_l, network, input, values, en, ko) => {
      const r = analyze(network, input);
      const p = !r.ok ? r.problems[0]! : null;
      expect(p?.code).toBe('shapeMismatch');
      expect(p?.values).toMatchObject(values);
      expect(describeProblem(uiStrings.en, p!)).toBe(en);
      expect(describeProblem(uiStrings.ko, p!)).toBe(ko);
    },
  );

  it.each<[string, Shape, ProblemCode]>([
    ['zero height', img(0, 8, 3), 'notPositive'],
    ['fractional width', img(8, 8.5, 3), 'notInteger'],
    ['flat size 0', { size: 0 }, 'notPositive'],
  ])('bad input: %s', (_label, input, code) => {
    const r = analyze([{ kind: 'relu' }], input);
    expect(!r.ok && r.problems[0]!.code).toBe(code);
  });

  it('an empty network is a problem, not an empty table', () => {
    const r = analyze([], img(8, 8, 3));
    expect(!r.ok && r.problems[0]!.code).toBe('emptyNetwork');
  });

  it('malformed objects (e.g. from a URL) do not throw', () => {
    const bad = [{ kind: 'conv', out: 4 }, { kind: 'nonsense' }] as unknown as Layer[];
    expect(() => analyze(bad, img(8, 8, 3))).not.toThrow();
    expect(analyze(bad, img(8, 8, 3)).ok).toBe(false);
    expect(analyze([{ kind: 'nonsense' } as unknown as Layer], img(8, 8, 3)).ok).toBe(false);
  });
});
