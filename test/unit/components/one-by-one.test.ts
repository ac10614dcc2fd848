import { describe, expect, it } from 'vitest';
import {
  channelSlots,
  computeOneByOne,
  defaultSettings,
  layerCost,
  mixingEquation,
  mixingLayout,
  LAYOUT,
  MAX_SLOTS,
  type OneByOneResult,
  type Settings,
  type Slot,
} from '~/components/widgets/OneByOne/one-by-one';
import { english } from '../english';

const settings = (over: Partial<Settings>): Settings => ({ ...defaultSettings, ...over });
const ok = (s: Settings): OneByOneResult => {
  const r = computeOneByOne(s);
  if (!r.ok) throw new Error(r.problems.map(english).join('; '));
  return r;
};

describe('computeOneByOne', () => {
  it.each([
    // H, W, C_in, C_out → 1×1 params (C_in·C_out + C_out), 1×1 MACs (H·W·C_out·C_in),
    //                     3×3 params (9·C_in·C_out + C_out), 3×3 MACs (H·W·C_out·9·C_in), by hand
    ['the lecture: 256×256×128 → 32', [256, 256, 128, 32], 4_128, 268_435_456, 36_896, 2_415_919_104],
    ['ResNet-50 reduce: 56×56×256 → 64', [56, 56, 256, 64], 16_448, 51_380_224, 147_520, 462_422_016],
    ['smallest: 1×1×1 → 1', [1, 1, 1, 1], 2, 1, 10, 9],
    ['non-square, expanding: 3×5×2 → 3', [3, 5, 2, 3], 9, 90, 57, 810],
  ] as const)('%s', (_name, [h, w, cIn, cOut], p1, m1, p3, m3) => {
    const r = ok({ h, w, cIn, cOut });
    expect(r.one.params.total).toBe(p1);
    expect(r.one.macs).toBe(m1);
    expect(r.three.params.total).toBe(p3);
    expect(r.three.macs).toBe(m3);
    expect([r.one.outH, r.one.outW, r.three.outH, r.three.outW]).toEqual([h, w, h, w]);
    expect(r.macRatio).toBe(9);
    expect(r.paramRatio).toBeCloseTo(p3 / p1, 12);
  });

  it('the 3×3 layer uses "same" padding 1, the 1×1 layer none', () => {
    const r = ok(defaultSettings);
    expect([r.one.k, r.one.p, r.three.k, r.three.p]).toEqual([1, 0, 3, 1]);
    expect(r.one.params).toEqual({ weights: 4096, biases: 32, total: 4128 });
  });

  it('stays exact at the largest accepted settings', () => {
    const r = ok({ h: 4096, w: 4096, cIn: 4096, cOut: 4096 });
    expect(Number.isSafeInteger(r.three.macs)).toBe(true);
    expect(r.three.macs).toBe(9 * 2 ** 48);
  });

  it.each([
    ['zero height', { h: 0 }, ['notPositive']],
    ['text width', { w: 'abc' }, ['missing']],
    ['too many input channels', { cIn: 4097 }, ['tooLarge']],
    ['fractional output channels', { cOut: 1.5 }, ['notInteger']],
    ['empty field', { cIn: '' }, ['missing']],
    ['several at once', { h: -2, cOut: 0 }, ['notPositive', 'notPositive']],
  ])('%s is a problem, never NaN', (_name, over, codes) => {
    const r = computeOneByOne(settings(over as Partial<Settings>));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.map((p) => p.code)).toEqual(codes);
      for (const p of r.problems) expect(english(p)).not.toMatch(/NaN|undefined|\[missing/);
    }
  });
});

describe('layerCost', () => {
  it.each([
    // k, H, W, C_in, C_out → params, MACs, output H×W (hand-derived)
    [1, 7, 7, 4, 2, 10, 392, 7],
    [3, 7, 7, 4, 2, 74, 3528, 7],
    [5, 9, 9, 1, 1, 26, 2025, 9],
  ])('k=%i on %i×%i×%i → %i: %i params, %i MACs', (k, h, w, cIn, cOut, params, macs, o) => {
    const c = layerCost(k, h, w, cIn, cOut);
    expect(c.params.total).toBe(params);
    expect(c.macs).toBe(macs);
    expect([c.outH, c.outW]).toEqual([o, o]);
  });
});

const show = (slots: Slot[]) => slots.map((s) => (s.kind === 'gap' ? '…' : s.index));

describe('channelSlots', () => {
  it.each([
    [1, undefined, [0]],
    [3, undefined, [0, 1, 2]],
    [7, undefined, [0, 1, 2, 3, 4, 5, 6]],
    [7, 6, [0, 1, 2, 3, 4, 5, 6]],
    [8, undefined, [0, 1, 2, 3, 4, '…', 7]],
    [128, undefined, [0, 1, 2, 3, 4, '…', 127]],
    [128, 3, [0, 1, 2, 3, 4, '…', 127]],
    [128, 127, [0, 1, 2, 3, 4, '…', 127]],
    [128, 50, [0, 1, 2, '…', 50, '…', 127]],
    [128, 126, [0, 1, 2, 3, '…', 126, 127]],
    [8, 5, [0, 1, 2, '…', 5, '…', 7]],
    [8, 6, [0, 1, 2, 3, '…', 6, 7]],
  ])('%i channels, keep %s → %j', (c, keep, want) =>
    expect(show(channelSlots(c, MAX_SLOTS, keep))).toEqual(want),
  );

  it('never exceeds the slots, always shows the kept channel, and every gap hides at least one channel', () => {
    for (let c = 1; c <= 40; c++) {
      for (let keep = 0; keep < c; keep++) {
        const slots = channelSlots(c, MAX_SLOTS, keep);
        expect(slots.length).toBeLessThanOrEqual(MAX_SLOTS);
        expect(show(slots)).toContain(keep);
        slots.forEach((s, i) => {
          if (s.kind !== 'gap') return;
          const prev = slots[i - 1]!;
          const next = slots[i + 1]!;
          expect(
            prev.kind === 'channel' && next.kind === 'channel' && next.index - prev.index,
          ).toBeGreaterThan(1);
        });
      }
    }
  });
});

describe('mixingLayout', () => {
  it('draws every weight of a small layer and marks the selected output', () => {
    const l = mixingLayout(3, 2, 1);
    expect(l.inputs).toHaveLength(3);
    expect(l.outputs).toHaveLength(2);
    expect(l.edges).toHaveLength(3 * 2);
    expect(l.edges.filter((e) => e.active).map((e) => [e.from, e.to])).toEqual([
      [0, 1],
      [1, 1],
      [2, 1],
    ]);
    // active edges come last so they are drawn on top
    expect(l.edges.slice(-3).every((e) => e.active)).toBe(true);
  });

  it('draws a subset with gaps for many channels', () => {
    const l = mixingLayout(128, 32, 0);
    expect(l.inputs).toHaveLength(MAX_SLOTS);
    expect(l.outputs).toHaveLength(MAX_SLOTS);
    // 6 drawn channels on each side (one slot is "…")
    expect(l.edges).toHaveLength(36);
    expect(l.edges.filter((e) => e.active)).toHaveLength(6);
    expect(l.height).toBe(LAYOUT.top + MAX_SLOTS * LAYOUT.row);
  });

  it.each([
    [99, 31],
    [-3, 0],
    [Number.NaN, 0],
    [2.6, 3],
  ])('selected %d clamps to %i of 32 outputs', (sel, want) => {
    const l = mixingLayout(4, 32, sel);
    expect(l.selected).toBe(want);
    expect(l.outputs.some((o) => o.slot.kind === 'channel' && o.slot.index === want)).toBe(true);
  });

  it('centres the shorter column', () => {
    const l = mixingLayout(2, 4, 0);
    expect(l.inputs[0]!.y - l.outputs[0]!.y).toBe(LAYOUT.row);
    expect(l.inputs.every((n) => n.x === LAYOUT.inX) && l.outputs.every((n) => n.x === LAYOUT.outX)).toBe(
      true,
    );
  });
});

describe('mixingEquation', () => {
  it.each([
    [0, 1, 'y₁ = w₁,₁·x₁ + b₁'],
    [1, 3, 'y₂ = w₂,₁·x₁ + w₂,₂·x₂ + w₂,₃·x₃ + b₂'],
    [0, 128, 'y₁ = w₁,₁·x₁ + w₁,₂·x₂ + … + w₁,₁₂₈·x₁₂₈ + b₁'],
    [31, 4, 'y₃₂ = w₃₂,₁·x₁ + w₃₂,₂·x₂ + … + w₃₂,₄·x₄ + b₃₂'],
  ])('output %i of %i inputs', (j, cIn, text) => expect(mixingEquation(j, cIn)).toBe(text));
});
