import { describe, expect, it } from 'vitest';
import { analyze, type Layer } from '~/lib/cnn/analyze';
import { presetKeys, presets } from '~/lib/cnn/presets';
import type { ProblemCode } from '~/lib/cnn/problems';
import { formatNetwork, MAX_NESTING, parseNetwork, parseShape } from '~/lib/cnn/text-format';
import { english } from '../../english';

function parsed(text: string) {
  const r = parseNetwork(text);
  if (!r.ok) throw new Error(r.problems.map(english).join('\n'));
  return r.value;
}

describe('parseNetwork', () => {
  it('reads layers, names, settings, comments and the input line', () => {
    const text = `# AlexNet's first layers
input 227x227x3
conv1: conv 96 k11 s4     # 55×55×96
relu
lrn 5
maxpool k3 s2 ceil

conv 256 k5 p2 g2 nobias
conv 64 k=3 p=same d2 bias
conv 8 k1x7 p=valid
avgpool k2
convt 64 k4 s2 p1 op0
gap
dropout 0.5
fc 10 nobias
`;
    const expected: Layer[] = [
      { name: 'conv1', kind: 'conv', out: 96, k: 11, s: 4 },
      { kind: 'relu' },
      { kind: 'lrn', size: 5 },
      { kind: 'maxpool', k: 3, s: 2, ceil: true },
      { kind: 'conv', out: 256, k: 5, p: 2, g: 2, bias: false },
      { kind: 'conv', out: 64, k: 3, p: 'same', d: 2, bias: true },
      { kind: 'conv', out: 8, k: [1, 7], p: 'valid' },
      { kind: 'avgpool', k: 2 },
      { kind: 'convt', out: 64, k: 4, s: 2, p: 1, op: 0 },
      { kind: 'gap' },
      { kind: 'dropout', rate: 0.5 },
      { kind: 'fc', out: 10, bias: false },
    ];
    const r = parsed(text);
    expect(r.network).toEqual(expected);
    expect(r.input).toEqual({ h: 227, w: 227, c: 3 });
    expect(r.positions['0']).toEqual({ line: 3, col: 1 }); // a named layer starts at its name
    expect(r.positions['4']).toEqual({ line: 8, col: 1 });
  });

  it('reads concat and residual blocks; indentation is cosmetic', () => {
    const r = parsed(`input 784
mix: concat {
  branch { identity }
branch {
      bn
      conv 4 k3 p1
  }
}
residual {
  conv 8 k3 p1
} shortcut {
  conv 8 k1
}
residual {
  relu
}
shortcut {
  bn
}
residual {
  relu
}
`);
    expect(r.input).toEqual({ size: 784 });
    expect(r.network).toEqual([
      {
        name: 'mix',
        kind: 'concat',
        branches: [[{ kind: 'identity' }], [{ kind: 'bn' }, { kind: 'conv', out: 4, k: 3, p: 1 }]],
      },
      {
        kind: 'residual',
        body: [{ kind: 'conv', out: 8, k: 3, p: 1 }],
        shortcut: [{ kind: 'conv', out: 8, k: 1 }],
      },
      { kind: 'residual', body: [{ kind: 'relu' }], shortcut: [{ kind: 'bn' }] },
      { kind: 'residual', body: [{ kind: 'relu' }] },
    ]);
    expect(r.positions).toMatchObject({
      '0': { line: 2, col: 1 },
      '0.0.0': { line: 3, col: 12 },
      '0.1.1': { line: 6, col: 7 },
      '1.shortcut.0': { line: 12, col: 3 },
    });
  });

  it('without an input line, input is null; an empty text is an empty network', () => {
    expect(parsed('relu').input).toBeNull();
    expect(parsed('  # nothing\n\n').network).toEqual([]);
  });

  it('leaves value checks to analyze, whose problem path maps back to the line', () => {
    const r = parsed('input 8x8x3\nconv 4 k3\nres: residual {\n  conv 4 k3 s0\n}\n');
    const a = analyze(r.network, r.input!);
    expect(a.ok).toBe(false);
    if (a.ok) return;
    expect(a.problems[0]!.values.layer).toBe('res/conv1');
    expect(r.positions[String(a.problems[0]!.values.path)]).toEqual({ line: 4, col: 3 });
  });

  it.each<[string, string, ProblemCode, number, number]>([
    ['missing channel count', 'conv k3', 'parseExpected', 1, 6],
    ['missing kernel', 'conv 64', 'parseExpected', 1, 8],
    ['missing kernel before a comment', 'maxpool s2 # oops\nrelu', 'parseExpected', 1, 18],
    ['unknown layer type', 'relu\n  pool k3', 'unknownLayer', 2, 3],
    ['unknown setting', 'conv 64 k3 x5', 'unknownOption', 1, 12],
    ['a setting of another layer', 'maxpool k3 g2', 'unknownOption', 1, 12],
    ['a flag of another layer', 'fc 10 ceil', 'unknownOption', 1, 7],
    ['bare same', 'conv 64 k3 same', 'unknownOption', 1, 12],
    ['setting twice', 'conv 64 k3 s2 s1', 'duplicateOption', 1, 15],
    ['bias twice', 'fc 10 bias nobias', 'duplicateOption', 1, 12],
    ['bad kernel', 'conv 64 k=foo', 'parseExpected', 1, 9],
    ['half a rectangular kernel', 'conv 64 k3x', 'parseExpected', 1, 9],
    ['not a setting at all', 'conv 64 kfoo', 'unknownOption', 1, 9],
    ['bad padding', 'conv 64 k3 pmax', 'unknownOption', 1, 12],
    ['bad padding word', 'conv 64 k3 p=max', 'parseExpected', 1, 12],
    ['input after a layer', 'relu\ninput 8x8x3', 'misplacedInput', 2, 1],
    ['input twice', 'input 8x8x3\ninput 8x8x3', 'misplacedInput', 2, 1],
    ['input inside a block', 'residual {\n  input 8x8x3\n}', 'misplacedInput', 2, 3],
    ['bad input shape', 'input 8x8', 'parseExpected', 1, 7],
    ['layer directly in concat', 'concat {\n  conv 8 k1\n}', 'parseExpected', 2, 3],
    ['unclosed block', 'residual {\n  relu\n', 'parseExpected', 3, 1],
    ['stray brace', 'relu }', 'parseExpected', 1, 6],
    ['stray colon', ': relu', 'parseExpected', 1, 1],
    ['name without a layer', 'x:\nrelu', 'parseExpected', 1, 3],
    ['concat without brace', 'concat\n', 'parseExpected', 1, 7],
    ['two layers on a line', 'relu relu', 'unknownOption', 1, 6],
    // MAX_NESTING + 1 residual blocks, one per line: the 65th "{" is on line 65, column 10
    [
      'blocks nested too deep',
      'residual {\n'.repeat(65) + 'relu\n' + '}\n'.repeat(65),
      'nestedTooDeep',
      65,
      10,
    ],
    ['10,000 open blocks', 'residual {\n'.repeat(10_000), 'nestedTooDeep', 65, 10],
  ])('%s: %j → %s at %i:%i', (_label, text, code, line, col) => {
    const r = parseNetwork(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]).toMatchObject({ code, values: { line, col } });
    expect(english(r.problems[0]!)).toMatch(new RegExp(`^Line ${line}, column ${col}: `));
  });

  it(`accepts blocks nested ${MAX_NESTING} deep, branches included`, () => {
    const deep =
      'residual {\n'.repeat(MAX_NESTING - 1) +
      'concat {\nbranch {\nrelu\n}\n}\n' +
      '}\n'.repeat(MAX_NESTING - 1);
    expect(parseNetwork(deep).ok).toBe(true);
    const deeper =
      'residual {\n'.repeat(MAX_NESTING) + 'concat {\nbranch {\nrelu\n}\n}\n' + '}\n'.repeat(MAX_NESTING);
    expect(parseNetwork(deeper)).toMatchObject({ ok: false, problems: [{ code: 'nestedTooDeep' }] });
  });

  it('says what it expected', () => {
    const r = parseNetwork('conv k3');
    // codes and values only; the sentence comes from en.json
    expect(!r.ok && r.problems[0]!.values).toEqual({
      line: 1,
      col: 6,
      expected: 'outChannels',
      example: 'conv 64 k3',
      found: 'token',
      token: 'k3',
    });
    expect(!r.ok && english(r.problems[0]!)).toBe(
      'Line 1, column 6: expected the number of output channels (e.g. conv 64 k3), but found "k3".',
    );
  });

  it.each([
    ['227x227x3', { h: 227, w: 227, c: 3 }],
    ['32×32×3', { h: 32, w: 32, c: 3 }],
    ['784', { size: 784 }],
  ])('parseShape(%s)', (text, shape) => expect(parseShape(text)).toEqual({ ok: true, value: shape }));
  it.each(['8x8', 'axbxc', '', '8x8x3x2'])('parseShape(%j) fails', (text) =>
    expect(parseShape(text).ok).toBe(false),
  );
});

describe('formatNetwork', () => {
  it('prints one layer per line with names, settings and blocks', () => {
    const text = formatNetwork(
      [
        { name: 'conv1', kind: 'conv', out: 96, k: 11, s: 4 },
        { kind: 'maxpool', k: 3, s: 2, ceil: true },
        { kind: 'conv', out: 64, k: [1, 7], p: 'same', bias: false },
        { kind: 'concat', branches: [[{ kind: 'identity' }], [{ kind: 'conv', out: 4, k: 3, p: 1 }]] },
        { kind: 'residual', body: [{ kind: 'relu' }], shortcut: [{ kind: 'bn' }] },
        { kind: 'dropout', rate: 0.5 },
      ],
      { h: 227, w: 227, c: 3 },
    );
    expect(text).toBe(`input 227x227x3
conv1: conv 96 k11 s4
maxpool k3 s2 ceil
conv 64 k1x7 p=same nobias
concat {
  branch {
    identity
  }
  branch {
    conv 4 k3 p1
  }
}
residual {
  relu
} shortcut {
  bn
}
dropout 0.5
`);
  });

  it.each(presetKeys)('%s prints and parses back to the same network and input', (key) => {
    const { network, input } = presets[key];
    const text = formatNetwork(network, input);
    const back = parsed(text);
    expect(back.network).toEqual(network);
    expect(back.input).toEqual(input);
    expect(formatNetwork(back.network, back.input)).toBe(text);
  });

  it('an explicit empty shortcut survives the round trip', () => {
    const network: Layer[] = [{ kind: 'residual', body: [{ kind: 'relu' }], shortcut: [] }];
    expect(parsed(formatNetwork(network)).network).toEqual(network);
  });
});
