import { describe, expect, it } from 'vitest';
import {
  boxWidth,
  boxY,
  columnX,
  computeFigure,
  defaultSettings,
  maxChannels,
  resnet50Blocks,
  settingsOf,
  DIAGRAM,
  type Settings,
} from '../../../src/components/widgets/BottleneckBlock/bottleneck-block';
import { english } from '../english';

const settings = (over: Partial<Settings>): Settings => ({ ...defaultSettings, ...over });
const ok = (s: Settings) => {
  const f = computeFigure(s);
  if (!f.ok) throw new Error(f.problems.map(english).join('; '));
  return f;
};

describe('computeFigure', () => {
  it('default: the 256-d block of the paper, 1,179,648 vs 69,632 conv weights, ResNet-50 conv2_2', () => {
    const f = ok(defaultSettings);
    expect(f.comparison.basic.convWeights).toBe(1_179_648);
    expect(f.comparison.bottleneck.convWeights).toBe(69_632);
    expect(f.reference.match?.name).toBe('conv2_2');
    expect(f.reference.match?.count).toBe(2);
    expect(f.reference.total).toBe(25_557_032);
  });

  it.each([
    // C_in, C_out, m, size, s, basic conv weights, bottleneck conv weights, basic rf, bottleneck rf, out size
    ['64', '64', '16', '56', 1, 73_728, 1024 + 2304 + 1024, 5, 3, 56],
    [
      '256',
      '512',
      '128',
      '56',
      2,
      9 * 256 * 512 + 9 * 512 * 512,
      256 * 128 + 9 * 128 * 128 + 128 * 512,
      7,
      3,
      28,
    ],
    ['3', '5', '2', '7', 2, 9 * 3 * 5 + 9 * 25, 6 + 36 + 10, 7, 3, 4],
  ] as const)(
    'C_in %s, C_out %s, m %s, %s², stride %i',
    (cIn, cOut, width, size, s, bw, bnw, brf, bnrf, out) => {
      const f = ok(settings({ cIn, cOut, width, size, s }));
      expect(f.comparison.basic.convWeights).toBe(bw);
      expect(f.comparison.bottleneck.convWeights).toBe(bnw);
      expect([f.comparison.basic.rf, f.comparison.bottleneck.rf]).toEqual([brf, bnrf]);
      expect(f.comparison.bottleneck.output.h).toBe(out);
    },
  );

  it('accepts numbers as the browser binds them', () => {
    expect(ok(settings({ cIn: 256, cOut: 256, width: 64, size: 56 })).comparison.bottleneck.convWeights).toBe(
      69_632,
    );
  });

  it.each<[string, Partial<Settings>, string]>([
    ['empty width', { width: '' }, 'missing'],
    ['zero C_in', { cIn: '0' }, 'notPositive'],
    ['fraction', { cOut: '2.5' }, 'notInteger'],
    ['too wide', { width: '100000' }, 'tooLarge'],
    ['negative size', { size: '-3' }, 'notPositive'],
  ])('%s → a problem, never NaN', (_l, over, code) => {
    const f = computeFigure(settings(over));
    expect(f.ok).toBe(false);
    if (f.ok) return;
    expect(f.problems[0]!.code).toBe(code);
    for (const p of f.problems) expect(english(p)).not.toMatch(/NaN|undefined|\{/);
  });
});

describe('ResNet-50 reference blocks (from the preset)', () => {
  it('8 distinct configurations covering all 16 blocks', () => {
    expect(resnet50Blocks.map((b) => b.name)).toEqual([
      'conv2_1',
      'conv2_2',
      'conv3_1',
      'conv3_2',
      'conv4_1',
      'conv4_2',
      'conv5_1',
      'conv5_2',
    ]);
    expect(resnet50Blocks.reduce((t, b) => t + b.count, 0)).toBe(16);
  });

  it('stage boundaries halve the map with stride 2 and double the output channels', () => {
    expect(
      resnet50Blocks.filter((b) => b.s === 2).map((b) => [b.name, b.size, b.cIn, b.cOut, b.width]),
    ).toEqual([
      ['conv3_1', 56, 256, 512, 128],
      ['conv4_1', 28, 512, 1024, 256],
      ['conv5_1', 14, 1024, 2048, 512],
    ]);
  });

  it.each(resnet50Blocks.map((b) => [b.name, b] as const))(
    '%s: its settings find it again, same parameters',
    (_n, b) => {
      const f = ok(settingsOf(b));
      expect(f.reference.match).toEqual(b);
      expect(f.comparison.bottleneck.params.total).toBe(b.params);
    },
  );
});

describe('diagram geometry', () => {
  it('two columns centred in the drawing', () => {
    expect(columnX(0)).toBeGreaterThanOrEqual(0);
    expect(columnX(1) + DIAGRAM.column).toBeLessThanOrEqual(DIAGRAM.width);
    expect(columnX(0) + (columnX(1) + DIAGRAM.column)).toBeCloseTo(DIAGRAM.width);
  });
  it('box widths grow with channels and stay within bounds', () => {
    const max = 4096;
    const widths = [1, 64, 256, 4096, 10_000].map((c) => boxWidth(c, max));
    for (let i = 1; i < 4; i++) expect(widths[i]!).toBeGreaterThan(widths[i - 1]!);
    expect(widths[0]).toBe(DIAGRAM.minBar);
    expect(widths[4]).toBe(DIAGRAM.maxBar);
    expect(Number.isFinite(boxWidth(1, 1))).toBe(true);
  });
  it('two boxes are centred against three', () => {
    expect(boxY(0, 2) - boxY(0, 3)).toBeCloseTo((DIAGRAM.box + DIAGRAM.rowGap) / 2);
  });
  it('maxChannels looks at input and every conv', () => {
    expect(maxChannels(ok(settings({ cIn: '2048', cOut: '8', width: '4' })).comparison)).toBe(2048);
  });
});
