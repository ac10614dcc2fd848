import { describe, expect, it } from 'vitest';
import {
  channelSeries,
  computeFigure,
  connectionDiagram,
  defaultSettings,
  diagramPaths,
  labelledNodes,
  roundedSquare,
  densenet121Blocks,
  settingsOf,
  DIAGRAM,
  type Settings,
} from '~/components/widgets/DenseBlock/dense-block';
import { english } from '../english';

const settings = (over: Partial<Settings>): Settings => ({ ...defaultSettings, ...over });
const ok = (s: Settings) => {
  const f = computeFigure(s);
  if (!f.ok) throw new Error(f.problems.map(english).join('; '));
  return f;
};

describe('computeFigure', () => {
  it('default: DenseNet-121 block 1, 64 → 256 channels, transition to 128 on 28 × 28', () => {
    const f = ok(defaultSettings);
    expect(f.result.block.output).toEqual({ h: 56, w: 56, c: 256 });
    expect(f.result.transition?.output).toEqual({ h: 28, w: 28, c: 128 });
    expect(f.match?.index).toBe(1);
    expect(channelSeries(f.result).map((p) => p.channels)).toEqual([64, 96, 128, 160, 192, 224, 256]);
  });

  it.each([
    // k0, k, L, size, bottleneck, params of layer 1 (hand: 2C + 4kC + 8k + 36k² / 2C + 9Ck)
    ['16', '12', '3', '32', true, 32 + 768 + 96 + 5184],
    ['16', '12', '3', '32', false, 32 + 1728],
    ['24', '12', '16', '32', true, 48 + 1152 + 96 + 5184],
  ] as const)(
    'k₀ %s, k %s, L %s, %s², bottleneck %s: layer 1 has %i parameters',
    (k0, k, layers, size, b, p1) => {
      const f = ok(settings({ k0, k, layers, size, bottleneck: b }));
      expect(f.result.layers[0]!.params.total).toBe(p1);
      expect(f.result.layers.at(-1)!.cOut).toBe(Number(k0) + Number(layers) * Number(k));
      // the other variant is the same block with the bottleneck toggled
      expect(f.other?.bottleneck).toBe(!b);
    },
  );

  it('the bottleneck saves more the later the layer (DenseNet-121 block 3, 24 layers)', () => {
    const f = ok(settingsOf(densenet121Blocks[2]!));
    const saving = f.result.layers.map((l, i) => f.other!.layers[i]!.params.total - l.params.total);
    for (let i = 1; i < saving.length; i++) expect(saving[i]!).toBeGreaterThan(saving[i - 1]!);
  });

  it('θ is read only with a transition; θ = 1 keeps every channel', () => {
    expect(ok(settings({ transition: false, theta: '' })).result.transition).toBeNull();
    expect(ok(settings({ theta: '1' })).result.transition?.output.c).toBe(256);
    expect(ok(settings({ theta: 0.25 })).result.transition?.output.c).toBe(64);
    expect(ok(settings({ theta: '0.25' })).match).toBeNull();
  });

  it.each<[string, Partial<Settings>, string, string]>([
    ['k = 0', { k: '0' }, 'notPositive', 'k'],
    ['empty L', { layers: '' }, 'missing', 'layers'],
    ['fractional k₀', { k0: '6.5' }, 'notInteger', 'k0'],
    ['θ empty', { theta: '' }, 'missingNumber', 'theta'],
    ['θ = 0', { theta: '0' }, 'outOfRange', 'theta'],
    ['θ = 2', { theta: '2' }, 'outOfRange', 'theta'],
    ['too many layers', { layers: '500' }, 'tooLarge', 'layers'],
  ])('%s → a problem naming the field', (_l, over, code, what) => {
    const f = computeFigure(settings(over));
    expect(f.ok).toBe(false);
    if (f.ok) return;
    expect(f.problems[0]!.code).toBe(code);
    expect(f.problems[0]!.values.what).toBe(what);
    for (const p of f.problems) expect(english(p)).not.toMatch(/NaN|undefined|\{/);
  });

  it('a 1 × 1 map cannot take the transition’s 2 × 2 pooling: a problem, not an exception', () => {
    const f = computeFigure(settings({ size: '1' }));
    expect(f.ok).toBe(false);
    expect(ok(settings({ size: '1', transition: false })).result.block.output.h).toBe(1);
  });
});

describe('DenseNet-121 reference blocks (from the preset)', () => {
  it('four blocks: 6, 12, 24, 16 layers ending with 256, 512, 1024, 1024 channels', () => {
    expect(densenet121Blocks.map((b) => [b.layers, b.k0, b.out, b.afterTransition, b.size])).toEqual([
      [6, 64, 256, 128, 56],
      [12, 128, 512, 256, 28],
      [24, 256, 1024, 512, 14],
      [16, 512, 1024, null, 7],
    ]);
  });
  it.each(densenet121Blocks.map((b) => [b.index, b] as const))(
    'block %i: its settings rebuild it',
    (_i, b) => {
      const f = ok(settingsOf(b));
      expect(f.match).toEqual(b);
      expect(f.result.block.output.c).toBe(b.out);
      expect(f.result.transition?.output.c ?? null).toBe(b.afterTransition);
    },
  );
});

describe('connection diagram', () => {
  it.each([
    [1, 1],
    [3, 6],
    [6, 21],
    [12, 78],
  ])('%i layers: L(L + 1)/2 = %i arcs, each from an earlier map to a later layer', (layers, arcs) => {
    const d = connectionDiagram(layers);
    expect(d.arcs).toHaveLength(arcs);
    expect(d.nodes).toHaveLength(layers + 1);
    expect(d.arcs.every((a) => a.from < a.to)).toBe(true);
    // layer ℓ reads x₀ … x_{ℓ−1}: ℓ arcs end at node ℓ, each from a different map
    for (let to = 1; to <= layers; to++)
      expect(d.arcs.filter((a) => a.to === to).map((a) => a.from)).toEqual([...Array(to).keys()]);
    for (const a of d.arcs) expect(a.d).not.toMatch(/NaN/);
  });
  it('long blocks are drawn up to the first maxNodes − 1 layers', () => {
    const d = connectionDiagram(24);
    expect(d.drawn).toBe(DIAGRAM.maxNodes - 1);
    expect(d.layers).toBe(24);
    expect(d.nodes.at(-1)!.x).toBeLessThanOrEqual(DIAGRAM.width);
  });

  // one subpath per mark: "M" starts every arc and every square; "A" draws an arc, "a" a corner
  const count = (path: string, c: string) => path.split(c).length - 1;
  it.each([
    // L, arcs from x₀ (= drawn layers), arcs between layers n(n − 1)/2, layer squares
    [1, 1, 0, 1],
    [6, 6, 15, 6],
    [12, 12, 66, 12],
    [24, 12, 66, 12],
  ])(
    '%i layers → paths of %i input arcs, %i layer arcs and %i layer squares',
    (layers, fromInput, between, squares) => {
      const p = diagramPaths(connectionDiagram(layers));
      expect(count(p.inputArcs, 'M')).toBe(fromInput);
      expect(count(p.inputArcs, 'A')).toBe(fromInput);
      expect(count(p.layerArcs, 'A')).toBe(between);
      expect(count(p.inputNode, 'M')).toBe(1);
      expect(count(p.layerNodes, 'M')).toBe(squares);
      expect(count(p.layerNodes, 'a')).toBe(4 * squares);
      // every arc of the diagram is in exactly one of the two arc paths
      expect(count(p.inputArcs + p.layerArcs, 'A')).toBe(connectionDiagram(layers).arcs.length);
    },
  );

  it.each([
    // cx, cy, size, r → path (hand: top edge from cx − size/2 + r, four quarter-circle corners)
    [10, 20, 12, 2, 'M6 14h8a2 2 0 0 1 2 2v8a2 2 0 0 1 -2 2h-8a2 2 0 0 1 -2 -2v-8a2 2 0 0 1 2 -2z'],
    [0, 0, 4, 0, 'M-2 -2h4a0 0 0 0 1 0 0v4a0 0 0 0 1 0 0h-4a0 0 0 0 1 0 0v-4a0 0 0 0 1 0 0z'],
    [35.3, 50, 12, 2, 'M31.3 44h8a2 2 0 0 1 2 2v8a2 2 0 0 1 -2 2h-8a2 2 0 0 1 -2 -2v-8a2 2 0 0 1 2 -2z'],
  ])('roundedSquare(%d, %d, %d, %d)', (cx, cy, size, r, path) => {
    expect(roundedSquare(cx, cy, size, r)).toBe(path);
  });

  it('the squares are centred on the nodes, on the baseline', () => {
    const d = connectionDiagram(6);
    const p = diagramPaths(d);
    const starts = [...p.layerNodes.matchAll(/M([\d.-]+) ([\d.-]+)/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    starts.forEach(([x, y], i) => {
      expect(x! - DIAGRAM.radius + DIAGRAM.node / 2).toBeCloseTo(d.nodes[i + 1]!.x, 1);
      expect(y! + DIAGRAM.node / 2).toBe(d.baseline);
    });
  });

  it.each([
    // L → node numbers written (x₀ is 0): all up to 9 nodes, then even ones and the last
    [1, [0, 1]],
    [8, [0, 1, 2, 3, 4, 5, 6, 7, 8]],
    [9, [0, 2, 4, 6, 8, 9]],
    [12, [0, 2, 4, 6, 8, 10, 12]],
    [11, [0, 2, 4, 6, 8, 10, 11]],
  ])('%i layers: nodes labelled %j', (layers, shown) => {
    expect(labelledNodes(connectionDiagram(layers)).map((n) => n.index)).toEqual(shown);
  });
});
