import { describe, expect, it } from 'vitest';
import {
  analyseBlock,
  buildBlock,
  columnX,
  computeFigure,
  defaultSettings,
  diagramHeight,
  DIAGRAM,
  type Settings,
} from '../../../src/components/widgets/InceptionBlock/inception-block';
import { english } from '../english';

const settings = (over: Partial<Settings>): Settings => ({ ...defaultSettings, ...over });
const ok = (s: Settings) => {
  const f = computeFigure(s);
  if (!f.ok) throw new Error(f.problems.map(english).join('; '));
  return f;
};

describe('inception 3a (in 192; 64 | 96→128 | 16→32 | pool→32) at 28×28', () => {
  const f = ok(defaultSettings);

  it('163,328 weights, 163,696 with biases, 256 channels out', () => {
    expect(f.totals.params).toEqual({ weights: 163_328, biases: 368, total: 163_696 });
    expect(f.totals.outChannels).toBe(256);
  });

  it('per branch, hand-derived: k·k·C_in·C_out (+ C_out)', () => {
    // 1×1: 192·64 + 64; 3×3: 192·96 + 96 + 9·96·128 + 128; 5×5: 192·16 + 16 + 25·16·32 + 32; pool: 192·32 + 32
    expect(f.branches.map((b) => b.params.total)).toEqual([12_352, 129_248, 15_920, 6_176]);
    expect(f.branches.map((b) => b.outChannels)).toEqual([64, 128, 32, 32]);
  });

  it('MACs = 28·28 · weights (stride 1, same padding): 128,049,152', () => {
    expect(f.totals.macs).toBe(784 * 163_328);
    expect(f.branches.map((b) => b.macs)).toEqual([
      784 * 12_288,
      784 * (18_432 + 110_592),
      784 * (3_072 + 12_800),
      784 * 6_144,
    ]);
  });

  it('steps: kernels, channels and which ones are reductions', () => {
    expect(
      f.branches.map((b) => b.steps.map((s) => `${s.kind}${s.k}:${s.cOut}${s.reduction ? 'r' : ''}`)),
    ).toEqual([
      ['conv1:64'],
      ['conv1:96r', 'conv3:128'],
      ['conv1:16r', 'conv5:32'],
      ['maxpool3:192', 'conv1:32r'],
    ]);
  });

  it('without reductions (naive block): 1×1 | 3×3 | 5×5 | pool of all 192 channels', () => {
    // 192·64 + 9·192·128 + 25·192·32 = 12,288 + 221,184 + 153,600 = 387,072 weights; 64 + 128 + 32 biases
    expect(f.other).toEqual({
      params: { weights: 387_072, biases: 224, total: 387_296 },
      macs: 784 * 387_072,
      outChannels: 416,
    });
    const naive = ok(settings({ reduce: false }));
    expect(naive.totals.outChannels).toBe(416);
    expect(naive.branches.map((b) => b.steps.length)).toEqual([1, 1, 1, 1]);
    expect(naive.branches.some((b) => b.steps.some((s) => s.reduction))).toBe(false);
    expect(naive.other?.params.total).toBe(163_696);
  });
});

describe('other settings', () => {
  it('the note’s bottleneck as a one-branch check: 128 → 1×1 32 → 3×3 128 costs 4,096 + 36,864 weights', () => {
    const a = analyseBlock(128, 8, { c1: 1, r3: 32, c3: 128, r5: 1, c5: 1, pp: 1 }, true);
    if (!a.ok) throw new Error('analyse failed');
    const b3 = a.branches[1]!;
    expect(b3.steps.map((s) => s.params.weights)).toEqual([4_096, 36_864]);
  });

  it('map size changes MACs, not parameters', () => {
    const small = ok(settings({ size: 7 }));
    expect(small.totals.params.total).toBe(163_696);
    expect(small.totals.macs).toBe(49 * 163_328);
  });

  it('reduction fields are not checked when the reductions are off', () => {
    expect(ok(settings({ reduce: false, r3: '', pp: 0 })).other).toBeNull();
  });

  it.each([
    ['no input channels', { cIn: 0 }, 'notPositive'],
    ['empty #3×3', { c3: '' }, 'missing'],
    ['fractional size', { size: 2.5 }, 'notInteger'],
    ['huge width', { c5: 10_000 }, 'tooLarge'],
    ['empty reduce with reductions on', { r5: null }, 'missing'],
  ])('%s is a problem, never NaN', (_label, over, code) => {
    const f = computeFigure(settings(over as Partial<Settings>));
    expect(f.ok).toBe(false);
    if (!f.ok) {
      expect(f.problems.map((p) => p.code)).toContain(code);
      for (const p of f.problems) expect(english(p)).not.toMatch(/NaN|undefined|\[missing/);
    }
  });

  it('the largest allowed setting still counts exactly (below 2^53)', () => {
    const f = ok(
      settings({ cIn: 4096, size: 1024, c1: 4096, r3: 4096, c3: 4096, r5: 4096, c5: 4096, pp: 4096 }),
    );
    // weights 4096²·(1 + 1 + 9 + 1 + 25 + 1) = 637,534,208; MACs 1024² times that
    expect(f.totals.params.weights).toBe(637_534_208);
    expect(f.totals.macs).toBe(1024 * 1024 * 637_534_208);
    expect(Number.isSafeInteger(f.totals.macs)).toBe(true);
  });

  it('buildBlock gives a concat of four branches either way', () => {
    const w = { c1: 1, r3: 2, c3: 3, r5: 4, c5: 5, pp: 6 };
    expect(buildBlock(w, true).branches).toHaveLength(4);
    expect(buildBlock(w, false).branches).toHaveLength(4);
  });

  it('diagram columns fit the view box, centred', () => {
    expect(columnX(0)).toBeGreaterThanOrEqual(0);
    expect(columnX(3) + DIAGRAM.column).toBeLessThanOrEqual(DIAGRAM.width);
    expect(columnX(0)).toBeCloseTo(DIAGRAM.width - columnX(3) - DIAGRAM.column, 9);
    expect(diagramHeight(2)).toBeGreaterThan(diagramHeight(1));
  });
});
