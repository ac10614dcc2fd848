import { describe, expect, it } from 'vitest';
import {
  cellKind,
  computeFigure,
  defaultSettings,
  formulaTex,
  placements,
  unreadIndices,
  cellGlyphs,
  cellPath,
  type Settings,
} from '~/components/widgets/PaddingFormula/padding-formula';
import { english } from '../english';

const settings = (over: Partial<Settings>): Settings => ({ ...defaultSettings, ...over });

describe('computeFigure', () => {
  it.each([
    // n, k, p, s, d, expected o   (hand-computed with o = ⌊(n + 2p − k')/s⌋ + 1)
    [7, 3, 1, 1, 1, 7],
    [7, 3, 1, 2, 1, 4],
    [32, 5, 0, 1, 1, 28],
    [227, 11, 0, 4, 1, 55],
    [224, 11, 0, 4, 1, 54],
    [10, 3, 0, 1, 2, 6],
    [5, 5, 0, 1, 1, 1],
    [1, 1, 0, 1, 1, 1],
    [8, 3, 0, 2, 1, 3],
    [4, 3, 2, 3, 1, 2],
  ])('n=%i k=%i p=%i s=%i d=%i → o=%i', (n, k, p, s, d, o) => {
    const f = computeFigure(settings({ n, k, p, s, d }));
    expect(f.ok && f.result.o).toBe(o);
  });

  it.each([
    ['kernel larger than padded input', { n: 3, k: 5, p: 0 }, 'kernelTooLarge'],
    ['stride 0', { s: 0 }, 'notPositive'],
    ['negative padding', { p: -1 }, 'negative'],
    ['fractional kernel', { k: 2.5 }, 'notInteger'],
    ['empty field', { n: '' }, 'missing'],
    ['null field', { d: null }, 'missing'],
    ['text field', { n: 'abc' }, 'missing'],
    ['dilation 0', { d: 0 }, 'notPositive'],
    ['huge input', { n: 1e9 }, 'tooLarge'],
    ['same with even kernel', { k: 4, same: true }, 'sameNotInteger'],
    ['same with stride 2', { s: 2, same: true }, 'sameNeedsStride1'],
  ])('%s is a problem, never NaN', (_name, over, code) => {
    const f = computeFigure(settings(over as Partial<Settings>));
    expect(f.ok).toBe(false);
    if (!f.ok) {
      expect(f.problems.map((p) => p.code)).toContain(code);
      for (const p of f.problems) expect(english(p)).not.toMatch(/NaN|undefined|\[missing/);
    }
  });

  it('"same" padding picks p = (k′ − 1)/2 and keeps the size', () => {
    const f = computeFigure(settings({ n: 9, k: 5, same: true, p: 0 }));
    expect(f.ok && [f.p, f.result.o]).toEqual([2, 9]);
    const dilated = computeFigure(settings({ n: 9, k: 3, d: 2, same: true }));
    expect(dilated.ok && [dilated.p, dilated.result.o]).toEqual([2, 9]);
  });

  it('warns about uneven tiling and padding at least the kernel', () => {
    const tiling = computeFigure(settings({ n: 8, k: 3, p: 0, s: 2 }));
    expect(tiling.ok && tiling.warnings.map((w) => w.code)).toEqual(['doesNotTile']);
    const pad = computeFigure(settings({ n: 4, k: 3, p: 3, s: 1 }));
    expect(pad.ok && pad.warnings.map((w) => w.code)).toEqual(['paddingTooLarge']);
    const clean = computeFigure(defaultSettings);
    expect(clean.ok && clean.warnings).toEqual([]);
  });

  it('does not draw grids past the size limit but still computes', () => {
    const f = computeFigure(settings({ n: 227, k: 11, p: 0, s: 4 }));
    expect(f.ok && f.drawable).toBe(false);
    expect(
      computeFigure(defaultSettings).ok && (computeFigure(defaultSettings) as { drawable: boolean }).drawable,
    ).toBe(true);
  });
});

describe('grid helpers', () => {
  it('cellKind marks p cells on each side as padding', () => {
    expect([0, 1, 2, 6, 7, 8].map((x) => cellKind(x, 7, 1))).toEqual([
      'padding',
      'image',
      'image',
      'image',
      'image',
      'padding',
    ]);
  });

  it.each([
    // n, k, p, s, d, unread padded indices
    [8, 3, 0, 2, 1, [7]],
    [7, 3, 1, 1, 1, []],
    [7, 3, 0, 3, 1, [6]],
    [9, 2, 0, 3, 1, [2, 5, 8]],
    [6, 2, 0, 1, 3, []],
  ])('unread cells n=%i k=%i p=%i s=%i d=%i → %j', (n, k, p, s, d, unread) => {
    const f = computeFigure(settings({ n, k, p, s, d }));
    if (!f.ok) throw new Error('expected valid');
    expect([...unreadIndices(f)].sort((a, b) => a - b)).toEqual(unread);
  });
});

describe('cellGlyphs: one character per cell as a single <text>', () => {
  const zeroUnlessCorner = (y: number, x: number) => (y === 0 && x === 0 ? null : '0');
  it.each([
    // size, cell px, glyph(y, x) → x list, y list, text
    [1, 20, () => '7', '10', '10', '7'],
    [2, 10, zeroUnlessCorner, '15 5 15', '5 15 15', '000'],
    [2, 10, (y: number, x: number) => String(y * 2 + x), '5 15 5 15', '5 5 15 15', '0123'],
    [3, 2, () => null, '', '', ''],
    [0, 20, () => '0', '', '', ''],
  ] as const)('size %i, cell %i px', (size, cell, glyph, xs, ys, text) => {
    expect(cellGlyphs(size, cell, glyph)).toEqual({ x: xs, y: ys, text });
  });

  it('refuses more than one character for a cell (it would be laid out as two chunks)', () => {
    expect(() => cellGlyphs(1, 20, () => '12')).toThrow(/one character/);
  });
});

describe('formulaTex', () => {
  it('substitutes the numbers and shows the result', () => {
    const f = computeFigure(settings({ n: 7, k: 3, p: 1, s: 2, d: 1 }));
    if (!f.ok) throw new Error('expected valid');
    const tex = formulaTex(f);
    expect(tex).toContain('\\frac{7 + 2 \\cdot 1 - 3}{2}');
    expect(tex).toMatch(/= 4 \\end{aligned}$/);
  });
  it("uses k' and the dilated extent when d > 1, and a fraction when s does not divide", () => {
    const f = computeFigure(settings({ n: 8, k: 3, p: 0, s: 2, d: 2 }));
    if (!f.ok) throw new Error('expected valid');
    const tex = formulaTex(f);
    expect(tex).toContain("k'");
    expect(tex).toContain('\\frac{8 + 2 \\cdot 0 - 5}{2}');
    expect(tex).toContain('\\tfrac{3}{2}');
    expect(tex).toMatch(/= 2 \\end{aligned}$/);
  });
});

describe('placements: how many kernel placements read each pixel', () => {
  it.each([
    // n, k, p, s, corner, edge, interior, min, max
    [7, 3, 1, 1, 4, 6, 9, 4, 9], // same padding: the 4 / 6 / 9
    [7, 3, 0, 1, 1, 3, 9, 1, 9], // valid: the corner is read once
    [7, 3, 2, 1, 9, 9, 9, 9, 9], // p = k − 1: every pixel equally
    [7, 5, 2, 1, 9, 15, 25, 9, 25],
    [8, 3, 0, 2, 1, 1, 1, 0, 4], // stride 2, no padding: uneven (1, 1, 2, 1, 2, 1, 1, 0), the last row is never read
  ])(
    'n=%i k=%i p=%i s=%i → corner %i, edge %i, interior %i, range %i–%i',
    (n, k, p, s, corner, edge, interior, min, max) => {
      const f = computeFigure(settings({ n, k, p, s, d: 1 }));
      expect(f.ok).toBe(true);
      if (!f.ok) return;
      expect(placements(f)).toMatchObject({ corner, edge, interior, min, max });
    },
  );

  it('counts along one axis, the grid multiplies them', () => {
    const f = computeFigure(settings({ n: 5, k: 3, p: 1, s: 1, d: 1 }));
    expect(f.ok && placements(f)?.along).toEqual([2, 3, 3, 3, 2]);
  });

  it('leaves the counts out when counting would stall the page (n·k above MAX_COUNTED)', () => {
    const f = computeFigure(settings({ n: 99_999, k: 99_999, p: 0, s: 1, d: 1 }));
    expect(f.ok && placements(f)).toBeNull();
    const g = computeFigure(settings({ n: 91_827, k: 3, p: 1, s: 1, d: 1 }));
    expect(g.ok && placements(g)).toMatchObject({ corner: 4, edge: 6, interior: 9, min: 4, max: 9 });
  });
});

describe('cellPath: a class of cells as one <path>', () => {
  it.each([
    // size, cell px, include(y, x) → d
    [1, 20, () => true, 'M0 0h20v20h-20z'],
    [2, 10, (y: number, x: number) => y === x, 'M0 0h10v10h-10zM10 10h10v10h-10z'],
    [2, 5, (y: number) => y === 1, 'M0 5h5v5h-5zM5 5h5v5h-5z'],
    [3, 20, () => false, ''],
    [0, 20, () => true, ''],
  ] as const)('size %i, cell %i px', (size, cell, include, d) => {
    expect(cellPath(size, cell, include)).toBe(d);
  });

  it('draws one square per included cell', () => {
    const d = cellPath(9, 20, (y, x) => (y + x) % 2 === 0);
    expect(d.match(/M/g)).toHaveLength(41);
  });
});
